using System.Globalization;
using Kks.Workflow.Engine;

namespace Kks.Workflow.Web.Notifications.Deadlines;

/// <summary>"Deadlines": office hours for the ladder, when the digests go out, how often other nodes' edits are picked up.</summary>
public sealed class DeadlineSettings
{
    public const string Section = "Deadlines";

    public string WorkingHoursStart { get; set; } = "07:30";

    public string WorkingHoursEnd { get; set; } = "16:00";

    /// <summary>Quartz cron in the regency's zone (Engine:TimeZone); empty: no digests.</summary>
    public string DigestCron { get; set; } = "0 30 7 ? * MON-FRI";

    public TimeSpan CatalogRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    public WorkingHours Hours()
    {
        var start = Time(WorkingHoursStart, nameof(WorkingHoursStart));
        var end = Time(WorkingHoursEnd, nameof(WorkingHoursEnd));
        return start < end
            ? new WorkingHours(start, end)
            : throw new InvalidOperationException($"Deadlines:{nameof(WorkingHoursStart)} ({WorkingHoursStart}) must be before Deadlines:{nameof(WorkingHoursEnd)} ({WorkingHoursEnd}).");
    }

    private static TimeOnly Time(string text, string name) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new InvalidOperationException($"Deadlines:{name} '{text}' is not a time like 07:30.");
}
