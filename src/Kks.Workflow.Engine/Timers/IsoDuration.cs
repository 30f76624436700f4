using System.Globalization;
using System.Text;

namespace Kks.Workflow.Engine.Timers;

/// <summary>
/// An ISO 8601 duration such as <c>P3D</c>, <c>PT10H</c>, <c>P1Y2M3DT4H5M6.5S</c>, <c>P2W</c> or
/// <c>-P1D</c>. Years, months, weeks and days are calendar units applied on the wall clock of a
/// zone (2023-01-31 + P1M = 2023-02-28); hours, minutes and seconds are elapsed time.
/// Components are never negative; the sign of the whole duration is <see cref="Negative"/>.
/// </summary>
public readonly record struct IsoDuration
{
    /// <summary>Longest text accepted: a real duration is far shorter, and a bound keeps parsing cheap.</summary>
    public const int MaxTextLength = 64;

    public IsoDuration(
        int years = 0, int months = 0, int weeks = 0, int days = 0,
        int hours = 0, int minutes = 0, decimal seconds = 0m, bool negative = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(years);
        ArgumentOutOfRangeException.ThrowIfNegative(months);
        ArgumentOutOfRangeException.ThrowIfNegative(weeks);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfNegative(hours);
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        Years = years;
        Months = months;
        Weeks = weeks;
        Days = days;
        Hours = hours;
        Minutes = minutes;
        Seconds = seconds;
        // -P0D and P0D are the same duration; keeping one form keeps equality honest.
        Negative = negative && !(years == 0 && months == 0 && weeks == 0 && days == 0
            && hours == 0 && minutes == 0 && seconds == 0m);
    }

    public int Years { get; }

    public int Months { get; }

    public int Weeks { get; }

    public int Days { get; }

    public int Hours { get; }

    public int Minutes { get; }

    public decimal Seconds { get; }

    public bool Negative { get; }

    public bool IsZero => Years == 0 && Months == 0 && Weeks == 0 && Days == 0
        && Hours == 0 && Minutes == 0 && Seconds == 0m;

    /// <summary>True when the duration has a calendar part (years, months, weeks or days).</summary>
    internal bool HasCalendarPart => Years != 0 || Months != 0 || Weeks != 0 || Days != 0;

    /// <summary>The same duration with the opposite sign.</summary>
    public IsoDuration Negate() => new(Years, Months, Weeks, Days, Hours, Minutes, Seconds, !Negative);

    public static bool TryParse(string? text, out IsoDuration value) =>
        IsoDurationParser.Parse(text, out value) == IsoDurationParser.Status.Ok;

    /// <summary>Allocation-free form for callers that hold a slice of a larger text (an expression, a header).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IsoDuration value) =>
        IsoDurationParser.Parse(text, out value) == IsoDurationParser.Status.Ok;

    /// <summary>Parses or throws an <see cref="EngineException"/> that tells the user how to fix the text.</summary>
    public static IsoDuration Parse(string? text)
    {
        var status = IsoDurationParser.Parse(text, out var value);
        return status switch
        {
            IsoDurationParser.Status.Ok => value,
            IsoDurationParser.Status.TooLong => throw new EngineException(TimerMessages.DurationTooLong(text, MaxTextLength)),
            IsoDurationParser.Status.NumberTooLarge => throw new EngineException(TimerMessages.DurationNumberTooLarge(text)),
            _ => throw new EngineException(TimerMessages.DurationInvalid(text)),
        };
    }

    /// <summary>
    /// The instant this duration after <paramref name="instant"/>: calendar parts on the wall clock of
    /// <paramref name="zone"/>, then the time parts as elapsed time. The result carries the zone's offset.
    /// </summary>
    public DateTimeOffset AddTo(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TryAddScaled(instant, zone, Negative ? -1 : 1, out var result)
            ? result
            : throw new EngineException(TimerMessages.DurationOutOfRange(this));
    }

    /// <summary>The instant this duration before <paramref name="instant"/> (see <see cref="AddTo"/>).</summary>
    public DateTimeOffset SubtractFrom(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TryAddScaled(instant, zone, Negative ? 1 : -1, out var result)
            ? result
            : throw new EngineException(TimerMessages.DurationOutOfRange(this));
    }

    /// <summary>
    /// Adds <paramref name="factor"/> times the unsigned duration in one step, so the n-th repeat of a
    /// cycle is computed from its start and does not drift (start + 3×P1M keeps the 31st when it can).
    /// Ignores <see cref="Negative"/>: the factor carries the sign. False when outside DateTime's range.
    /// </summary>
    internal bool TryAddScaled(DateTimeOffset instant, TimeZoneInfo zone, long factor, out DateTimeOffset result)
    {
        if (HasCalendarPart)
        {
            var local = ZonedTime.ToLocal(instant, zone);
            if (!TryAddCalendar(local, factor, out local) || !ZonedTime.TryToInstant(local, zone, out instant))
            {
                result = default;
                return false;
            }
        }

        var timeTicks = TimeTicks * factor;
        if (timeTicks == 0)
        {
            result = TimeZoneInfo.ConvertTime(instant, zone);
            return true;
        }

        return ZonedTime.TryAddTicks(instant, timeTicks, zone, out result);
    }

    /// <summary>Hours, minutes and seconds as ticks; Int128 because 999999999 hours overflow a long.</summary>
    internal Int128 TimeTicks =>
        ((Int128)Hours * TimeSpan.TicksPerHour) + ((Int128)Minutes * TimeSpan.TicksPerMinute)
        + (Int128)decimal.Truncate(Seconds * TimeSpan.TicksPerSecond);

    /// <summary>Rough length in ticks, only to estimate how many repeats fit in a span of time.</summary>
    internal double ApproximateTicks =>
        (((Years * 365.2425) + (Months * 30.436875) + (Weeks * 7.0) + Days) * TimeSpan.TicksPerDay) + (double)TimeTicks;

    // Years, then months, then days, each clamped to the month's end as java.util.Calendar does,
    // so Camunda models give the same dates here.
    private bool TryAddCalendar(DateTime local, long factor, out DateTime result)
    {
        result = local;
        var years = (Int128)Years * factor;
        var months = (Int128)Months * factor;
        var days = (((Int128)Weeks * 7) + Days) * factor;

        if (years != 0)
        {
            var year = local.Year + years;
            if (year < 1 || year > 9999)
            {
                return false;
            }

            result = result.AddYears((int)years);
        }

        if (months != 0)
        {
            var monthIndex = (result.Year * (Int128)12) + result.Month - 1 + months;
            if (monthIndex < 12 || monthIndex >= 10000 * 12)
            {
                return false;
            }

            result = result.AddMonths((int)months);
        }

        if (days != 0)
        {
            var ticks = result.Ticks + (days * TimeSpan.TicksPerDay);
            if (ticks < 0 || ticks > DateTime.MaxValue.Ticks)
            {
                return false;
            }

            result = new DateTime((long)ticks, DateTimeKind.Unspecified);
        }

        return true;
    }

    /// <summary>The canonical text: <c>P1Y2M3DT4H5M6.5S</c>, zero parts left out, zero as <c>PT0S</c>.</summary>
    public override string ToString()
    {
        if (IsZero)
        {
            return "PT0S";
        }

        var text = new StringBuilder(24);
        if (Negative)
        {
            text.Append('-');
        }

        text.Append('P');
        Append(text, Years, 'Y');
        Append(text, Months, 'M');
        Append(text, Weeks, 'W');
        Append(text, Days, 'D');
        if (Hours != 0 || Minutes != 0 || Seconds != 0m)
        {
            text.Append('T');
            Append(text, Hours, 'H');
            Append(text, Minutes, 'M');
            if (Seconds != 0m)
            {
                text.Append(Seconds.ToString("0.############################", CultureInfo.InvariantCulture)).Append('S');
            }
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, int value, char unit)
    {
        if (value != 0)
        {
            text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
