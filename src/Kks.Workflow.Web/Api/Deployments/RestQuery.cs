using System.Globalization;

namespace Kks.Workflow.Web.Api.Deployments;

/// <summary>
/// Query-string parameters of the deployment, definition and instance lists read strictly: a value that is not what
/// the parameter takes is a 400 that names the parameter and shows what it takes, never silently ignored.
/// </summary>
internal static class RestQuery
{
    public static string? Text(HttpRequest request, string name)
    {
        var value = request.Query[name];
        return value.Count == 0 || string.IsNullOrEmpty(value[0]) ? null : value[0];
    }

    public static bool? Bool(HttpRequest request, string name)
    {
        var text = Text(request, name);
        return text is null ? null : ParseBool(text, name);
    }

    public static bool ParseBool(string text, string name) =>
        bool.TryParse(text, out var value)
            ? value
            : throw RestException.BadRequest($"'{name}' harus true atau false, bukan '{text}'.", $"'{name}' must be true or false, not '{text}'.");

    public static int? Int(HttpRequest request, string name, int min = 0)
    {
        var text = Text(request, name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw RestException.BadRequest($"'{name}' harus bilangan bulat {min} atau lebih, bukan '{text}'.",
                $"'{name}' must be a whole number of {min} or more, not '{text}'.");
    }

    /// <summary>Camunda's firstResult/maxResults; without maxResults a list is capped so one call never reads a whole table.</summary>
    public static (int First, int Max) Page(HttpRequest request, int cap = 1000) =>
        (Int(request, "firstResult") ?? 0, Math.Min(Int(request, "maxResults") ?? cap, cap));

    /// <summary>sortBy (one of <paramref name="allowed"/>) and sortOrder (asc or desc, asc when absent).</summary>
    public static (string? SortBy, bool Descending) Sort(HttpRequest request, params string[] allowed)
    {
        var sortBy = Text(request, "sortBy");
        var order = Text(request, "sortOrder");
        if (sortBy is not null && !allowed.Contains(sortBy, StringComparer.Ordinal))
        {
            throw RestException.BadRequest($"sortBy '{sortBy}' tidak dikenal; gunakan salah satu: {string.Join(", ", allowed)}.",
                $"Unknown sortBy '{sortBy}'; use one of: {string.Join(", ", allowed)}.");
        }

        if (order is not null and not ("asc" or "desc"))
        {
            throw RestException.BadRequest($"sortOrder harus asc atau desc, bukan '{order}'.", $"sortOrder must be asc or desc, not '{order}'.");
        }

        if (order is not null && sortBy is null)
        {
            throw RestException.BadRequest("sortOrder perlu sortBy: kirim keduanya.", "sortOrder needs sortBy: send both.");
        }

        return (sortBy, order == "desc");
    }

    private static readonly string[] Paging = ["firstResult", "maxResults", "sortBy", "sortOrder"];

    /// <summary>
    /// A filter this engine does not support is a 400 naming it and the supported ones: silently ignoring it would
    /// answer a wider list than the caller asked for.
    /// </summary>
    public static void RejectUnknown(IEnumerable<string> given, IReadOnlyCollection<string> known)
    {
        foreach (var name in given)
        {
            if (!known.Contains(name, StringComparer.Ordinal) && !Paging.Contains(name, StringComparer.Ordinal))
            {
                throw RestException.BadRequest(
                    $"Parameter '{name}' tidak didukung di sini; yang didukung: {string.Join(", ", known.Concat(Paging))}.",
                    $"Parameter '{name}' is not supported here; supported: {string.Join(", ", known.Concat(Paging))}.");
            }
        }
    }

    /// <summary>Camunda's absolute link to a resource of this API.</summary>
    public static object Link(HttpRequest request, string method, string path, string rel) => new
    {
        method,
        href = $"{request.Scheme}://{request.Host}{request.PathBase}{EngineRest.BasePath}/{path}",
        rel,
    };
}
