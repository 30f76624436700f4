namespace Kks.Workflow.Web.Api.History;

/// <summary>
/// The query string of a history list, read through <see cref="RestQuery"/>, with the engine's zone for its dates.
/// Unknown parameters are ignored, as Camunda does.
/// </summary>
internal sealed class HistoryQuery(HttpRequest request, TimeZoneInfo zone)
{
    public static HistoryQuery From(HttpContext http) => new(http.Request, CamundaDates.Engine(http).TimeZone);

    public TimeZoneInfo Zone => zone;

    public string? Text(string name) => RestQuery.Text(request, name);

    public string[]? List(string name) => RestQuery.List(request, name);

    /// <summary>A flag filter such as finished=true: set only when true (Camunda ignores false).</summary>
    public bool Flag(string name) => RestQuery.Flag(request, name);

    public DateTimeOffset? Date(string name) => RestQuery.Date(request, name, zone);

    public int? Int(string name) => RestQuery.Int(request, name);

    /// <summary>firstResult and maxResults, see <see cref="RestQuery.Page"/>.</summary>
    public (int First, int Max) Paging() => RestQuery.Page(request);

    /// <summary>sortBy and sortOrder, which Camunda requires together; null when neither is given.</summary>
    public (string By, bool Descending)? Sort(IReadOnlyCollection<string> supported) =>
        RestQuery.Sort(request, supported) is (string by, var descending) ? (by, descending) : null;

    public string? Format(DateTimeOffset? value) => CamundaDates.Format(value, zone);

    public static long? Millis(DateTimeOffset start, DateTimeOffset? end) => end is { } e ? (long)(e - start).TotalMilliseconds : null;

    public static IQueryable<T> Page<T>(IQueryable<T> source, (int First, int Max) paging) =>
        (paging.First > 0 ? source.Skip(paging.First) : source).Take(paging.Max);
}
