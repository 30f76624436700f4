namespace Kks.Workflow.Engine;

/// <summary>
/// Which days are working days. The default knows weekends only; the notifications feature supplies
/// one that also knows Indonesian national holidays and cuti bersama.
/// </summary>
public interface IWorkingCalendar
{
    bool IsWorkingDay(DateOnly day);
}

public sealed class WeekendCalendar : IWorkingCalendar
{
    public static readonly WeekendCalendar Instance = new();

    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
