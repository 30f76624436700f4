using System.Globalization;
using System.Text.Json;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Campaigns;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Instruments;
using Kks.Workflow.Web.Readiness;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kks.Workflow.Web.Pages.Dasbor;

/// <summary>
/// The readiness dashboard of one campaign (?kampanye=id, else the first): per tatanan (weakest first) and per OPD the
/// share of indicators with approved evidence and the self-assessment score, the ODF share against the award
/// thresholds, the projected award with its reason, overdue tasks by OPD, and the burn-down of open indicators. Every
/// chart's numbers are also a table. Secretariat, admin, leaders and verifiers; OPD focal points are refused. Admin
/// and secretariat also upload the province's results here.
/// </summary>
public sealed class IndexModel(CampaignService campaigns, ReadinessReader reader, ProvinceResults province) : PageModel
{
    public IReadOnlyList<CampaignSummary> Campaigns { get; private set; } = [];

    public CampaignReadiness? Readiness { get; private set; }

    public ReadinessFigures? Figures { get; private set; }

    public bool CanWrite { get; private set; }

    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    [TempData]
    public string? Sent { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kampanye { get; set; }

    [BindProperty]
    public IFormFile? Berkas { get; set; }

    public static bool MaySee(Caller caller) =>
        caller.ReadsAll || caller.Roles.Contains(Roles.Verifikator);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!MaySee(Caller.From(User)))
        {
            return Forbid();
        }

        await LoadAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }

    /// <summary>The province's results as a sheet (.xlsx, or .csv): all or nothing, every bad row listed.</summary>
    public async Task<IActionResult> OnPostHasilAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        if (!caller.ManagesAll)
        {
            return Forbid();
        }

        var problems = new List<ImportProblem>();
        var format = Path.GetExtension(Berkas?.FileName ?? "").ToLowerInvariant() switch { ".xlsx" => "xlsx", ".csv" => "csv", _ => null };
        if (Berkas is null || format is null || Berkas.Length > 10 * 1024 * 1024 || string.IsNullOrEmpty(Kampanye))
        {
            problems.Add(ImportProblem.At(null, "Pilih berkas hasil provinsi .xlsx atau .csv (paling besar 10 MB).", "Choose the province's results as an .xlsx or .csv file (at most 10 MB)."));
        }
        else
        {
            using var buffer = new MemoryStream();
            await Berkas.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            buffer.Position = 0;
            var lines = ProvinceResults.Parse(buffer, format, problems);
            var accepted = problems.Count == 0 ? await province.SubmitAsync(Kampanye, lines, problems, cancellationToken).ConfigureAwait(false) : 0;
            if (problems.Count == 0)
            {
                Sent = accepted.ToString(CultureInfo.InvariantCulture);
                return RedirectToPage(new { kampanye = Kampanye });
            }
        }

        Problems = problems;
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }

    /// <summary>The charts' numbers for the bundle's script (the same numbers as the tables).</summary>
    public string ChartJson(bool english)
    {
        if (Figures is null || Readiness is null)
        {
            return "{}";
        }

        var thresholds = Readiness.Prerequisites.Select(p => new { level = p.AwardLevel, odf = p.MinOdfPercent }).ToList();
        return JsonSerializer.Serialize(new
        {
            english,
            tatanan = Figures.Tatanan.Select(t => new { label = $"T{t.Number}", name = t.Name, approved = Math.Round(t.ApprovedPercent, 1), score = Math.Round(t.ScorePercent, 1) }),
            opds = Figures.Opds.Select(o => new { label = o.Name, approved = Math.Round(o.ApprovedPercent, 1), score = Math.Round(o.ScorePercent, 1), overdue = o.Overdue }),
            odf = new { value = Readiness.OdfPercent, thresholds },
            burnDown = Figures.BurnDown.Select(b => new { daysLeft = b.DaysLeft, day = b.Day.ToString("d MMM", CultureInfo.GetCultureInfo(english ? "en-GB" : "id-ID")), open = b.Open, ideal = b.Ideal }),
        });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CanWrite = Caller.From(User).ManagesAll;
        Campaigns = await campaigns.ListAsync(cancellationToken).ConfigureAwait(false);
        Kampanye = Campaigns.Any(c => c.Id == Kampanye) ? Kampanye : (Campaigns.Count > 0 ? Campaigns[0].Id : null);
        if (Kampanye is not null)
        {
            Readiness = await reader.ReadAsync(Kampanye, cancellationToken).ConfigureAwait(false);
            Figures = Readiness is null ? null : ReadinessFigures.Compute(Readiness);
        }
    }
}
