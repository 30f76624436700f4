namespace Kks.Workflow.Engine;

/// <summary>Settings of the executor that are not part of a model.</summary>
public sealed record EngineOptions
{
    public static readonly EngineOptions Default = new();

    /// <summary>The zone dates without an offset, calendar arithmetic and cron run in: WIB unless configured.</summary>
    public TimeZoneInfo TimeZone { get; init; } = Zones.Jakarta;

    public IWorkingCalendar Calendar { get; init; } = WeekendCalendar.Instance;

    /// <summary>
    /// The named deadline policies (kks:deadlinePolicy). Null: the source is unknown, so deployment cannot check
    /// a name and a task whose policy is not found arms no ladder.
    /// </summary>
    public IDeadlinePolicies? DeadlinePolicies { get; init; }

    /// <summary>Office hours: a ladder step outside them goes out at the start of the next working day.</summary>
    public WorkingHours WorkingHours { get; init; } = WorkingHours.Default;

    /// <summary>Camunda's default task priority.</summary>
    public int DefaultTaskPriority { get; init; } = 50;
}

public static class Zones
{
    public static readonly TimeZoneInfo Jakarta = Find("Asia/Jakarta", 7, "WIB");

    public static readonly TimeZoneInfo Makassar = Find("Asia/Makassar", 8, "WITA");

    public static readonly TimeZoneInfo Jayapura = Find("Asia/Jayapura", 9, "WIT");

    private static TimeZoneInfo Find(string id, int hours, string name)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            // Machines without tzdata: Indonesian zones have had no DST since 1964, so a fixed offset is exact.
            return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(hours), name, name);
        }
    }
}
