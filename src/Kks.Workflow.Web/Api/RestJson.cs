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
        return options;
    }

    /// <summary>Camunda's JSON content type exactly: the JavaScript external task client parses a body only when it is "application/json".</summary>
    public static IResult Result(object? value) => Results.Json(value, Options, "application/json");
}
