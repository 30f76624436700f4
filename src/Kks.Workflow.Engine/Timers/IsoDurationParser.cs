namespace Kks.Workflow.Engine.Timers;

/// <summary>
/// Reads <c>[-]PnYnMnWnDTnHnMnS</c> from a span without allocating. Strict on purpose: upper-case
/// designators in ISO order, only seconds may have a fraction, and every part at most 9 digits so the
/// numbers fit an int and arithmetic on them cannot overflow silently.
/// </summary>
internal static class IsoDurationParser
{
    internal enum Status
    {
        Ok,
        Invalid,
        TooLong,
        NumberTooLarge,
    }

    private const int MaxDigits = 9;
    private const int MaxFractionDigits = 9;

    internal static Status Parse(string? text, out IsoDuration value) => Parse(text.AsSpan(), out value);

    internal static Status Parse(ReadOnlySpan<char> text, out IsoDuration value)
    {
        value = default;
        text = text.Trim();
        if (text.Length > IsoDuration.MaxTextLength)
        {
            return Status.TooLong;
        }

        var negative = false;
        var i = 0;
        if (i < text.Length && (text[i] == '-' || text[i] == '+'))
        {
            negative = text[i] == '-';
            i++;
        }

        if (i >= text.Length || text[i] != 'P')
        {
            return Status.Invalid;
        }

        i++;
        Span<int> parts = stackalloc int[6]; // Y M W D H M
        decimal seconds = 0m;
        var inTime = false;
        var anyPart = false;
        var anyTimePart = false;
        // Position of the next designator allowed, so order is enforced: Y M W D T H M S.
        var nextSlot = 0;

        while (i < text.Length)
        {
            if (text[i] == 'T')
            {
                if (inTime)
                {
                    return Status.Invalid;
                }

                inTime = true;
                nextSlot = 4;
                i++;
                continue;
            }

            var status = ReadNumber(text, ref i, out var whole, out var fraction, out var fractionDigits);
            if (status != Status.Ok)
            {
                return status;
            }

            if (i >= text.Length)
            {
                return Status.Invalid;
            }

            var slot = SlotOf(text[i], inTime);
            if (slot < nextSlot || (fractionDigits >= 0 && slot != 6))
            {
                return Status.Invalid;
            }

            if (slot == 6)
            {
                seconds = whole + (fractionDigits > 0 ? new decimal((int)fraction, 0, 0, false, (byte)fractionDigits) : 0m);
            }
            else
            {
                parts[slot] = whole;
            }

            nextSlot = slot + 1;
            anyPart = true;
            anyTimePart |= inTime;
            i++;
        }

        // "P" and "PT" name no amount of time; "P1DT" promises a time part that is missing.
        if (!anyPart || (inTime && !anyTimePart))
        {
            return Status.Invalid;
        }

        value = new IsoDuration(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], seconds, negative);
        return Status.Ok;
    }

    // Returns the index into Y M W D H M S (0..6), or -1 for anything else.
    private static int SlotOf(char designator, bool inTime) => (designator, inTime) switch
    {
        ('Y', false) => 0,
        ('M', false) => 1,
        ('W', false) => 2,
        ('D', false) => 3,
        ('H', true) => 4,
        ('M', true) => 5,
        ('S', true) => 6,
        _ => -1,
    };

    // fractionDigits is -1 when there is no decimal separator at all.
    private static Status ReadNumber(ReadOnlySpan<char> text, ref int i, out int whole, out int fraction, out int fractionDigits)
    {
        whole = 0;
        fraction = 0;
        fractionDigits = -1;
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            if (i - start >= MaxDigits)
            {
                return Status.NumberTooLarge;
            }

            whole = (whole * 10) + (text[i] - '0');
            i++;
        }

        if (i == start)
        {
            return Status.Invalid;
        }

        // ISO 8601 allows a comma as well as a point.
        if (i < text.Length && (text[i] == '.' || text[i] == ','))
        {
            i++;
            fractionDigits = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                if (fractionDigits >= MaxFractionDigits)
                {
                    return Status.NumberTooLarge;
                }

                fraction = (fraction * 10) + (text[i] - '0');
                fractionDigits++;
                i++;
            }

            if (fractionDigits == 0)
            {
                return Status.Invalid;
            }
        }

        return Status.Ok;
    }
}
