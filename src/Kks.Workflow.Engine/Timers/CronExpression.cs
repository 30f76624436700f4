using System.Numerics;

namespace Kks.Workflow.Engine.Timers;

/// <summary>
/// A Quartz cron expression (<c>sec min hour day-of-month month day-of-week [year]</c>), the form
/// Camunda 7 accepts in timeCycle. Fields are bit sets so finding the next firing is a few bit scans
/// per candidate day, without allocating; the search never looks more than 50 years ahead.
/// </summary>
internal sealed class CronExpression
{
    internal const int MaxTextLength = 256;
    internal const int MinYear = 1970;
    internal const int MaxYear = 2099;

    // Any pattern without a year field recurs within 28 years (8 for 29 February); 50 is ample.
    private const int MaxYearsAhead = 50;

    private readonly ulong _seconds;
    private readonly ulong _minutes;
    private readonly uint _hours;
    private readonly uint _daysOfMonth;
    private readonly uint _months;
    private readonly uint _daysOfWeek;
    private readonly bool[]? _years;
    private readonly int _lastYear;
    private readonly CronDayRule _dayRule;
    private readonly int _dayArgument;
    private readonly int _weekdayArgument;

    internal CronExpression(
        string text, ulong seconds, ulong minutes, uint hours, uint daysOfMonth, uint months, uint daysOfWeek,
        bool[]? years, CronDayRule dayRule, int dayArgument, int weekdayArgument)
    {
        Text = text;
        _seconds = seconds;
        _minutes = minutes;
        _hours = hours;
        _daysOfMonth = daysOfMonth;
        _months = months;
        _daysOfWeek = daysOfWeek;
        _years = years;
        _lastYear = years is null ? 9998 : MinYear + Array.LastIndexOf(years, true);
        _dayRule = dayRule;
        _dayArgument = dayArgument;
        _weekdayArgument = weekdayArgument;
    }

    internal string Text { get; }

    internal static bool TryParse(string? text, out CronExpression? cron, out BilingualText? error) =>
        CronParser.TryParse(text, out cron, out error);

    /// <summary>
    /// The first firing strictly after <paramref name="after"/>, matched on the wall clock of
    /// <paramref name="zone"/>; null when there is none within the search bound.
    /// </summary>
    internal DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo zone)
    {
        var local = ZonedTime.ToLocal(after, zone);
        var startTicks = local.Ticks - (local.Ticks % TimeSpan.TicksPerSecond) + TimeSpan.TicksPerSecond;
        // A candidate maps to an instant after 'after' on the first try (see ZonedTime.ToInstantAfter);
        // the few extra rounds only guard against a zone whose rules break that reasoning.
        for (var round = 0; round < 4 && startTicks <= ZonedTime.MaxUtcTicks; round++)
        {
            if (!TryNextLocal(new DateTime(startTicks, DateTimeKind.Unspecified), out var candidate)
                || candidate.Ticks < ZonedTime.MinUtcTicks || candidate.Ticks > ZonedTime.MaxUtcTicks)
            {
                return null;
            }

            var instant = ZonedTime.ToInstantAfter(candidate, zone, after);
            if (instant > after)
            {
                return instant;
            }

            startTicks = candidate.Ticks + TimeSpan.TicksPerSecond;
        }

        return null;
    }

    private bool TryNextLocal(DateTime start, out DateTime candidate)
    {
        var lastYear = Math.Min(_lastYear, start.Year + MaxYearsAhead);
        for (var year = start.Year; year <= lastYear; year++)
        {
            if (_years is not null && (year < MinYear || !_years[year - MinYear]))
            {
                continue;
            }

            for (var month = year == start.Year ? start.Month : 1; month <= 12; month++)
            {
                if ((_months & (1u << month)) == 0)
                {
                    continue;
                }

                var firstMonth = year == start.Year && month == start.Month;
                var days = DaysIn(year, month);
                if (firstMonth)
                {
                    days &= ~0u << start.Day;
                }

                for (; days != 0; days &= days - 1)
                {
                    var day = BitOperations.TrailingZeroCount(days);
                    var firstDay = firstMonth && day == start.Day;
                    if (TryTimeOfDay(firstDay ? start.Hour : 0, firstDay ? start.Minute : 0, firstDay ? start.Second : 0, out var h, out var m, out var s))
                    {
                        candidate = new DateTime(year, month, day, h, m, s, DateTimeKind.Unspecified);
                        return true;
                    }
                }
            }
        }

        candidate = default;
        return false;
    }

    // The first time of day at or after h0:m0:s0 whose hour, minute and second are all in their sets.
    private bool TryTimeOfDay(int h0, int m0, int s0, out int hour, out int minute, out int second)
    {
        for (hour = NextBit(_hours, h0); hour >= 0; hour = NextBit(_hours, hour + 1))
        {
            for (minute = NextBit(_minutes, hour == h0 ? m0 : 0); minute >= 0; minute = NextBit(_minutes, minute + 1))
            {
                second = NextBit(_seconds, hour == h0 && minute == m0 ? s0 : 0);
                if (second >= 0)
                {
                    return true;
                }
            }
        }

        hour = minute = second = -1;
        return false;
    }

    /// <summary>The days of the month that match, as bits 1..31.</summary>
    private uint DaysIn(int year, int month)
    {
        var daysInMonth = DateTime.DaysInMonth(year, month);
        var firstWeekday = (int)new DateTime(year, month, 1).DayOfWeek; // 0 = Sunday
        switch (_dayRule)
        {
            case CronDayRule.DaysOfMonth:
                return _daysOfMonth & (uint)(((1UL << daysInMonth) - 1) << 1);
            case CronDayRule.LastDayOfMonth:
                return Bit(daysInMonth - _dayArgument, daysInMonth);
            case CronDayRule.LastWeekdayOfMonth:
                return Bit(ToWeekday(daysInMonth, daysInMonth, firstWeekday, nearest: false), daysInMonth);
            case CronDayRule.NearestWeekday:
                return _dayArgument > daysInMonth ? 0 : Bit(ToWeekday(_dayArgument, daysInMonth, firstWeekday, nearest: true), daysInMonth);
            case CronDayRule.LastDayOfWeekInMonth:
                var lastWeekday = (firstWeekday + daysInMonth - 1) % 7;
                return Bit(daysInMonth - ((lastWeekday - (_weekdayArgument - 1) + 7) % 7), daysInMonth);
            case CronDayRule.NthDayOfWeekInMonth:
                return Bit(FirstDayWith(_weekdayArgument - 1, firstWeekday) + (7 * (_dayArgument - 1)), daysInMonth);
            default:
                uint mask = 0;
                for (var weekday = 0; weekday < 7; weekday++)
                {
                    // Quartz numbers days of week 1 = SUN .. 7 = SAT.
                    if ((_daysOfWeek & (1u << (weekday + 1))) != 0)
                    {
                        for (var day = FirstDayWith(weekday, firstWeekday); day <= daysInMonth; day += 7)
                        {
                            mask |= 1u << day;
                        }
                    }
                }

                return mask;
        }
    }

    private static int FirstDayWith(int weekday, int firstWeekday) => 1 + ((weekday - firstWeekday + 7) % 7);

    // Moves a Saturday or Sunday to a weekday inside the month: back for LW, to the nearest for nW.
    private static int ToWeekday(int day, int daysInMonth, int firstWeekday, bool nearest)
    {
        var weekday = (firstWeekday + day - 1) % 7;
        return weekday switch
        {
            6 when nearest && day == 1 => 3,
            6 => day - 1,
            0 when nearest && day < daysInMonth => day + 1,
            0 => day - 2,
            _ => day,
        };
    }

    private static uint Bit(int day, int daysInMonth) => day >= 1 && day <= daysInMonth ? 1u << day : 0;

    private static int NextBit(ulong set, int from)
    {
        if (from > 63)
        {
            return -1;
        }

        var rest = set & (ulong.MaxValue << from);
        return rest == 0 ? -1 : BitOperations.TrailingZeroCount(rest);
    }
}
