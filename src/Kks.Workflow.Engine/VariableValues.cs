using System.Collections;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kks.Workflow.Engine;

/// <summary>
/// The engine's value model. A variable value is exactly one of: <c>null</c>, <see cref="string"/>,
/// <see cref="bool"/>, <see cref="long"/> (every integer), <see cref="double"/> (every fractional
/// number), <see cref="DateTimeOffset"/> (dates and date-times), <see cref="IReadOnlyList{T}"/> of
/// values (lists) and <see cref="IReadOnlyDictionary{TKey,TValue}"/> of string to value (objects).
/// Keeping the set this small is what lets expressions, persistence and the REST API agree on
/// every value without type converters in each layer.
/// </summary>
public static class VariableValues
{
    /// <summary>Lists and objects nest at most this deep; deeper data is refused, not truncated.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Converts a CLR value into the value model: other integer types to <see cref="long"/>,
    /// <see cref="float"/>/<see cref="decimal"/> to <see cref="double"/> (a whole-valued decimal
    /// becomes <see cref="long"/>: decimal arithmetic leaves scales such as 3.0 that mean nothing), <see cref="DateTime"/> and
    /// <see cref="DateOnly"/> to <see cref="DateTimeOffset"/> (an unspecified kind is taken as UTC,
    /// a <see cref="DateOnly"/> as UTC midnight: convert in the right zone first when that matters),
    /// enums, chars and GUIDs to strings, sequences to read-only lists, dictionaries with string keys
    /// and JSON (<see cref="JsonElement"/>, <see cref="JsonNode"/>) to read-only lists and objects.
    /// Lists and objects are copied, so a caller mutating its own collection later cannot change a
    /// stored value. Throws <see cref="EngineException"/> for anything else.
    /// </summary>
    public static object? Normalize(object? value) => Normalize(value, 0);

    /// <summary>The Camunda 7 name of the value's type: Null, String, Boolean, Long, Double, Date, Json.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "Null",
        string or char or Guid or Enum => "String",
        bool => "Boolean",
        long or int or short or sbyte or byte or ushort or uint or ulong or BigInteger or Int128 => "Long",
        double or float or decimal or Half => "Double",
        DateTimeOffset or DateTime or DateOnly => "Date",
        IEnumerable or JsonElement or JsonNode or JsonDocument => "Json",
        _ => value.GetType().Name,
    };

    /// <summary>True when the value is already one of the model's kinds (deeply for lists and objects).</summary>
    public static bool IsNormalized(object? value) => IsNormalized(value, 0);

    private static bool IsNormalized(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        switch (value)
        {
            case null or string or bool or long or DateTimeOffset:
                return true;
            case double d:
                return double.IsFinite(d);
            case ReadOnlyCollection<object?> list:
                foreach (var item in list)
                {
                    if (!IsNormalized(item, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            case ReadOnlyDictionary<string, object?> map:
                foreach (var entry in map)
                {
                    if (!IsNormalized(entry.Value, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private static object? Normalize(object? value, int depth)
    {
        switch (value)
        {
            case null or string or bool or long or DateTimeOffset:
                return value;
            case double d:
                return Finite(d);
            case int or short or sbyte or byte or ushort or uint or char or Guid or Enum:
                return Scalar(value);
            case ulong u:
                return u <= long.MaxValue ? (long)u : throw TooLarge(value);
            case BigInteger big:
                return big >= long.MinValue && big <= long.MaxValue ? (long)big : throw TooLarge(value);
            case Int128 wide:
                return wide >= long.MinValue && wide <= long.MaxValue ? (long)wide : throw TooLarge(value);
            // Through the shortest text so 0.1f stays 0.1 instead of 0.10000000149011612.
            case float f:
                return Finite(double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
            case Half h:
                return Finite((double)h);
            case decimal m:
                return decimal.IsInteger(m) && m >= long.MinValue && m <= long.MaxValue ? (object)(long)m : (double)m;
            case DateTime dt:
                return dt.Kind == DateTimeKind.Local ? new DateTimeOffset(dt) : new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc));
            case DateOnly day:
                return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            case JsonElement element:
                return FromJson(element, depth);
            case JsonDocument document:
                return FromJson(document.RootElement, depth);
            case JsonNode node:
                return FromJsonNode(node, depth);
            case byte[]:
                throw Unsupported(value, "data biner sebaiknya disimpan sebagai berkas", "binary data belongs in a file");
        }

        if (depth >= MaxDepth)
        {
            throw TooDeep();
        }

        if (IsNormalized(value, depth))
        {
            return value;
        }

        return value switch
        {
            IReadOnlyDictionary<string, object?> map => FromPairs(map, depth),
            IDictionary dictionary => FromDictionary(dictionary, depth),
            IEnumerable sequence => FromSequence(sequence, depth),
            _ => throw Unsupported(value, "gunakan teks, angka, boolean, tanggal, daftar atau objek", "use text, numbers, booleans, dates, lists or objects"),
        };
    }

    private static object Scalar(object value) => value switch
    {
        int i => (long)i,
        short s => (long)s,
        sbyte sb => (long)sb,
        byte b => (long)b,
        ushort us => (long)us,
        uint ui => (long)ui,
        char c => c.ToString(),
        Guid g => g.ToString("D"),
        _ => value.ToString()!,
    };

    private static ReadOnlyDictionary<string, object?> FromPairs(IReadOnlyDictionary<string, object?> map, int depth)
    {
        var copy = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
        foreach (var entry in map)
        {
            copy[entry.Key] = Normalize(entry.Value, depth + 1);
        }

        return copy.AsReadOnly();
    }

    private static ReadOnlyDictionary<string, object?> FromDictionary(IDictionary dictionary, int depth)
    {
        var copy = new Dictionary<string, object?>(dictionary.Count, StringComparer.Ordinal);
        foreach (DictionaryEntry entry in dictionary)
        {
            if (entry.Key is not string key)
            {
                throw Unsupported(dictionary, "kunci objek harus berupa teks", "object keys must be strings");
            }

            copy[key] = Normalize(entry.Value, depth + 1);
        }

        return copy.AsReadOnly();
    }

    private static ReadOnlyCollection<object?> FromSequence(IEnumerable sequence, int depth)
    {
        var items = new List<object?>();
        foreach (var item in sequence)
        {
            items.Add(Normalize(item, depth + 1));
        }

        return items.AsReadOnly();
    }

    private static object? FromJson(JsonElement element, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                // The cast matters: without it the conditional would type as double and turn 5 into 5.0.
                return element.TryGetInt64(out var whole) ? (object)whole : Finite(element.GetDouble());
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Object:
                if (depth >= MaxDepth)
                {
                    throw TooDeep();
                }

                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    map[property.Name] = FromJson(property.Value, depth + 1);
                }

                return map.AsReadOnly();
            case JsonValueKind.Array:
                if (depth >= MaxDepth)
                {
                    throw TooDeep();
                }

                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(FromJson(item, depth + 1));
                }

                return list.AsReadOnly();
            default:
                return null;
        }
    }

    private static object? FromJsonNode(JsonNode node, int depth)
    {
        if (depth >= MaxDepth)
        {
            throw TooDeep();
        }

        switch (node)
        {
            case JsonObject obj:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in obj)
                {
                    map[property.Key] = property.Value is null ? null : FromJsonNode(property.Value, depth + 1);
                }

                return map.AsReadOnly();
            case JsonArray array:
                var list = new List<object?>(array.Count);
                foreach (var item in array)
                {
                    list.Add(item is null ? null : FromJsonNode(item, depth + 1));
                }

                return list.AsReadOnly();
            default:
                // A JsonValue wraps either a JsonElement or a CLR primitive; both normalize from there.
                return node.AsValue().TryGetValue<object>(out var inner) ? Normalize(inner, depth + 1) : null;
        }
    }

    private static double Finite(double value) => double.IsFinite(value)
        ? value
        : throw new EngineException(new BilingualText(
            "Nilai variabel harus berupa angka terhingga (bukan NaN atau tak hingga).",
            "A variable value must be a finite number (not NaN or infinity)."));

    private static EngineException TooLarge(object value) => new(new BilingualText(
        $"Angka {value} terlalu besar untuk variabel (batasnya {long.MinValue} sampai {long.MaxValue}).",
        $"The number {value} is too large for a variable (the range is {long.MinValue} to {long.MaxValue})."));

    private static EngineException TooDeep() => new(new BilingualText(
        $"Nilai variabel bersarang lebih dari {MaxDepth} tingkat; sederhanakan strukturnya.",
        $"The variable value nests more than {MaxDepth} levels deep; flatten its structure."));

    private static EngineException Unsupported(object value, string hintId, string hintEn) => new(new BilingualText(
        $"Jenis nilai {value.GetType().Name} tidak didukung untuk variabel: {hintId}.",
        $"Values of type {value.GetType().Name} are not supported for variables: {hintEn}."));
}
