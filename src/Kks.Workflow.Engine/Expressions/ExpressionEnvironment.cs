namespace Kks.Workflow.Engine.Expressions;

/// <summary>
/// What an evaluation may know about the world besides variables. "Now" is passed in rather than read
/// from a clock so the executor stays a pure function and tests need no fake clock.
/// </summary>
/// <param name="Now">The instant of the command being executed.</param>
/// <param name="TimeZone">The zone that gives dates their meaning (start of day, working days).</param>
/// <param name="Calendar">Which days count for addWorkingDays and workingDaysBetween.</param>
public sealed record ExpressionEnvironment(DateTimeOffset Now, TimeZoneInfo TimeZone, IWorkingCalendar Calendar);
