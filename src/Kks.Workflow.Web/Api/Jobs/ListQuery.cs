using System.Globalization;

namespace Kks.Workflow.Web.Api.Jobs;

/// <summary>
/// Reads the query parameters of the job, incident and external task lists the way Camunda does (booleans as
/// true/false, paging by firstResult/maxResults, sortBy with sortOrder asc/desc); anything malformed is a 400 that
/// names the parameter and says what it accepts.
/// </summary>
internal static class ListQuery
{
    public static string? Text(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && !string.IsNullOrEmpty(values.ToString()) ? values.ToString() : null;

    public static bool? Bool(HttpRequest request, string name)
    {
        var text = Text(request, name);
        if (text is null)
        {
            return null;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw RestException.BadRequest($"Parameter '{name}' harus true atau false, bukan '{text}'.", $"Parameter '{name}' must be true or false, not '{text}'.");
    }

    /// <summary>A parameter that only filters when true (Camunda's flags such as timers=true); false means "no filter".</summary>
    public static bool Flag(HttpRequest request, string name) => Bool(request, name) == true;

    public static int? Int(HttpRequest request, string name, int min = 0)
    {
        var text = Text(request, name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw RestException.BadRequest($"Parameter '{name}' harus bilangan bulat ≥ {min}, bukan '{text}'.", $"Parameter '{name}' must be a whole number ≥ {min}, not '{text}'.");
    }

    /// <summary>firstResult and maxResults (at most 1000 rows per page; none given: the first 1000).</summary>
    public static (int First, int Max) Page(HttpRequest request) =>
        (Int(request, "firstResult") ?? 0, Math.Min(Int(request, "maxResults") ?? 1000, 1000));

    /// <summary>sortBy checked against the allowed names (null when absent), and whether the order is descending.</summary>
    public static (string? SortBy, bool Descending) Sort(HttpRequest request, IReadOnlyCollection<string> allowed)
    {
        var sortBy = Text(request, "sortBy");
        var order = Text(request, "sortOrder");
        if (sortBy is not null && !allowed.Contains(sortBy))
        {
            throw RestException.BadRequest(
                $"sortBy '{sortBy}' tidak dikenal. Pilih salah satu: {string.Join(", ", allowed)}.",
                $"Unknown sortBy '{sortBy}'. Use one of: {string.Join(", ", allowed)}.");
        }

        if (order is not null && order is not ("asc" or "desc"))
        {
            throw RestException.BadRequest($"sortOrder harus 'asc' atau 'desc', bukan '{order}'.", $"sortOrder must be 'asc' or 'desc', not '{order}'.");
        }

        if ((sortBy is null) != (order is null))
        {
            throw RestException.BadRequest("sortBy dan sortOrder harus dikirim bersama.", "Send sortBy and sortOrder together.");
        }

        return (sortBy, order == "desc");
    }

    /// <summary>Camunda's JSON content type exactly: the JavaScript external task client parses a body only when it is "application/json".</summary>
    public static IResult Json(object? value) => Results.Json(value, RestJson.Options, "application/json");
}
