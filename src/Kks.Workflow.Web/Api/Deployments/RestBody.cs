using System.Text.Json;

namespace Kks.Workflow.Web.Api.Deployments;

/// <summary>
/// A JSON request body read by hand, so an empty body is allowed where Camunda allows it and a member of the wrong
/// kind is a 400 naming the member (malformed JSON is a 400 through <see cref="RestErrorHandling"/>).
/// </summary>
internal static class RestBody
{
    public const long MaxBytes = 4 * 1024 * 1024;

    /// <summary>The body as JSON, or null when there is none; anything but an object is a 400.</summary>
    public static async Task<JsonDocument?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
        {
            return null;
        }

        if (request.ContentLength > MaxBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            return null;
        }

        if (buffer.Length > MaxBytes)
        {
            throw TooLarge();
        }

        var document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw RestException.BadRequest("Badan permintaan harus berupa objek JSON {...}.", "The request body must be a JSON object {...}.");
        }

        return document;
    }

    private static RestException TooLarge() =>
        RestException.BadRequest($"Badan permintaan terlalu besar: paling besar {MaxBytes / 1024 / 1024} MB.", $"The request body is too large: at most {MaxBytes / 1024 / 1024} MB.");

    public static JsonElement? Property(JsonElement? root, string name) =>
        root is { } r && r.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? String(JsonElement? root, string name) => Property(root, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw RestException.BadRequest($"'{name}' harus berupa teks.", $"'{name}' must be a string."),
    };

    public static bool? Bool(JsonElement? root, string name) => Property(root, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw RestException.BadRequest($"'{name}' harus true atau false.", $"'{name}' must be true or false."),
    };

    public static int? Int(JsonElement? root, string name, int min = 0) => Property(root, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) && number >= min => number,
        _ => throw RestException.BadRequest($"'{name}' harus bilangan bulat {min} atau lebih.", $"'{name}' must be a whole number of {min} or more."),
    };
}
