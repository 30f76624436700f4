using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kks.Workflow.Engine.Serialization;

/// <summary>
/// Writes variable values as plain JSON where JSON can say it without loss, and tags the rest: a date as
/// {"$date": "..."}, a whole-valued double as {"$double": 2} (it would read back as a long), and an object
/// whose only key starts with '$' as {"$object": {...}} so it is never mistaken for a tag.
/// </summary>
internal static class VariableJson
{
    private const string DateTag = "$date";
    private const string DoubleTag = "$double";
    private const string ObjectTag = "$object";

    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number when double.IsFinite(number) && number != Math.Floor(number):
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteStartObject();
                writer.WritePropertyName(DoubleTag);
                if (double.IsFinite(number))
                {
                    writer.WriteNumberValue(number);
                }
                else
                {
                    writer.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                }

                writer.WriteEndObject();
                break;
            case DateTimeOffset date:
                writer.WriteStartObject();
                writer.WriteString(DateTag, date.ToString("O", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
                break;
            case IReadOnlyList<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case IReadOnlyDictionary<string, object?> map:
                var wrap = map.Count == 1 && map.Keys.First().StartsWith('$');
                writer.WriteStartObject();
                if (wrap)
                {
                    writer.WritePropertyName(ObjectTag);
                    writer.WriteStartObject();
                }

                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }

                if (wrap)
                {
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                break;
            default:
                Write(writer, VariableValues.Normalize(value));
                break;
        }
    }

    public static object? Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var whole) ? (object)whole : reader.GetDouble();
            case JsonTokenType.StartArray:
                var list = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(Read(ref reader));
                }

                return list;
            case JsonTokenType.StartObject:
                return ReadObject(ref reader, interpretTags: true);
            default:
                throw new JsonException($"Unexpected {reader.TokenType} in a variable value.");
        }
    }

    private static object? ReadObject(ref Utf8JsonReader reader, bool interpretTags)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            // The content of an $object wrapper is the user's own object: its '$' key is not a tag.
            map[key] = interpretTags && key == ObjectTag && reader.TokenType == JsonTokenType.StartObject
                ? ReadObject(ref reader, interpretTags: false)
                : Read(ref reader);
        }

        if (interpretTags && map.Count == 1)
        {
            var (key, value) = map.First();
            switch (key)
            {
                case DateTag when value is string text:
                    return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
                case DoubleTag when value is long number:
                    return (double)number;
                case DoubleTag when value is double number:
                    return number;
                case DoubleTag when value is string text:
                    return double.Parse(text, CultureInfo.InvariantCulture);
                case ObjectTag when value is Dictionary<string, object?> inner:
                    return inner;
            }
        }

        return map;
    }
}

internal sealed class VariableMapConverter : JsonConverter<Dictionary<string, object?>>
{
    public override Dictionary<string, object?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            map[key] = VariableJson.Read(ref reader);
        }

        return map;
    }

    public override void Write(Utf8JsonWriter writer, Dictionary<string, object?> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in value)
        {
            writer.WritePropertyName(key);
            VariableJson.Write(writer, item);
        }

        writer.WriteEndObject();
    }
}

internal sealed class VariableListConverter : JsonConverter<List<object?>>
{
    public override List<object?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : (List<object?>)VariableJson.Read(ref reader)!;

    public override void Write(Utf8JsonWriter writer, List<object?> value, JsonSerializerOptions options) =>
        VariableJson.Write(writer, value);
}
