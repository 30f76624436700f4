using System.Globalization;
using System.Text.Json;

namespace Kks.Workflow.Web.Notifications.Mail;

/// <summary>Reads outbox payloads: JSON values into plain template values (strings, numbers, lists, dictionaries).</summary>
internal static class MailJson
{
    public static object? Value(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(Value).ToList(),
        JsonValueKind.Object => Object(element),
        _ => null,
    };

    public static Dictionary<string, object?> Object(JsonElement element)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                values[property.Name] = Value(property.Value);
            }
        }

        return values;
    }

    public static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    public static int Int(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number
        : int.TryParse(Text(parent, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;

    public static IReadOnlyList<string> Strings(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList(),
            JsonValueKind.String => SplitList(value.GetString()),
            _ => [],
        } : [];

    /// <summary>"a@b.c, role:pimpinan; kepala-opd:DINKES" as a list.</summary>
    public static List<string> SplitList(string? text) =>
        (text ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
