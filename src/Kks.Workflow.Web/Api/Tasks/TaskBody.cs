using System.Text.Json;

namespace Kks.Workflow.Web.Api.Tasks;

/// <summary>
/// Reads a request body as JSON here rather than through parameter binding, so malformed JSON, a wrong member type or
/// a missing member get a 400 that says what is wrong and how to fix it (binding failures answer a bare 400).
/// </summary>
internal static class TaskBody
{
    private const int MaxBytes = 1024 * 1024;

    /// <summary>The body's root element; Undefined for an empty body.</summary>
    public static async Task<JsonElement> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > MaxBytes)
        {
            throw RestException.BadRequest($"Badan permintaan terlalu besar (paling banyak {MaxBytes / 1024} KB).", $"The request body is too large (at most {MaxBytes / 1024} KB).");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (buffer.Length > MaxBytes)
        {
            throw RestException.BadRequest($"Badan permintaan terlalu besar (paling banyak {MaxBytes / 1024} KB).", $"The request body is too large (at most {MaxBytes / 1024} KB).");
        }

        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.Clone();
        }
        catch (JsonException error)
        {
            throw RestException.BadRequest($"JSON tidak valid: {error.Message} Periksa tanda kutip, koma dan kurung.",
                $"Invalid JSON: {error.Message} Check the quotes, commas and brackets.");
        }
    }

    /// <summary>The body, which must be a JSON object (an empty body counts as <c>{}</c> when <paramref name="optional"/>).</summary>
    public static async Task<JsonElement> ObjectAsync(HttpRequest request, string example, bool optional, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (body.ValueKind == JsonValueKind.Undefined && optional)
        {
            return body;
        }

        return body.ValueKind == JsonValueKind.Object
            ? body
            : throw RestException.BadRequest($"Kirim badan permintaan berupa objek JSON, misalnya {example}.", $"Send a JSON object as the body, e.g. {example}.");
    }

    /// <summary>A string member; null when absent or JSON null; anything else is a 400.</summary>
    public static string? String(JsonElement body, string name)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw RestException.BadRequest($"'{name}' harus berupa teks dalam tanda kutip.", $"'{name}' must be a quoted string.");
    }

    public static bool Has(JsonElement body, string name) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out _);

    public static string RequiredString(JsonElement body, string name, string example) =>
        String(body, name) is { Length: > 0 } value
            ? value
            : throw RestException.BadRequest($"'{name}' wajib diisi, misalnya {example}.", $"'{name}' is required, e.g. {example}.");

    public static bool Flag(JsonElement body, string name)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw RestException.BadRequest($"'{name}' harus true atau false.", $"'{name}' must be true or false.");
    }
}
