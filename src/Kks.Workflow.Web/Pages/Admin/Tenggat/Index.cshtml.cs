using System.Globalization;
using System.Text;
using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Notifications.Deadlines;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kks.Workflow.Web.Pages.Admin.Tenggat;

/// <summary>
/// The deadline policies (kks:deadlinePolicy): the list, and one form to create or change a policy with its steps
/// written one per line ("-3: candidate-group", "5: leader:kadis-kesehatan"). Admin only, like the API.
/// </summary>
public sealed class IndexModel(WorkflowDbContext db, DeadlinePolicyStore store) : PageModel
{
    public IReadOnlyList<DeadlinePolicy> Policies { get; private set; } = [];

    public Dictionary<string, string?> Descriptions { get; } = new(StringComparer.Ordinal);

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string? Steps { get; set; }

    public List<string> Problems { get; } = [];

    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? ubah, string? tersimpan, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.Admin))
        {
            return Forbid();
        }

        await LoadAsync(cancellationToken).ConfigureAwait(false);
        Saved = tersimpan;
        if (ubah is not null && Policies.FirstOrDefault(p => p.Name == ubah) is { } policy)
        {
            Name = policy.Name;
            Description = Descriptions.GetValueOrDefault(policy.Name);
            Steps = string.Join("\n", policy.Steps.Select(s => $"{s.WorkingDaysFromDue.ToString(CultureInfo.InvariantCulture)}: {string.Join(", ", s.To)}"));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.Admin))
        {
            return Forbid();
        }

        var english = PageRegistration.LanguageOf(CultureInfo.CurrentUICulture) == "en";
        var name = Name?.Trim() ?? "";
        if (!DeadlinePolicySteps.IsName(name))
        {
            Problems.Add(english
                ? "The name must use lower-case letters, digits and dashes, e.g. standar or kilat-5."
                : "Nama harus huruf kecil, angka dan tanda minus, misalnya standar atau kilat-5.");
        }

        var steps = ReadLines(Steps, Problems, english);
        if (Problems.Count == 0)
        {
            using var json = JsonDocument.Parse(steps);
            var parsed = DeadlinePolicySteps.Read(json.RootElement, out var problems);
            Problems.AddRange(problems.Select(p => english ? p.English : p.Indonesian));
            if (Problems.Count == 0)
            {
                await store.SaveAsync(db, name, string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(), parsed, cancellationToken).ConfigureAwait(false);
                return RedirectToPage(new { tersimpan = name });
            }
        }

        await LoadAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }

    /// <summary>Lines "days: audience, audience" as the API's JSON steps; a line that does not read so is a problem.</summary>
    private static string ReadLines(string? text, List<string> problems, bool english)
    {
        var json = new StringBuilder("[");
        var number = 0;
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            number++;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 1 || !int.TryParse(line[..colon].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days))
            {
                problems.Add(english
                    ? $"Line {number} ('{line}'): write working days, a colon, then recipients, e.g. -3: candidate-group."
                    : $"Baris {number} ('{line}'): tulis jumlah hari kerja, titik dua, lalu penerima, misalnya -3: candidate-group.");
                continue;
            }

            var to = line[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            json.Append(number > 1 ? "," : "").Append(JsonSerializer.Serialize(new { workingDaysFromDue = days, to }));
        }

        return json.Append(']').ToString();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await DeadlinePolicyStore.ListAsync(db, cancellationToken).ConfigureAwait(false);
        Policies = rows.Select(DeadlinePolicyStore.ToPolicy).ToList();
        foreach (var row in rows)
        {
            Descriptions[row.Name] = row.Description;
        }
    }
}
