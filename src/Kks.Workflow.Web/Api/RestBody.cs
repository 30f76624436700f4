using System.Text.Json;

namespace Kks.Workflow.Web.Api;

/// <summary>
/// A JSON request body read by hand rather than through parameter binding, so an empty body is allowed where Camunda
/// allows it, and malformed JSON, a member of the wrong kind or a missing member is a 400 that names it and says how
/// to fix it (binding failures answer a bare 400).
/// </summary>
internal static class RestBody
{
    public const long MaxBytes = 4 * 1024 * 1024;

    /// <summary>The body as a JSON object, or null when there is none (empty or only white space); anything but an object is a 400.</summary>
    public static async Task<JsonElement?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ParseAsync(request, cancellationToken).ConfigureAwait(false);
        return body is null or { ValueKind: JsonValueKind.Object }
            ? body
            : throw RestException.BadRequest("Badan permintaan harus berupa objek JSON {...}.", "The request body must be a JSON object {...}.");
    }

    /// <summary>The body, which must be a JSON object; <paramref name="example"/> shows the caller what to send.</summary>
    public static async Task<JsonElement> ObjectAsync(HttpRequest request, string example, CancellationToken cancellationToken) =>
        await ParseAsync(request, cancellationToken).ConfigureAwait(false) is { ValueKind: JsonValueKind.Object } body
            ? body
            : throw RestException.BadRequest($"Kirim badan permintaan berupa objek JSON, misalnya {example}.", $"Send a JSON object as the body, e.g. {example}.");

    private static async Task<JsonElement?> ParseAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (buffer.Length > MaxBytes)
        {
            throw TooLarge();
        }

        var bytes = buffer.ToArray();
        if (bytes.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.Clone();
        }
        catch (JsonException error)
        {
            throw RestException.BadRequest($"JSON tidak valid: {error.Message} Periksa tanda kutip, koma dan kurung.",
                $"Invalid JSON: {error.Message} Check the quotes, commas and brackets.");
        }
    }

    private static RestException TooLarge() =>
        RestException.BadRequest($"Badan permintaan terlalu besar: paling besar {MaxBytes / 1024 / 1024} MB.", $"The request body is too large: at most {MaxBytes / 1024 / 1024} MB.");

    /// <summary>Whether the member is there at all (JSON null included): a member left out means "leave as it is".</summary>
    public static bool Has(JsonElement? root, string name) => root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty(name, out _);

    /// <summary>The member; null when absent or JSON null.</summary>
    public static JsonElement? Property(JsonElement? root, string name) =>
        root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? String(JsonElement? root, string name) => Property(root, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw RestException.BadRequest($"'{name}' harus berupa teks dalam tanda kutip.", $"'{name}' must be a quoted string."),
    };

    public static string RequiredString(JsonElement? root, string name, string example) =>
        String(root, name) is { Length: > 0 } value
            ? value
            : throw RestException.BadRequest($"'{name}' wajib diisi, misalnya {example}.", $"'{name}' is required, e.g. {example}.");

    public static bool? Bool(JsonElement? root, string name) => Property(root, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw RestException.BadRequest($"'{name}' harus true atau false.", $"'{name}' must be true or false."),
    };

    /// <summary>A true/false member that is false when absent.</summary>
    public static bool Flag(JsonElement? root, string name) => Bool(root, name) ?? false;
}
