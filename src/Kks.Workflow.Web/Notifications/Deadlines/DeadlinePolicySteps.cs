using System.Text.Json;
using System.Text.RegularExpressions;
using Kks.Workflow.Engine;

namespace Kks.Workflow.Web.Notifications.Deadlines;

/// <summary>A ladder's steps as stored (steps_json) and as the admin API reads them, with the checks that keep a policy sendable.</summary>
public static partial class DeadlinePolicySteps
{
    public const int MaxSteps = 20;

    /// <summary>Before the due date at most this many working days (a quarter), after it at most this many (two quarters).</summary>
    public const int EarliestStep = -60;

    public const int LatestStep = 120;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record StepJson(int WorkingDaysFromDue, List<string> To);

    public static string Serialize(IEnumerable<DeadlineStep> steps) =>
        JsonSerializer.Serialize(steps.Select(s => new StepJson(s.WorkingDaysFromDue, [.. s.To])), Json);

    public static List<DeadlineStep> Deserialize(string json) =>
        (JsonSerializer.Deserialize<List<StepJson>>(json, Json) ?? []).Select(s => new DeadlineStep(s.WorkingDaysFromDue, s.To)).ToList();

    /// <summary>A policy name: lower-case letters, digits and dashes, as written in kks:deadlinePolicy.</summary>
    public static bool IsName(string name) => NamePattern().IsMatch(name);

    /// <summary>An audience of the mail contract: an address, user:, role:, group:, candidate-group, kepala-opd[:code], leader:name or leader:*.</summary>
    public static bool IsAudience(string audience) => AudiencePattern().IsMatch(audience);

    /// <summary>Reads the steps of an API body; every problem is a sentence that says how to fix it (Indonesian, English).</summary>
    public static List<DeadlineStep> Read(JsonElement? steps, out List<BilingualText> problems)
    {
        problems = [];
        var result = new List<DeadlineStep>();
        if (steps is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() == 0)
        {
            problems.Add(new("'steps' wajib berupa daftar langkah, misalnya [{\"workingDaysFromDue\": -3, \"to\": [\"candidate-group\"]}].",
                "'steps' must be a list of steps, e.g. [{\"workingDaysFromDue\": -3, \"to\": [\"candidate-group\"]}]."));
            return result;
        }

        if (array.GetArrayLength() > MaxSteps)
        {
            problems.Add(new($"Paling banyak {MaxSteps} langkah per kebijakan.", $"At most {MaxSteps} steps per policy."));
            return result;
        }

        var number = 0;
        foreach (var step in array.EnumerateArray())
        {
            number++;
            if (step.ValueKind != JsonValueKind.Object
                || !step.TryGetProperty("workingDaysFromDue", out var daysElement) || daysElement.ValueKind != JsonValueKind.Number || !daysElement.TryGetInt32(out var days))
            {
                problems.Add(new($"Langkah {number}: 'workingDaysFromDue' wajib bilangan bulat (-3 = tiga hari kerja sebelum tenggat, 5 = lima hari kerja terlambat).",
                    $"Step {number}: 'workingDaysFromDue' must be a whole number (-3 = three working days before the due date, 5 = five working days late)."));
                continue;
            }

            if (days is < EarliestStep or > LatestStep)
            {
                problems.Add(new($"Langkah {number}: {days} hari kerja di luar rentang {EarliestStep} sampai {LatestStep}.",
                    $"Step {number}: {days} working days is outside {EarliestStep} to {LatestStep}."));
            }

            var to = step.TryGetProperty("to", out var toElement) && toElement.ValueKind == JsonValueKind.Array
                ? toElement.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString()!.Trim() : "").ToList()
                : [];
            if (to.Count == 0)
            {
                problems.Add(new($"Langkah {number}: 'to' wajib berisi penerima, misalnya [\"candidate-group\"] atau [\"leader:sekda\"].",
                    $"Step {number}: 'to' must name recipients, e.g. [\"candidate-group\"] or [\"leader:sekda\"]."));
            }

            foreach (var audience in to.Where(a => !IsAudience(a)))
            {
                problems.Add(new($"Langkah {number}: penerima '{audience}' tidak dikenal: pakai alamat email, user:, role:, group:<kode OPD>, candidate-group, kepala-opd, kepala-opd:<kode>, leader:<peran> atau leader:*.",
                    $"Step {number}: recipient '{audience}' is unknown: use an email address, user:, role:, group:<OPD code>, candidate-group, kepala-opd, kepala-opd:<code>, leader:<role> or leader:*."));
            }

            result.Add(new DeadlineStep(days, to));
        }

        foreach (var twice in result.GroupBy(s => s.WorkingDaysFromDue).Where(g => g.Count() > 1))
        {
            problems.Add(new($"Dua langkah pada {twice.Key} hari kerja: gabungkan penerimanya dalam satu langkah.",
                $"Two steps at {twice.Key} working days: put their recipients in one step."));
        }

        return result;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^((address:)?[^@\s:]+@[^@\s]+\.[^@\s]+|(user|role|group):[^\s:]+|candidate-group|kepala-opd(:[^\s:]+)?|leader:(\*|[a-z0-9-]+))$")]
    private static partial Regex AudiencePattern();
}
