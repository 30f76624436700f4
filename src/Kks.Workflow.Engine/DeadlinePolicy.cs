namespace Kks.Workflow.Engine;

/// <summary>
/// A named deadline ladder (<c>kks:deadlinePolicy="standar"</c> on a user task): steps counted in working days
/// from the task's due date, each telling an audience. The engine arms one durable timer per step when the task
/// is created and re-arms them when its due date or candidate groups change.
/// </summary>
public sealed record DeadlinePolicy(string Name, IReadOnlyList<DeadlineStep> Steps);

/// <param name="WorkingDaysFromDue">-3: three working days before the due date; 0: on it; 5: five working days late.</param>
/// <param name="To">The audience in the mail contract's grammar: candidate-group, kepala-opd, leader:sekda, role:pimpinan...</param>
public sealed record DeadlineStep(int WorkingDaysFromDue, IReadOnlyList<string> To)
{
    public const string Reminder = "pengingat";

    public const string Escalation = "eskalasi";

    /// <summary>pengingat before and on the due date, eskalasi once it has passed.</summary>
    public string Kind => WorkingDaysFromDue <= 0 ? Reminder : Escalation;
}

/// <summary>Where the engine finds policies by name. Implementations hold an in-memory snapshot: the engine does no I/O.</summary>
public interface IDeadlinePolicies
{
    DeadlinePolicy? Find(string name);
}

/// <summary>A fixed set of policies (tests, or a snapshot the host swaps when an admin edits them).</summary>
public sealed class DeadlinePolicyCatalog(IEnumerable<DeadlinePolicy> policies) : IDeadlinePolicies
{
    private readonly Dictionary<string, DeadlinePolicy> _byName = policies.ToDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>The seeded ladder: remind 3 and 1 working days before and on the day; then Kepala OPD, Kadis Kesehatan, Sekda.</summary>
    public static DeadlinePolicy Standard { get; } = new("standar",
    [
        new(-3, ["candidate-group"]),
        new(-1, ["candidate-group"]),
        new(0, ["candidate-group"]),
        new(1, ["kepala-opd"]),
        new(5, ["leader:kadis-kesehatan"]),
        new(10, ["leader:sekda"]),
    ]);

    public DeadlinePolicy? Find(string name) => _byName.GetValueOrDefault(name);
}

/// <summary>Office hours in the regency's zone: a step that falls outside them goes out at <see cref="Start"/> of the next working day.</summary>
public sealed record WorkingHours(TimeOnly Start, TimeOnly End)
{
    /// <summary>07:30 to 16:00, the hours of Indonesian regional government offices (end inclusive: a 16:00 deadline is in office hours).</summary>
    public static readonly WorkingHours Default = new(new TimeOnly(7, 30), new TimeOnly(16, 0));
}

/// <summary>Working-day arithmetic for the ladder and the digests: pure, calendar and zone passed in.</summary>
public static class WorkingDays
{
    /// <summary>
    /// When a step <paramref name="workingDaysFromDue"/> working days from <paramref name="due"/> goes out: the due
    /// time of day on the n-th working day before (n &lt; 0) or after (n &gt; 0) the due day (n = 0: the due time
    /// itself), moved to <see cref="WorkingHours.Start"/> of the next working day when outside office hours.
    /// The result carries the zone's offset.
    /// </summary>
    public static DateTimeOffset StepTime(DateTimeOffset due, int workingDaysFromDue, IWorkingCalendar calendar, TimeZoneInfo zone, WorkingHours hours)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(hours);
        var local = TimeZoneInfo.ConvertTime(due, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        day = Shift(day, workingDaysFromDue, calendar);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (!calendar.IsWorkingDay(day) || time > hours.End)
        {
            day = Shift(day, 1, calendar);
            time = hours.Start;
        }
        else if (time < hours.Start)
        {
            time = hours.Start;
        }

        return At(day, time, zone);
    }

    /// <summary>The n-th working day after (n &gt; 0) or before (n &lt; 0) a day; n = 0 is the day itself.</summary>
    public static DateOnly Shift(DateOnly day, int workingDays, IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var step = Math.Sign(workingDays);
        for (var left = Math.Abs(workingDays); left > 0;)
        {
            day = day.AddDays(step);
            if (calendar.IsWorkingDay(day))
            {
                left--;
            }
        }

        return day;
    }

    /// <summary>Working days strictly after the due day up to and including <paramref name="today"/> (0 when not late).</summary>
    public static int Overdue(DateOnly dueDay, DateOnly today, IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var count = 0;
        for (var day = dueDay.AddDays(1); day <= today; day = day.AddDays(1))
        {
            if (calendar.IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>A local wall-clock time in the zone as an instant with the zone's offset.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var wall = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }
}
