using System.Globalization;

namespace Kks.Workflow.Web.Api.History;

/// <summary>
/// The query string of a history list as Camunda reads it: filters, sortBy with sortOrder, firstResult and
/// maxResults. A value that cannot be read answers 400 naming the parameter and the accepted form; unknown
/// parameters are ignored, as Camunda does.
/// </summary>
internal sealed class HistoryQuery(IQueryCollection query, TimeZoneInfo zone)
{
    public static HistoryQuery From(HttpContext http) => new(http.Request.Query, CamundaDates.Engine(http).TimeZone);

    public TimeZoneInfo Zone => zone;

    public string? Text(string name) => query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[^1]) ? values[^1] : null;

    public bool? Bool(string name) => Text(name) switch
    {
        null => null,
        var text when string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) => true,
        var text when string.Equals(text, "false", StringComparison.OrdinalIgnoreCase) => false,
        var text => throw RestException.BadRequest(
            $"Parameter '{name}' harus true atau false, bukan '{text}'.",
            $"Parameter '{name}' must be true or false, not '{text}'."),
    };

    /// <summary>A flag filter such as finished=true: set only when true (Camunda ignores false).</summary>
    public bool Flag(string name) => Bool(name) == true;

    public DateTimeOffset? Date(string name) => Text(name) is { } text ? CamundaDates.Parse(text, name, zone) : null;

    public int? Int(string name)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw RestException.BadRequest(
                $"Parameter '{name}' harus bilangan bulat 0 atau lebih, bukan '{text}'.",
                $"Parameter '{name}' must be a whole number, 0 or more, not '{text}'.");
    }

    /// <summary>firstResult (default 0) and maxResults (default all, as Camunda).</summary>
    public (int First, int? Max) Paging() => (Int("firstResult") ?? 0, Int("maxResults"));

    /// <summary>sortBy and sortOrder, which Camunda requires together; null when neither is given.</summary>
    public (string By, bool Descending)? Sort(IReadOnlyCollection<string> supported)
    {
        var by = Text("sortBy");
        var order = Text("sortOrder");
        if (by is null && order is null)
        {
            return null;
        }

        if (by is null || order is null)
        {
            throw RestException.BadRequest(
                "Hanya satu parameter pengurutan yang diberikan: sortBy dan sortOrder harus diberikan bersama (mis. sortBy=startTime&sortOrder=desc).",
                "Only a single sorting parameter specified: sortBy and sortOrder are required together (e.g. sortBy=startTime&sortOrder=desc).");
        }

        if (!supported.Contains(by))
        {
            throw RestException.BadRequest(
                $"Nilai sortBy '{by}' tidak dikenal. Gunakan salah satu: {string.Join(", ", supported)}.",
                $"Cannot set query parameter 'sortBy' to value '{by}'. Use one of: {string.Join(", ", supported)}.");
        }

        return order switch
        {
            "asc" => (by, false),
            "desc" => (by, true),
            _ => throw RestException.BadRequest(
                $"Nilai sortOrder '{order}' tidak dikenal. Gunakan asc atau desc.",
                $"Cannot set query parameter 'sortOrder' to value '{order}'. Use asc or desc."),
        };
    }

    public string? Format(DateTimeOffset? value) => CamundaDates.Format(value, zone);

    public static long? Millis(DateTimeOffset start, DateTimeOffset? end) => end is { } e ? (long)(e - start).TotalMilliseconds : null;

    public static IQueryable<T> Page<T>(IQueryable<T> source, (int First, int? Max) paging)
    {
        var paged = paging.First > 0 ? source.Skip(paging.First) : source;
        return paging.Max is { } max ? paged.Take(max) : paged;
    }
}
