using System.Globalization;

namespace Kks.Workflow.Engine.Expressions;

/// <summary>
/// <c>size(x)</c> and <c>x.size()</c>: characters of a string, items of a list, properties of an
/// object; null has size 0 so optional lists need no separate check.
/// </summary>
internal sealed class SizeNode(FunctionCall call, bool askIsEmpty) : FunctionNode(call)
{
    protected override object? Compute(in EvaluationContext context)
    {
        var value = Arguments[0].Evaluate(context);
        long size = value switch
        {
            null => 0,
            string s => s.Length,
            IReadOnlyList<object?> list => list.Count,
            IReadOnlyDictionary<string, object?> map => map.Count,
            _ => throw WrongType(0, value, "teks, daftar atau objek", "text, a list or an object", context),
        };
        return askIsEmpty ? Values.Box(size == 0) : Values.Box(size);
    }
}

/// <summary>
/// <c>contains(x, y)</c> and <c>x.contains(y)</c>: a list holding an equal item, a string holding
/// the text, an object having the key. Null contains nothing.
/// </summary>
internal sealed class ContainsNode(FunctionCall call) : FunctionNode(call)
{
    protected override object? Compute(in EvaluationContext context)
    {
        var container = Arguments[0].Evaluate(context);
        var item = Arguments[1].Evaluate(context);
        switch (container)
        {
            case null:
                return Values.False;
            case IReadOnlyList<object?> list:
                foreach (var element in list)
                {
                    if (Values.AreEqual(element, item))
                    {
                        return Values.True;
                    }
                }

                return Values.False;
            case string text when item is string part:
                return Values.Box(text.Contains(part, StringComparison.Ordinal));
            case IReadOnlyDictionary<string, object?> map when item is string key:
                return Values.Box(map.ContainsKey(key));
            case string or IReadOnlyDictionary<string, object?>:
                throw WrongType(1, item, "teks (String)", "text (String)", context);
            default:
                throw WrongType(0, container, "daftar, teks atau objek", "a list, text or an object", context);
        }
    }
}

/// <summary><c>lower(s)</c> and <c>upper(s)</c>, culture-invariant so every server agrees; null stays null.</summary>
internal sealed class CaseNode(FunctionCall call, bool upper) : FunctionNode(call)
{
    protected override object? Compute(in EvaluationContext context)
    {
        var value = Arguments[0].Evaluate(context);
        return value switch
        {
            null => null,
            string s => upper ? s.ToUpperInvariant() : s.ToLowerInvariant(),
            _ => throw WrongType(0, value, "teks (String)", "text (String)", context),
        };
    }
}

/// <summary><c>concat(a, b, ...)</c>: the texts of all arguments joined, null as empty.</summary>
internal sealed class ConcatNode(FunctionCall call) : FunctionNode(call)
{
    protected override object? Compute(in EvaluationContext context)
    {
        var pieces = new string[Arguments.Length];
        var length = 0L;
        for (var i = 0; i < Arguments.Length; i++)
        {
            if (!ValueText.TryFormat(Arguments[i].Evaluate(context), Limits.MaxStringLength, out var piece))
            {
                throw Strings.TooLong(Arguments[i], context);
            }

            pieces[i] = piece;
            length += piece.Length;
        }

        return length <= Limits.MaxStringLength ? string.Concat(pieces) : throw Strings.TooLong(this, context);
    }
}

/// <summary>
/// <c>format(date, 'dd/MM/yyyy')</c> with an optional language, 'id' or 'en', for month and day
/// names ('d MMMM yyyy' reads "1 Maret 2024" in 'id'); invariant culture otherwise. The date is
/// shown in the environment's zone. Patterns are .NET custom date formats, bounded in length.
/// </summary>
internal sealed class FormatNode : FunctionNode
{
    private static readonly DateTimeOffset Sample = new(2024, 3, 1, 8, 30, 0, TimeSpan.FromHours(7));
    private readonly bool _patternChecked;

    public FormatNode(FunctionCall call) : base(call)
    {
        _patternChecked = call.Arguments[1] is ConstantNode;
        if (call.Arguments[1] is ConstantNode pattern && !IsValidPattern(pattern.Value as string))
        {
            throw call.Fail(1, "bukan pola tanggal yang valid", "is not a valid date pattern",
                "Contoh: 'yyyy-MM-dd', 'dd/MM/yyyy HH:mm', 'd MMMM yyyy'.", "Examples: 'yyyy-MM-dd', 'dd/MM/yyyy HH:mm', 'd MMMM yyyy'.");
        }

        if (call.Arguments.Length > 2 && call.Arguments[2] is ConstantNode language && CultureFor(language.Value as string) is null)
        {
            throw call.Fail(2, "harus 'id' atau 'en'", "must be 'id' or 'en'");
        }
    }

    protected override object? Compute(in EvaluationContext context)
    {
        var date = TimeZoneInfo.ConvertTime(DateArgument(0, context), context.Environment.TimeZone);
        var pattern = StringArgument(1, context);
        var culture = Arguments.Length > 2
            ? CultureFor(StringArgument(2, context)) ?? throw ArgumentError(2, context, "harus 'id' atau 'en'", "must be 'id' or 'en'")
            : CultureInfo.InvariantCulture;
        if (!_patternChecked && !IsValidPattern(pattern))
        {
            throw ArgumentError(1, context, "bukan pola tanggal yang valid", "is not a valid date pattern");
        }

        return date.ToString(pattern, culture);
    }

    private static CultureInfo? CultureFor(string? language) => language switch
    {
        "id" => CultureInfo.GetCultureInfo("id-ID"),
        "en" => CultureInfo.GetCultureInfo("en-GB"),
        _ => null,
    };

    private static bool IsValidPattern(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern) || pattern.Length > Limits.MaxFormatPatternLength)
        {
            return false;
        }

        try
        {
            _ = Sample.ToString(pattern, CultureInfo.InvariantCulture);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
