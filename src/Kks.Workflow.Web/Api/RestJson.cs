using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kks.Workflow.Web.Api;

/// <summary>JSON as Camunda 7 writes it: camelCase members, nulls written (Camunda clients expect the keys).</summary>
internal static class RestJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.MaxDepth = 64;
        options.NumberHandling = JsonNumberHandling.Strict;
        // "+0700" and "Dinas Ketahanan Pangan & ..." written as they are, not as \u002B and \u0026: these bodies are
        // JSON for API clients (application/json), never inlined into HTML, so the HTML-safe escaping buys nothing.
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }

    /// <summary>Camunda's JSON content type exactly: the JavaScript external task client parses a body only when it is "application/json".</summary>
    public static IResult Result(object? value) => Results.Json(value, Options, "application/json");
}
