using System.Globalization;
using System.Text;

namespace Kks.Workflow.Engine.Expressions;

/// <summary>
/// How a value reads as text in templates, concatenation and <c>EvaluateString</c>: invariant culture
/// so the same process renders the same on every server; dates as ISO 8601 with their offset;
/// lists and objects as JSON. Output is capped so a large variable cannot become a huge string.
/// </summary>
internal static class ValueText
{
    /// <summary>The text, cut at <paramref name="maxLength"/> when longer (for messages).</summary>
    public static string Format(object? value, int maxLength)
    {
        TryFormat(value, maxLength, out var text);
        return text;
    }

    /// <summary>False (with the text cut short) when the text would exceed <paramref name="maxLength"/>.</summary>
    public static bool TryFormat(object? value, int maxLength, out string text)
    {
        switch (value)
        {
            case null:
                text = string.Empty;
                return true;
            case string s:
                text = s.Length <= maxLength ? s : s[..maxLength];
                return s.Length <= maxLength;
            case IReadOnlyList<object?> or IReadOnlyDictionary<string, object?>:
                var builder = new StringBuilder();
                var complete = AppendJson(builder, value, maxLength, 0);
                text = builder.Length <= maxLength ? builder.ToString() : builder.ToString(0, maxLength);
                return complete && builder.Length <= maxLength;
            default:
                text = Scalar(value);
                return true;
        }
    }

    private static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        // Shortest round-trip form: 85.0 reads "85", 0.1 reads "0.1".
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset t => FormatDate(t),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    public static string FormatDate(DateTimeOffset value) => value.ToString(
        value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        CultureInfo.InvariantCulture);

    private static bool AppendJson(StringBuilder builder, object? value, int maxLength, int depth)
    {
        if (builder.Length > maxLength || depth > VariableValues.MaxDepth)
        {
            return false;
        }

        switch (value)
        {
            case null:
                builder.Append("null");
                return true;
            case string s:
                AppendString(builder, s);
                return true;
            case DateTimeOffset t:
                AppendString(builder, FormatDate(t));
                return true;
            case IReadOnlyList<object?> list:
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    if (!AppendJson(builder, list[i], maxLength, depth + 1))
                    {
                        return false;
                    }
                }

                builder.Append(']');
                return true;
            case IReadOnlyDictionary<string, object?> map:
                builder.Append('{');
                var first = true;
                foreach (var entry in map)
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    AppendString(builder, entry.Key);
                    builder.Append(':');
                    if (!AppendJson(builder, entry.Value, maxLength, depth + 1))
                    {
                        return false;
                    }
                }

                builder.Append('}');
                return true;
            default:
                builder.Append(Scalar(value));
                return true;
        }
    }

    private static void AppendString(StringBuilder builder, string s)
    {
        builder.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }
}
