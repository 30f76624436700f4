using System.Collections.ObjectModel;

namespace Kks.Workflow.Engine.Expressions;

/// <summary>
/// The semantics of values inside expressions: JUEL's rules where they are safe, stricter where
/// JUEL's coercions surprise people (a string never silently becomes a number).
/// </summary>
internal static class Values
{
    public static readonly object True = true;
    public static readonly object False = false;
    public static readonly ReadOnlyCollection<object?> EmptyList = Array.AsReadOnly(Array.Empty<object?>());

    private static readonly object[] SmallLongs = CreateSmallLongs();

    public static object Box(bool value) => value ? True : False;

    /// <summary>Reuses boxes for small integers (counters, sizes, day counts) to spare allocations.</summary>
    public static object Box(long value) => value is >= -128 and < 1024 ? SmallLongs[value + 128] : value;

    /// <summary>
    /// A value coming from a variable or from inside a list or object. The engine stores normalized
    /// values, so the common kinds pass untouched; anything else (a resolver returning an int) is
    /// normalized here rather than misbehaving later.
    /// </summary>
    public static object? Admit(object? value, Node at, in EvaluationContext context)
    {
        if (value is null or string or bool or long or double or DateTimeOffset
            or IReadOnlyList<object?> or IReadOnlyDictionary<string, object?>)
        {
            return value;
        }

        try
        {
            return VariableValues.Normalize(value);
        }
        catch (EngineException e)
        {
            throw at.Error(context, $"Nilai '{at.Piece(context)}' tidak dapat dipakai: {e.Text.Indonesian}", $"The value of '{at.Piece(context)}' cannot be used: {e.Text.English}");
        }
    }

    /// <summary>
    /// Operands of the logical operators: booleans; null reads as false and the strings "true" and
    /// "false" as themselves (as JUEL does, since form fields often arrive as text). Anything else is
    /// an error: JUEL would read "ya" or 5 as false, which hides mistakes.
    /// </summary>
    public static bool ToBoolean(object? value, Node at, in EvaluationContext context) => value switch
    {
        bool b => b,
        null => false,
        string s when s.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        string s when s.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        _ => throw at.Error(context,
            $"'{at.Piece(context)}' harus bernilai Boolean (true/false), tetapi bernilai {ExpressionErrors.Describe(value)}",
            $"'{at.Piece(context)}' must be a Boolean (true/false), but is {ExpressionErrors.Describe(value)}",
            "Gunakan perbandingan, misalnya x > 0, x == 'ya' atau not empty x.",
            "Use a comparison, for example x > 0, x == 'yes' or not empty x."),
    };

    public static bool IsNumber(object? value) => value is long or double;

    public static double ToDouble(object value) => value is long l ? l : (double)value;

    /// <summary>
    /// Equality: numbers numerically across long and double, dates by instant, strings ordinally,
    /// lists and objects structurally; different kinds are never equal (null equals only null).
    /// </summary>
    public static bool AreEqual(object? a, object? b, int depth = 0)
    {
        switch (a)
        {
            case null:
                return b is null;
            case long x when b is long y:
                return x == y;
            case long or double when b is long or double:
                return ToDouble(a) == ToDouble(b!);
            case string x when b is string y:
                return string.Equals(x, y, StringComparison.Ordinal);
            case bool x when b is bool y:
                return x == y;
            case DateTimeOffset x when b is DateTimeOffset y:
                return x.UtcTicks == y.UtcTicks;
            case IReadOnlyList<object?> x when b is IReadOnlyList<object?> y:
                return ListsEqual(x, y, depth);
            case IReadOnlyDictionary<string, object?> x when b is IReadOnlyDictionary<string, object?> y:
                return MapsEqual(x, y, depth);
            default:
                return false;
        }
    }

    private static bool ListsEqual(IReadOnlyList<object?> x, IReadOnlyList<object?> y, int depth)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x.Count != y.Count || depth >= VariableValues.MaxDepth)
        {
            return false;
        }

        for (var i = 0; i < x.Count; i++)
        {
            if (!AreEqual(x[i], y[i], depth + 1))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MapsEqual(IReadOnlyDictionary<string, object?> x, IReadOnlyDictionary<string, object?> y, int depth)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x.Count != y.Count || depth >= VariableValues.MaxDepth)
        {
            return false;
        }

        foreach (var entry in x)
        {
            if (!y.TryGetValue(entry.Key, out var other) || !AreEqual(entry.Value, other, depth + 1))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Order of two non-null values, or null when they are not comparable.</summary>
    public static int? Compare(object a, object b) => a switch
    {
        long x when b is long y => x.CompareTo(y),
        long or double when b is long or double => ToDouble(a).CompareTo(ToDouble(b)),
        string x when b is string y => Math.Sign(string.CompareOrdinal(x, y)),
        DateTimeOffset x when b is DateTimeOffset y => x.UtcTicks.CompareTo(y.UtcTicks),
        _ => null,
    };

    /// <summary>JUEL's <c>empty</c>: null, "", an empty list or object. Any other value is not empty.</summary>
    public static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        IReadOnlyList<object?> list => list.Count == 0,
        IReadOnlyDictionary<string, object?> map => map.Count == 0,
        _ => false,
    };

    private static object[] CreateSmallLongs()
    {
        var boxes = new object[1024 + 128];
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = (long)(i - 128);
        }

        return boxes;
    }
}
