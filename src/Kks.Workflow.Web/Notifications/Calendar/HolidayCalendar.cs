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
    private volatile FrozenSet<DateOnly> _holidays = FrozenSet<DateOnly>.Empty;

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

    public void Replace(IEnumerable<DateOnly> holidays) => _holidays = holidays.ToFrozenSet();
}
