using System.Collections.Frozen;
using Kks.Workflow.Engine;

namespace Kks.Workflow.Web.Notifications.Calendar;

/// <summary>
/// The engine's working-day calendar: weekends plus the active rows of the holidays table, held as an in-memory
/// snapshot (the engine does no I/O) that <see cref="CalendarStore"/> replaces at start, after an admin edit and
/// on every catalog refresh (so other nodes follow within the refresh interval).
/// </summary>
public sealed class HolidayCalendar : IWorkingCalendar
{
    private readonly SnapshotOrder _order = new();
    private volatile FrozenSet<DateOnly> _holidays = FrozenSet<DateOnly>.Empty;

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

    /// <summary>Take before reading the table; pass to <see cref="Replace(long, IEnumerable{DateOnly})"/>.</summary>
    public long StartLoad() => _order.Start();

    /// <summary>Installs what a load read, unless a load started later was installed already (an edit's reload beats an older refresh).</summary>
    public void Replace(long load, IEnumerable<DateOnly> holidays) => _order.Apply(load, () => _holidays = holidays.ToFrozenSet());

    public void Replace(IEnumerable<DateOnly> holidays) => Replace(StartLoad(), holidays);
}
