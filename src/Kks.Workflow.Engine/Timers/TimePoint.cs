namespace Kks.Workflow.Engine.Timers;

/// <summary>
/// A date-time as written in a timer: with an offset it is one instant; without one it is a wall-clock
/// time resolved in whichever zone the caller gives, so one model serves WIB, WITA and WIT alike.
/// </summary>
internal readonly struct TimePoint
{
    private const int MaxFractionDigits = 9;

    private TimePoint(DateTime clock, TimeSpan? offset)
    {
        Clock = clock;
        Offset = offset;
    }

    /// <summary>The wall-clock reading as written (Kind Unspecified).</summary>
    internal DateTime Clock { get; }

    /// <summary>The written offset, or null when the text had none.</summary>
    internal TimeSpan? Offset { get; }

    internal DateTimeOffset ToInstant(TimeZoneInfo zone) =>
        Offset is { } offset
            ? TimeZoneInfo.ConvertTime(new DateTimeOffset(Clock, offset), zone)
            : ZonedTime.ToInstant(Clock, zone);

    /// <summary>
    /// Reads <c>yyyy-MM-dd</c> or <c>yyyy-MM-ddThh[:mm[:ss[.fff]]]</c> with an optional <c>Z</c>,
    /// <c>±hh</c>, <c>±hh:mm</c> or <c>±hhmm</c>. A bare date means 00:00 local.
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<char> text, out TimePoint value)
    {
        value = default;
        text = text.Trim();
        if (text.Length < 10 || text.Length > 40
            || !TryDigits(text, 0, 4, out var year) || text[4] != '-'
            || !TryDigits(text, 5, 2, out var month) || text[7] != '-'
            || !TryDigits(text, 8, 2, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        var i = 10;
        long timeTicks = 0;
        if (i < text.Length)
        {
            if ((text[i] != 'T' && text[i] != 't') || !TryTime(text, ref i, out timeTicks))
            {
                return false;
            }
        }

        TimeSpan? offset = null;
        if (i < text.Length)
        {
            // A zone designator only makes sense after a time of day.
            if (text.Length == 10 || !TryOffset(text[i..], out var parsed))
            {
                return false;
            }

            offset = parsed;
        }

        var ticks = new DateTime(year, month, day).Ticks + timeTicks;
        var utcTicks = ticks - (offset?.Ticks ?? 0);
        // Stay clear of DateTime's ends so any zone offset can be applied later without throwing.
        if (utcTicks < ZonedTime.MinUtcTicks || utcTicks > ZonedTime.MaxUtcTicks)
        {
            return false;
        }

        value = new TimePoint(new DateTime(ticks, DateTimeKind.Unspecified), offset);
        return true;
    }

    private static bool TryTime(ReadOnlySpan<char> text, ref int i, out long ticks)
    {
        ticks = 0;
        i++; // the 'T'
        if (!TryDigits(text, i, 2, out var hour) || hour > 23)
        {
            return false;
        }

        i += 2;
        int minute = 0, second = 0;
        var hasSeconds = false;
        if (i < text.Length && text[i] == ':')
        {
            if (!TryDigits(text, i + 1, 2, out minute) || minute > 59)
            {
                return false;
            }

            i += 3;
            if (i < text.Length && text[i] == ':')
            {
                if (!TryDigits(text, i + 1, 2, out second) || second > 59)
                {
                    return false;
                }

                i += 3;
                hasSeconds = true;
            }
        }

        ticks = (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute) + (second * TimeSpan.TicksPerSecond);
        if (hasSeconds && i < text.Length && (text[i] == '.' || text[i] == ','))
        {
            i++;
            var digits = 0;
            long fraction = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                if (++digits > MaxFractionDigits)
                {
                    return false;
                }

                // Ticks are 100 ns: digits beyond the seventh are dropped.
                if (digits <= 7)
                {
                    fraction = (fraction * 10) + (text[i] - '0');
                }

                i++;
            }

            if (digits == 0)
            {
                return false;
            }

            for (var d = Math.Min(digits, 7); d < 7; d++)
            {
                fraction *= 10;
            }

            ticks += fraction;
        }

        return true;
    }

    private static bool TryOffset(ReadOnlySpan<char> text, out TimeSpan offset)
    {
        offset = default;
        if (text is "Z" or "z")
        {
            offset = TimeSpan.Zero;
            return true;
        }

        if (text.Length < 3 || (text[0] != '+' && text[0] != '-') || !TryDigits(text, 1, 2, out var hours))
        {
            return false;
        }

        var minutes = 0;
        var ok = text.Length switch
        {
            3 => true,
            5 => TryDigits(text, 3, 2, out minutes),
            6 => text[3] == ':' && TryDigits(text, 4, 2, out minutes),
            _ => false,
        };
        if (!ok || minutes > 59 || (hours * 60) + minutes > 14 * 60)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (text[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        if (start + count > text.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }
}
