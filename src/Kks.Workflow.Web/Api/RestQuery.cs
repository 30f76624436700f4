using System.Globalization;

namespace Kks.Workflow.Web.Api;

/// <summary>
/// The query string of every list read one way, as Camunda 7 names it: filters (text, true/false, whole numbers,
/// dates), paging by firstResult/maxResults and sortBy with sortOrder. A value that is not what the parameter takes is
/// a 400 that names the parameter and shows what it takes, never silently ignored.
/// </summary>
internal static class RestQuery
{
    /// <summary>
    /// The most rows one list answers. Camunda 7 has no cap and answers every match when maxResults is absent; here an
    /// absent maxResults means this cap, and a larger maxResults is a 400, so one request never reads a whole table.
    /// Clients page with firstResult and use the count endpoints for the total.
    /// </summary>
    public const int MaxResults = 1000;

    private static readonly string[] PagingAndSorting = ["firstResult", "maxResults", "sortBy", "sortOrder"];

    /// <summary>The parameter's first value; null when it is absent or empty.</summary>
    public static string? Text(HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Query[name];
        return value.Count == 0 || string.IsNullOrEmpty(value[0]) ? null : value[0];
    }

    /// <summary>A comma-separated list (Camunda's ...In and ...Ids parameters), items trimmed; null when the parameter is absent.</summary>
    public static string[]? List(HttpRequest request, string name) => Split(Text(request, name));

    /// <summary>Comma-separated text as its items, trimmed and without empty ones; null for null.</summary>
    public static string[]? Split(string? text) => text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool? Bool(HttpRequest request, string name) => Text(request, name) is { } text ? ParseBool(text, name) : null;

    /// <summary>A parameter that only filters when true (Camunda's flags such as timers=true); false means "no filter".</summary>
    public static bool Flag(HttpRequest request, string name) => Bool(request, name) == true;

    /// <summary>true or false (any case); anything else is a 400 naming <paramref name="name"/>.</summary>
    public static bool ParseBool(string text, string name) =>
        bool.TryParse(text, out var value)
            ? value
            : throw RestException.BadRequest($"Parameter '{name}' harus true atau false, bukan '{text}'.", $"Parameter '{name}' must be true or false, not '{text}'.");

    public static int? Int(HttpRequest request, string name, int min = 0)
    {
        var text = Text(request, name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw RestException.BadRequest(
                $"Parameter '{name}' harus bilangan bulat {min} atau lebih, bukan '{text}'.",
                $"Parameter '{name}' must be a whole number, {min} or more, not '{text}'.");
    }

    /// <summary>A date in Camunda's form (or ISO 8601), a date without an offset taken in <paramref name="zone"/>.</summary>
    public static DateTimeOffset? Date(HttpRequest request, string name, TimeZoneInfo zone) =>
        Text(request, name) is { } text ? CamundaDates.Parse(text, name, zone) : null;

    /// <summary>firstResult (default 0) and maxResults (default <see cref="MaxResults"/>; more is a 400).</summary>
    public static (int First, int Max) Page(HttpRequest request)
    {
        var first = Int(request, "firstResult") ?? 0;
        var max = Int(request, "maxResults") ?? MaxResults;
        if (max > MaxResults)
        {
            throw RestException.BadRequest(
                $"maxResults paling banyak {MaxResults}; ambil halaman berikutnya dengan firstResult.",
                $"maxResults may be at most {MaxResults}; page on with firstResult.");
        }

        return (first, max);
    }

    /// <summary>sortBy (one of <paramref name="allowed"/>) with sortOrder, which Camunda requires together; (null, false) when neither is given.</summary>
    public static (string? SortBy, bool Descending) Sort(HttpRequest request, IReadOnlyCollection<string> allowed)
    {
        var sortBy = Text(request, "sortBy");
        var order = Text(request, "sortOrder");
        return sortBy is null && order is null ? (null, false) : (sortBy, SortOrder(sortBy, order, allowed));
    }

    /// <summary>
    /// One sort key, from the query string or an item of a body's <c>sorting</c> array: sortBy must be one of
    /// <paramref name="allowed"/> and sortOrder asc or desc, both given. Answers whether the order is descending.
    /// </summary>
    public static bool SortOrder(string? sortBy, string? order, IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        if (sortBy is null || order is null)
        {
            throw RestException.BadRequest(
                "sortBy dan sortOrder harus diberikan bersama, misalnya sortBy=id&sortOrder=asc.",
                "sortBy and sortOrder are required together, e.g. sortBy=id&sortOrder=asc.");
        }

        if (!allowed.Contains(sortBy, StringComparer.Ordinal))
        {
            throw RestException.BadRequest(
                $"sortBy '{sortBy}' tidak dikenal. Gunakan salah satu: {string.Join(", ", allowed)}.",
                $"Unknown sortBy '{sortBy}'. Use one of: {string.Join(", ", allowed)}.");
        }

        return order switch
        {
            "asc" => false,
            "desc" => true,
            _ => throw RestException.BadRequest($"sortOrder harus asc atau desc, bukan '{order}'.", $"sortOrder must be asc or desc, not '{order}'."),
        };
    }

    /// <summary>
    /// A filter this engine does not support is a 400 naming it and the supported ones: silently ignoring it would
    /// answer a wider list than the caller asked for. Paging and sorting parameters are always known.
    /// </summary>
    public static void RejectUnknown(IEnumerable<string> given, IReadOnlyCollection<string> known)
    {
        ArgumentNullException.ThrowIfNull(given);
        foreach (var name in given)
        {
            if (!known.Contains(name, StringComparer.Ordinal) && !PagingAndSorting.Contains(name, StringComparer.Ordinal))
            {
                throw RestException.BadRequest(
                    $"Parameter '{name}' tidak didukung di sini; yang didukung: {string.Join(", ", known.Concat(PagingAndSorting))}.",
                    $"Parameter '{name}' is not supported here; supported: {string.Join(", ", known.Concat(PagingAndSorting))}.");
            }
        }
    }
}
