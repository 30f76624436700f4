namespace Kks.Workflow.Engine.Timers;

/// <summary>
/// When a BPMN timer fires, from its resolved text (expressions already evaluated): a timeDate, a
/// timeDuration, or a timeCycle given as an ISO 8601 repeating interval or a Quartz cron. Parsed once
/// at deployment; computing due times afterwards does not allocate. Wall-clock parts (local dates,
/// P1D, P1M, cron fields) are read in the zone passed to each call, so one model works in WIB, WITA
/// and WIT alike.
/// </summary>
public sealed class TimerSchedule
{
    /// <summary>Longest timer text accepted.</summary>
    public const int MaxTextLength = CronExpression.MaxTextLength;

    // Estimating the repeat index is off by at most a couple; this only stops a runaway loop.
    private const int MaxIndexCorrections = 64;

    private readonly TimePoint? _point;
    private readonly IsoDuration _period;
    private readonly TimePoint? _end;
    private readonly CronExpression? _cron;

    internal TimerSchedule(TimerKind kind, string text, int? repetitions, TimePoint? point, IsoDuration period, TimePoint? end, CronExpression? cron)
    {
        Kind = kind;
        Text = text;
        Repetitions = repetitions;
        _point = point;
        _period = period;
        _end = end;
        _cron = cron;
    }

    public TimerKind Kind { get; }

    /// <summary>The text the schedule was parsed from, trimmed.</summary>
    public string Text { get; }

    /// <summary>How many times the timer fires in all; null when a cycle has no limit (R/..., cron).</summary>
    public int? Repetitions { get; }

    /// <summary>True for cycles: after each firing ask <see cref="NextDue"/> for the next one.</summary>
    public bool IsRepeating => Kind == TimerKind.Cycle;

    /// <summary>True when the text is a Quartz cron expression rather than an ISO 8601 interval.</summary>
    public bool IsCron => _cron is not null;

    public static bool TryParse(TimerKind kind, string? text, out TimerSchedule? schedule, out BilingualText? error) =>
        TimerScheduleParser.TryParse(kind, text, out schedule, out error);

    /// <summary>Parses or throws an <see cref="EngineException"/> that tells the modeller how to fix the text.</summary>
    public static TimerSchedule Parse(TimerKind kind, string? text) =>
        TryParse(kind, text, out var schedule, out var error) ? schedule! : throw new EngineException(error!);

    /// <summary>
    /// The first firing of a timer armed at <paramref name="armedAt"/>; null when it never fires (R0,
    /// an end already passed, a cron that cannot match, or a date beyond year 9999). A date in the
    /// past is returned as is: the caller fires it at once. A cycle with a start skips the repeats
    /// that lie before <paramref name="armedAt"/>, as Camunda does.
    /// </summary>
    public DateTimeOffset? FirstDue(DateTimeOffset armedAt, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (Repetitions == 0)
        {
            return null;
        }

        return Kind switch
        {
            TimerKind.Date => _point!.Value.ToInstant(zone),
            TimerKind.Duration => Add(armedAt, 1, zone),
            _ when _cron is not null => _cron.NextAfter(armedAt, zone),
            _ when _point is { } start => SlotFrom(start.ToInstant(zone), armedAt, inclusive: true, zone),
            _ => WithinEnd(Add(armedAt, 1, zone), zone),
        };
    }

    /// <summary>
    /// The firing after <paramref name="previousDue"/> once <paramref name="firedSoFar"/> firings have
    /// happened; null when the timer is exhausted (repetitions reached, past its end, or not a cycle).
    /// Repeats of a cycle with a start are computed from the start (start + n × interval), so they do
    /// not drift; without a start each repeat is one interval after the previous due time, which keeps
    /// the wall-clock time of day for P1D in any zone.
    /// </summary>
    public DateTimeOffset? NextDue(DateTimeOffset previousDue, int firedSoFar, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfNegative(firedSoFar);
        if (Kind != TimerKind.Cycle || firedSoFar >= Repetitions)
        {
            return null;
        }

        if (_cron is not null)
        {
            return _cron.NextAfter(previousDue, zone);
        }

        return _point is { } start
            ? SlotFrom(start.ToInstant(zone), previousDue, inclusive: false, zone)
            : WithinEnd(Add(previousDue, 1, zone), zone);
    }

    public override string ToString() => Kind + ": " + Text;

    private DateTimeOffset? Add(DateTimeOffset instant, long times, TimeZoneInfo zone) =>
        _period.TryAddScaled(instant, zone, times, out var result) ? result : null;

    private DateTimeOffset? WithinEnd(DateTimeOffset? due, TimeZoneInfo zone) =>
        due is { } value && _end is { } end && value > end.ToInstant(zone) ? null : due;

    /// <summary>
    /// The first repeat start + n × interval at or after (or strictly after) <paramref name="threshold"/>,
    /// null when it would be repeat number Repetitions or later. n is estimated from the average
    /// interval length, then corrected by a few steps for month and daylight-saving irregularities.
    /// </summary>
    private DateTimeOffset? SlotFrom(DateTimeOffset start, DateTimeOffset threshold, bool inclusive, TimeZoneInfo zone)
    {
        long index = 0;
        var elapsed = (threshold - start).Ticks;
        if (elapsed > 0)
        {
            var estimate = Math.Floor(elapsed / _period.ApproximateTicks);
            if (estimate >= int.MaxValue)
            {
                return null;
            }

            index = (long)estimate;
        }

        if (Add(start, index, zone) is not { } slot)
        {
            return null;
        }

        for (var step = 0; !Reached(slot, threshold, inclusive); step++)
        {
            if (step == MaxIndexCorrections || Add(start, ++index, zone) is not { } later)
            {
                return null;
            }

            slot = later;
        }

        for (var step = 0; index > 0 && step < MaxIndexCorrections; step++)
        {
            if (Add(start, index - 1, zone) is not { } earlier || !Reached(earlier, threshold, inclusive))
            {
                break;
            }

            slot = earlier;
            index--;
        }

        return index >= Repetitions ? null : slot;
    }

    private static bool Reached(DateTimeOffset slot, DateTimeOffset threshold, bool inclusive) =>
        inclusive ? slot >= threshold : slot > threshold;
}
