using System.Globalization;
using Kks.Workflow.Engine.Timers;

namespace Kks.Workflow.Engine.Expressions;

/// <summary>
/// Date texts and day arithmetic in the environment's zone. A text without an offset means wall-clock
/// time in that zone, because designers write '2024-03-01' meaning the regency's day, not UTC's.
/// </summary>
internal static class Dates
{
    private const int MaxTextLength = 40;

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    public const string AcceptedFormsId = "Gunakan '2024-03-01', '2024-03-01T08:00' atau '2024-03-01T08:00:00+07:00'.";
    public const string AcceptedFormsEn = "Use '2024-03-01', '2024-03-01T08:00' or '2024-03-01T08:00:00+07:00'.";

    /// <summary>
    /// Reads an ISO 8601 date or date-time: the wall-clock part, and the offset when the text has one.
    /// </summary>
    public static bool TryParse(string text, out DateTime local, out TimeSpan? offset)
    {
        offset = null;
        local = default;
        if (text.Length == 10)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return false;
            }

            local = day.ToDateTime(TimeOnly.MinValue);
            return true;
        }

        if (text.Length is < 16 or > MaxTextLength)
        {
            return false;
        }

        if (text.AsSpan(11).IndexOfAny('Z', '+', '-') < 0)
        {
            return DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);
        }

        if (!DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return false;
        }

        local = instant.DateTime;
        offset = instant.Offset;
        return true;
    }

    /// <summary>The instant of a parsed text, or false when it is outside the supported range.</summary>
    public static bool TryResolve(DateTime local, TimeSpan? offset, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        if (offset is null)
        {
            return ZonedTime.TryToInstant(local, zone, out instant);
        }

        var utcTicks = local.Ticks - offset.Value.Ticks;
        if (utcTicks < ZonedTime.MinUtcTicks || utcTicks > ZonedTime.MaxUtcTicks)
        {
            instant = default;
            return false;
        }

        instant = new DateTimeOffset(local, offset.Value);
        return true;
    }

    /// <summary>The local calendar day of an instant in the zone.</summary>
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(ZonedTime.ToLocal(instant, zone));

    /// <summary>Midnight starting the day in the zone (or the first moment of it after a DST gap).</summary>
    public static bool TryStartOfDay(DateOnly day, TimeZoneInfo zone, out DateTimeOffset instant) =>
        ZonedTime.TryToInstant(day.ToDateTime(TimeOnly.MinValue), zone, out instant);

    /// <summary>
    /// Moves <paramref name="count"/> working days (negative: backwards) keeping the wall-clock time.
    /// Null when the calendar yields no working day within <see cref="Limits.MaxDaySpan"/> days;
    /// throws <see cref="ArgumentOutOfRangeException"/> when the date leaves the supported range.
    /// </summary>
    public static DateTimeOffset? AddWorkingDays(DateTimeOffset start, long count, ExpressionEnvironment environment)
    {
        var local = ZonedTime.ToLocal(start, environment.TimeZone);
        var day = DateOnly.FromDateTime(local);
        var step = count < 0 ? -1 : 1;
        var remaining = Math.Abs(count);
        for (var walked = 0; remaining > 0; walked++)
        {
            if (walked >= Limits.MaxDaySpan)
            {
                return null;
            }

            day = DateOnly.FromDayNumber(day.DayNumber + step);
            if (environment.Calendar.IsWorkingDay(day))
            {
                remaining--;
            }
        }

        return ZonedTime.TryToInstant(day.ToDateTime(TimeOnly.FromDateTime(local)), environment.TimeZone, out var result)
            ? result
            : throw new ArgumentOutOfRangeException(nameof(count));
    }

    /// <summary>
    /// Working days after <paramref name="from"/>'s day up to and including <paramref name="to"/>'s day
    /// (negative when <paramref name="to"/> is earlier), so addWorkingDays(a, workingDaysBetween(a, b))
    /// lands on b's day whenever b is a working day. Null when the span is too long to walk.
    /// </summary>
    public static long? WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to, ExpressionEnvironment environment)
    {
        var first = DayOf(from, environment.TimeZone);
        var last = DayOf(to, environment.TimeZone);
        var sign = 1;
        if (last < first)
        {
            (first, last) = (last, first);
            sign = -1;
        }

        if (last.DayNumber - first.DayNumber > Limits.MaxDaySpan)
        {
            return null;
        }

        var count = 0L;
        for (var number = first.DayNumber + 1; number <= last.DayNumber; number++)
        {
            if (environment.Calendar.IsWorkingDay(DateOnly.FromDayNumber(number)))
            {
                count++;
            }
        }

        return sign * count;
    }
}
