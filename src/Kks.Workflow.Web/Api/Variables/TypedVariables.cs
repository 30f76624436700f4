using System.Globalization;
using System.Text.Json;
using Kks.Workflow.Engine;

namespace Kks.Workflow.Web.Api.Variables;

/// <summary>One variable as Camunda 7's REST API writes it: <c>{"value": ..., "type": "String", "valueInfo": {}}</c>.</summary>
public sealed record VariableDto(object? Value, string Type, IReadOnlyDictionary<string, object?> ValueInfo);

/// <summary>
/// Camunda's typed variables to and from the engine's value model (see <see cref="VariableValues"/>): String, Integer,
/// Long, Short, Double, Boolean, Date, Json, Null, and untyped values inferred from their JSON. A value that does not
/// fit its type is a 400 naming the variable, the type and what was sent.
/// </summary>
public static class TypedVariables
{
    public static readonly IReadOnlyList<string> SupportedTypes = ["String", "Integer", "Long", "Short", "Double", "Boolean", "Date", "Json", "Null"];

    /// <summary>Reads <c>{"name": {"value":..., "type":...}, ...}</c>; an absent or null map is empty.</summary>
    public static Dictionary<string, object?> Read(JsonElement? variables, TimeZoneInfo zone)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (variables is not { } map || map.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return result;
        }

        if (map.ValueKind != JsonValueKind.Object)
        {
            throw RestException.BadRequest("'variables' harus berupa objek JSON: {\"nama\": {\"value\": ..., \"type\": \"String\"}}.",
                "'variables' must be a JSON object: {\"name\": {\"value\": ..., \"type\": \"String\"}}.");
        }

        foreach (var property in map.EnumerateObject())
        {
            if (string.IsNullOrWhiteSpace(property.Name))
            {
                throw RestException.BadRequest("Nama variabel tidak boleh kosong.", "A variable name must not be empty.");
            }

            result[property.Name] = ReadOne(property.Name, property.Value, zone);
        }

        return result;
    }

    /// <summary>Reads one <c>{"value":..., "type":...}</c> (the body of PUT .../variables/{name}).</summary>
    public static object? ReadOne(string name, JsonElement variable, TimeZoneInfo zone)
    {
        if (variable.ValueKind != JsonValueKind.Object)
        {
            throw RestException.BadRequest($"Variabel '{name}' harus ditulis sebagai {{\"value\": ..., \"type\": \"String\"}}.",
                $"Variable '{name}' must be written as {{\"value\": ..., \"type\": \"String\"}}.");
        }

        var value = variable.TryGetProperty("value", out var v) ? v : default;
        var type = variable.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return Convert(name, value, type, zone);
    }

    private static object? Convert(string name, JsonElement value, string? type, TimeZoneInfo zone)
    {
        var kind = value.ValueKind;
        if (kind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        switch (type?.ToUpperInvariant())
        {
            case null or "":
                return VariableValues.Normalize(value);
            case "NULL":
                return null;
            case "STRING":
                return kind == JsonValueKind.String ? value.GetString() : Wrong(name, type, value, "teks dalam tanda kutip", "a quoted text");
            case "BOOLEAN":
                return kind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.String when bool.TryParse(value.GetString(), out var b) => b,
                    _ => Wrong(name, type, value, "true atau false", "true or false"),
                };
            case "INTEGER" or "SHORT" or "LONG":
                var (min, max) = type.ToUpperInvariant() switch
                {
                    "INTEGER" => ((long)int.MinValue, (long)int.MaxValue),
                    "SHORT" => (short.MinValue, short.MaxValue),
                    _ => (long.MinValue, long.MaxValue),
                };
                if (TryLong(value, out var whole) && whole >= min && whole <= max)
                {
                    return whole;
                }

                return Wrong(name, type, value, $"bilangan bulat antara {min} dan {max}", $"a whole number between {min} and {max}");
            case "DOUBLE":
                if (kind == JsonValueKind.Number && value.TryGetDouble(out var d))
                {
                    return d;
                }

                if (kind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d))
                {
                    return d;
                }

                return Wrong(name, type, value, "bilangan (titik sebagai pemisah desimal)", "a number (dot as decimal separator)");
            case "DATE":
                return kind == JsonValueKind.String && CamundaDates.TryParse(value.GetString(), zone, out var date)
                    ? date
                    : Wrong(name, type, value, "tanggal seperti 2023-03-24T17:00:00.000+0700", "a date such as 2023-03-24T17:00:00.000+0700");
            case "JSON":
                if (kind == JsonValueKind.String)
                {
                    try
                    {
                        using var document = JsonDocument.Parse(value.GetString()!, new JsonDocumentOptions { MaxDepth = VariableValues.MaxDepth });
                        return VariableValues.Normalize(document.RootElement);
                    }
                    catch (JsonException error)
                    {
                        return Wrong(name, type, value, $"teks JSON yang valid ({error.Message})", $"valid JSON text ({error.Message})");
                    }
                }

                return VariableValues.Normalize(value);
            default:
                throw RestException.BadRequest(
                    $"Variabel '{name}': tipe '{type}' tidak didukung. Gunakan salah satu: {string.Join(", ", SupportedTypes)}.",
                    $"Variable '{name}': type '{type}' is not supported. Use one of: {string.Join(", ", SupportedTypes)}.");
        }
    }

    private static bool TryLong(JsonElement value, out long whole)
    {
        whole = 0;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out whole),
            JsonValueKind.String => long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out whole),
            _ => false,
        };
    }

    private static object Wrong(string name, string type, JsonElement value, string expectedId, string expectedEn)
    {
        var sent = value.GetRawText();
        sent = sent.Length > 60 ? sent[..60] + "..." : sent;
        throw RestException.BadRequest(
            $"Variabel '{name}' bertipe {type} harus berisi {expectedId}; yang dikirim: {sent}.",
            $"Variable '{name}' of type {type} must hold {expectedEn}; got: {sent}.");
    }

    /// <summary>Writes engine values in Camunda's typed form (lists and objects as Json, their value a JSON text as Camunda's Spin does).</summary>
    public static Dictionary<string, VariableDto> Write(IEnumerable<KeyValuePair<string, object?>> variables, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var result = new Dictionary<string, VariableDto>(StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            result[name] = WriteOne(value, zone);
        }

        return result;
    }

    private static readonly IReadOnlyDictionary<string, object?> NoInfo = new Dictionary<string, object?>();

    public static VariableDto WriteOne(object? value, TimeZoneInfo zone) => value switch
    {
        null => new VariableDto(null, "Null", NoInfo),
        string s => new VariableDto(s, "String", NoInfo),
        bool b => new VariableDto(b, "Boolean", NoInfo),
        long l when l is >= int.MinValue and <= int.MaxValue => new VariableDto(l, "Integer", NoInfo),
        long l => new VariableDto(l, "Long", NoInfo),
        double d => new VariableDto(d, "Double", NoInfo),
        DateTimeOffset date => new VariableDto(CamundaDates.Format(date, zone), "Date", NoInfo),
        _ => new VariableDto(JsonSerializer.Serialize(value, RestJson.Options), "Json", NoInfo),
    };
}
