namespace Kks.Workflow.Engine.Timers;

/// <summary>
/// Reads Quartz cron syntax into the bit sets of <see cref="CronExpression"/>. Runs once per timer
/// at deployment, so it favours clear checks over speed. <c>L</c>, <c>W</c> and <c>#</c> are accepted
/// only as the whole day field, as Quartz itself requires.
/// </summary>
internal static class CronParser
{
    private const int SecondField = 0, MinuteField = 1, HourField = 2, DayField = 3, MonthField = 4, WeekdayField = 5, YearField = 6;

    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] WeekdayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    private static readonly char[] Separators = [' ', '\t', '\r', '\n'];

    internal static bool TryParse(string? text, out CronExpression? cron, out BilingualText? error)
    {
        cron = null;
        error = null;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length > CronExpression.MaxTextLength)
        {
            error = CronMessages.TooLong(trimmed);
            return false;
        }

        var fields = trimmed.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is not (6 or 7))
        {
            error = CronMessages.FieldCount(trimmed, fields.Length);
            return false;
        }

        var bad = -1;
        if (!TryBits(fields[SecondField], 0, 59, null, out var seconds)) bad = SecondField;
        else if (!TryBits(fields[MinuteField], 0, 59, null, out var minutes)) bad = MinuteField;
        else if (!TryBits(fields[HourField], 0, 23, null, out var hours)) bad = HourField;
        else if (!TryBits(fields[MonthField], 1, 12, MonthNames, out var months)) bad = MonthField;
        else if (!TryYears(fields, out var years)) bad = YearField;
        else if (TryDays(trimmed, fields[DayField], fields[WeekdayField], out var days, out bad, out error))
        {
            cron = new CronExpression(trimmed, seconds, minutes, (uint)hours, days.OfMonth, (uint)months, days.OfWeek,
                years, days.Rule, days.Argument, days.Weekday);
            return true;
        }

        error ??= CronMessages.Field(trimmed, bad, fields[bad]);
        return false;
    }

    private readonly record struct DaySpec(CronDayRule Rule, uint OfMonth, uint OfWeek, int Argument, int Weekday);

    private static bool TryYears(string[] fields, out bool[]? years)
    {
        years = null;
        if (fields.Length == 6 || fields[YearField] == "*")
        {
            return true;
        }

        years = new bool[CronExpression.MaxYear - CronExpression.MinYear + 1];
        return TryField(fields[YearField], CronExpression.MinYear, CronExpression.MaxYear, null, years);
    }

    private static bool TryDays(string text, string dayOfMonth, string dayOfWeek, out DaySpec days, out int bad, out BilingualText? error)
    {
        days = default;
        error = null;
        bool monthQuestion = dayOfMonth == "?", weekQuestion = dayOfWeek == "?";
        if (monthQuestion && weekQuestion)
        {
            error = CronMessages.NoDays(text);
            bad = DayField;
            return false;
        }

        // Quartz refuses "0 0 9 * * MON-FRI"; a '*' beside a real restriction means nothing, so it is read as '?'.
        if (!monthQuestion && !weekQuestion)
        {
            if (dayOfMonth == "*")
            {
                monthQuestion = true;
            }
            else if (dayOfWeek == "*")
            {
                weekQuestion = true;
            }
            else
            {
                error = CronMessages.BothDays(text);
                bad = DayField;
                return false;
            }
        }

        bad = weekQuestion ? DayField : WeekdayField;
        return weekQuestion ? TryDayOfMonth(dayOfMonth.ToUpperInvariant(), out days) : TryDayOfWeek(dayOfWeek.ToUpperInvariant(), out days);
    }

    private static bool TryDayOfMonth(string field, out DaySpec days)
    {
        days = default;
        if (field == "L" || field == "LW")
        {
            days = new DaySpec(field == "L" ? CronDayRule.LastDayOfMonth : CronDayRule.LastWeekdayOfMonth, 0, 0, 0, 0);
            return true;
        }

        if (field.StartsWith("L-", StringComparison.Ordinal))
        {
            var ok = TryNumber(field.AsSpan(2), 0, 30, out var before);
            days = new DaySpec(CronDayRule.LastDayOfMonth, 0, 0, before, 0);
            return ok;
        }

        if (field.EndsWith('W'))
        {
            var ok = TryNumber(field.AsSpan(0, field.Length - 1), 1, 31, out var day);
            days = new DaySpec(CronDayRule.NearestWeekday, 0, 0, day, 0);
            return ok;
        }

        if (!TryBits(field, 1, 31, null, out var bits))
        {
            return false;
        }

        days = new DaySpec(CronDayRule.DaysOfMonth, (uint)bits, 0, 0, 0);
        return true;
    }

    private static bool TryDayOfWeek(string field, out DaySpec days)
    {
        days = default;
        // A lone 'L' is Saturday, the last day of the week, as in Quartz.
        if (field == "L")
        {
            days = new DaySpec(CronDayRule.DaysOfWeek, 0, 1u << 7, 0, 0);
            return true;
        }

        if (field.Length > 1 && field.EndsWith('L'))
        {
            var ok = TryValue(field.AsSpan(0, field.Length - 1), 1, 7, WeekdayNames, out var weekday);
            days = new DaySpec(CronDayRule.LastDayOfWeekInMonth, 0, 0, 0, weekday);
            return ok;
        }

        var hash = field.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            var ok = TryValue(field.AsSpan(0, hash), 1, 7, WeekdayNames, out var weekday)
                & TryNumber(field.AsSpan(hash + 1), 1, 5, out var nth);
            days = new DaySpec(CronDayRule.NthDayOfWeekInMonth, 0, 0, nth, weekday);
            return ok;
        }

        if (!TryBits(field, 1, 7, WeekdayNames, out var bits))
        {
            return false;
        }

        days = new DaySpec(CronDayRule.DaysOfWeek, 0, (uint)bits, 0, 0);
        return true;
    }

    private static bool TryBits(string field, int min, int max, string[]? names, out ulong bits)
    {
        bits = 0;
        var set = new bool[max - min + 1];
        if (!TryField(field, min, max, names, set))
        {
            return false;
        }

        for (var i = 0; i < set.Length; i++)
        {
            if (set[i])
            {
                bits |= 1UL << (min + i);
            }
        }

        return true;
    }

    // Fills set[value - min] for "*", "a", "a-b" (wrapping when a > b, e.g. FRI-MON), "*/n", "a/n", "a-b/n" and lists of them.
    private static bool TryField(string field, int min, int max, string[]? names, bool[] set)
    {
        var span = max - min + 1;
        foreach (var item in field.ToUpperInvariant().Split(','))
        {
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            var range = slash >= 0 ? item.AsSpan(0, slash) : item.AsSpan();
            var step = 1;
            if (slash >= 0 && !TryNumber(item.AsSpan(slash + 1), 1, span, out step))
            {
                return false;
            }

            int low, high;
            if (range is "*")
            {
                (low, high) = (min, max);
            }
            else
            {
                var dash = range.IndexOf('-');
                if (dash < 0)
                {
                    if (!TryValue(range, min, max, names, out low))
                    {
                        return false;
                    }

                    // "5/15" means from 5 to the end in steps of 15.
                    high = slash >= 0 ? max : low;
                }
                else if (!TryValue(range[..dash], min, max, names, out low) || !TryValue(range[(dash + 1)..], min, max, names, out high))
                {
                    return false;
                }
            }

            var count = high >= low ? high - low : span - low + high;
            for (var offset = 0; offset <= count; offset += step)
            {
                set[((low - min + offset) % span)] = true;
            }
        }

        return true;
    }

    private static bool TryValue(ReadOnlySpan<char> text, int min, int max, string[]? names, out int value)
    {
        if (names is not null)
        {
            for (var i = 0; i < names.Length; i++)
            {
                if (text.SequenceEqual(names[i]))
                {
                    value = min + i;
                    return true;
                }
            }
        }

        return TryNumber(text, min, max, out value);
    }

    private static bool TryNumber(ReadOnlySpan<char> text, int min, int max, out int value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 4)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return value >= min && value <= max;
    }
}
