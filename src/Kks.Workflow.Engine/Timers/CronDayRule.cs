namespace Kks.Workflow.Engine.Timers;

/// <summary>How a cron expression picks days: Quartz lets exactly one of day-of-month and day-of-week decide.</summary>
internal enum CronDayRule
{
    /// <summary>Days of month from a set (1-31, lists, ranges, steps).</summary>
    DaysOfMonth,

    /// <summary><c>L</c> or <c>L-n</c>: the last day of the month, or n days before it.</summary>
    LastDayOfMonth,

    /// <summary><c>LW</c>: the last weekday (Monday to Friday) of the month.</summary>
    LastWeekdayOfMonth,

    /// <summary><c>nW</c>: the weekday nearest to day n, without leaving the month.</summary>
    NearestWeekday,

    /// <summary>Days of week from a set (1=SUN..7=SAT, names, lists, ranges).</summary>
    DaysOfWeek,

    /// <summary><c>nL</c>: the last day-of-week n of the month (6L = last Friday).</summary>
    LastDayOfWeekInMonth,

    /// <summary><c>n#k</c>: the k-th day-of-week n of the month (2#1 = first Monday).</summary>
    NthDayOfWeekInMonth,
}
