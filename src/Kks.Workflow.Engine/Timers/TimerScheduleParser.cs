namespace Kks.Workflow.Engine.Timers;

/// <summary>
/// Turns timer text into a <see cref="TimerSchedule"/> or a bilingual reason. A timeCycle starting
/// with R is an ISO 8601 repeating interval, anything else a cron expression, as in Camunda 7.
/// </summary>
internal static class TimerScheduleParser
{
    private const int MaxRepeatDigits = 9;

    internal static bool TryParse(TimerKind kind, string? text, out TimerSchedule? schedule, out BilingualText? error)
    {
        schedule = null;
        var trimmed = (text ?? string.Empty).Trim();
        error = trimmed.Length == 0 ? TimerMessages.Empty(kind)
            : trimmed.Length > TimerSchedule.MaxTextLength ? TimerMessages.TooLong(kind, trimmed, TimerSchedule.MaxTextLength)
            : kind switch
            {
                TimerKind.Date => ParseDate(trimmed, out schedule),
                TimerKind.Duration => ParseDuration(trimmed, out schedule),
                TimerKind.Cycle => ParseCycle(trimmed, out schedule),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
            };
        return error is null;
    }

    private static BilingualText? ParseDate(string text, out TimerSchedule? schedule)
    {
        schedule = TimePoint.TryParse(text, out var point)
            ? new TimerSchedule(TimerKind.Date, text, 1, point, default, null, null)
            : null;
        return schedule is null ? TimerMessages.DateInvalid(text) : null;
    }

    private static BilingualText? ParseDuration(string text, out TimerSchedule? schedule)
    {
        schedule = null;
        var error = DurationError(text, out var duration);
        if (error is not null)
        {
            return error;
        }

        if (duration.Negative)
        {
            return TimerMessages.DurationNegative(text);
        }

        schedule = new TimerSchedule(TimerKind.Duration, text, 1, null, duration, null, null);
        return null;
    }

    private static BilingualText? ParseCycle(string text, out TimerSchedule? schedule)
    {
        schedule = null;
        // Cron fields never start with R, so a lower-case r is a mistyped ISO cycle: say what is wrong with it.
        if (text[0] is not ('R' or 'r'))
        {
            if (text[0] == 'P' || text.StartsWith("-P", StringComparison.Ordinal))
            {
                return TimerMessages.CycleWithoutRepeat(text);
            }

            if (!CronExpression.TryParse(text, out var cron, out var cronError))
            {
                return cronError;
            }

            schedule = new TimerSchedule(TimerKind.Cycle, text, null, null, default, null, cron);
            return null;
        }

        var parts = text.Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 3)
        {
            return TimerMessages.CycleInvalid(text);
        }

        if (!TryRepeatCount(parts[0], out var repetitions))
        {
            return TimerMessages.CycleRepeatCount(text);
        }

        TimePoint? start = null, end = null;
        IsoDuration? period = null;
        for (var i = 1; i < parts.Length; i++)
        {
            if (LooksLikeDuration(parts[i]))
            {
                if (period is not null || DurationError(parts[i], out var parsed) is not null)
                {
                    return TimerMessages.CyclePart(text, parts[i]);
                }

                period = parsed;
            }
            else if (TimePoint.TryParse(parts[i], out var point))
            {
                // A date before the interval is its start, a date after it (or a second date) the end.
                if (period is null && start is null)
                {
                    start = point;
                }
                else
                {
                    end = point;
                }
            }
            else
            {
                return TimerMessages.CyclePart(text, parts[i]);
            }
        }

        if (period is not { } interval)
        {
            return start is not null && end is not null ? TimerMessages.CycleStartAndEnd(text) : TimerMessages.CycleInvalid(text);
        }

        // A zero or sub-second interval would fire over and over at one instant.
        if (interval.Negative || (!interval.HasCalendarPart && interval.TimeTicks < TimeSpan.TicksPerSecond))
        {
            return TimerMessages.CycleIntervalTooShort(text);
        }

        schedule = new TimerSchedule(TimerKind.Cycle, text, repetitions, start, interval, end, null);
        return null;
    }

    private static bool LooksLikeDuration(string part) => part.StartsWith('P') || part.StartsWith("-P", StringComparison.Ordinal);

    private static BilingualText? DurationError(string text, out IsoDuration duration) =>
        IsoDurationParser.Parse(text, out duration) switch
        {
            IsoDurationParser.Status.Ok => null,
            IsoDurationParser.Status.TooLong => TimerMessages.DurationTooLong(text, IsoDuration.MaxTextLength),
            IsoDurationParser.Status.NumberTooLarge => TimerMessages.DurationNumberTooLarge(text),
            _ => TimerMessages.DurationInvalid(text),
        };

    // "R" alone is unbounded (null); "Rn" is n repetitions.
    private static bool TryRepeatCount(string part, out int? repetitions)
    {
        repetitions = null;
        if (part is "R")
        {
            return true;
        }

        if (part.Length < 2 || part[0] != 'R' || part.Length - 1 > MaxRepeatDigits)
        {
            return false;
        }

        var count = 0;
        for (var i = 1; i < part.Length; i++)
        {
            if (!char.IsAsciiDigit(part[i]))
            {
                return false;
            }

            count = (count * 10) + (part[i] - '0');
        }

        repetitions = count;
        return true;
    }
}
