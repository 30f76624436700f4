using System.Globalization;
using System.Text.Json;

namespace Kks.Workflow.Web.Api.Tasks;

/// <summary>One sort key of a task query, as Camunda's <c>sorting</c> array item.</summary>
internal sealed record TaskSorting(string SortBy, bool Descending);

/// <summary>
/// The filters of <c>GET /task</c> (query string) and <c>POST /task</c> (JSON body), with Camunda 7's parameter names.
/// Read strictly: a filter with the wrong type, an unknown sortBy or sortOrder, or (in a body) an unknown member is a 400
/// that names it, because a filter silently ignored would hand a client the wrong tasks.
/// </summary>
internal sealed class TaskQuery
{
    public static readonly IReadOnlyList<string> SortKeys = ["dueDate", "followUpDate", "priority", "created", "name", "assignee", "id"];

    private static readonly string[] TextFilters =
    [
        "taskId", "processInstanceId", "processDefinitionKey", "processDefinitionId", "taskDefinitionKey", "assignee", "assigneeLike",
        "candidateGroup", "candidateUser", "processInstanceBusinessKey", "businessKey", "name", "nameLike",
    ];

    private static readonly string[] BoolFilters = ["unassigned", "assigned", "includeAssignedTasks"];

    private static readonly string[] DateFilters = ["dueBefore", "dueAfter", "createdBefore", "createdAfter"];

    private readonly Dictionary<string, string> _text = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _flags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _dates = new(StringComparer.Ordinal);

    public List<TaskSorting> Sorting { get; } = [];

    public string? Text(string name) => _text.GetValueOrDefault(name);

    public bool Flag(string name) => _flags.GetValueOrDefault(name);

    public DateTimeOffset? Date(string name) => _dates.TryGetValue(name, out var d) ? d : null;

    /// <summary>Camunda's GET form: every filter a query parameter, one sort key as sortBy + sortOrder.</summary>
    public static TaskQuery FromQueryString(IQueryCollection query, TimeZoneInfo zone)
    {
        var result = new TaskQuery();
        foreach (var name in TextFilters)
        {
            if (query.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value))
            {
                result._text[name] = value.ToString();
            }
        }

        foreach (var name in BoolFilters)
        {
            if (query.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value))
            {
                result._flags[name] = bool.TryParse(value, out var flag) ? flag : throw NotBoolean(name, value.ToString());
            }
        }

        foreach (var name in DateFilters)
        {
            if (query.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value))
            {
                result._dates[name] = CamundaDates.Parse(value, name, zone);
            }
        }

        var sortBy = query["sortBy"].ToString();
        var sortOrder = query["sortOrder"].ToString();
        if (sortBy.Length > 0 || sortOrder.Length > 0)
        {
            if (sortBy.Length == 0 || sortOrder.Length == 0)
            {
                throw RestException.BadRequest(
                    "sortBy dan sortOrder harus dikirim bersama, misalnya sortBy=dueDate&sortOrder=asc.",
                    "sortBy and sortOrder must be given together, e.g. sortBy=dueDate&sortOrder=asc.");
            }

            result.Sorting.Add(Sort(sortBy, sortOrder));
        }

        return result;
    }

    /// <summary>Camunda's POST form: the filters in a JSON object, sort keys in a <c>sorting</c> array.</summary>
    public static TaskQuery FromBody(JsonElement body, TimeZoneInfo zone)
    {
        if (body.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return new TaskQuery();
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            throw RestException.BadRequest("Badan permintaan harus berupa objek JSON berisi filter, misalnya {\"assignee\": \"budi\"}.",
                "The body must be a JSON object of filters, e.g. {\"assignee\": \"budi\"}.");
        }

        var result = new TaskQuery();
        foreach (var member in body.EnumerateObject())
        {
            var (name, value) = (member.Name, member.Value);
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (TextFilters.Contains(name, StringComparer.Ordinal))
            {
                result._text[name] = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw WrongType(name, "teks", "a string");
            }
            else if (BoolFilters.Contains(name, StringComparer.Ordinal))
            {
                result._flags[name] = value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw WrongType(name, "true/false", "true/false");
            }
            else if (DateFilters.Contains(name, StringComparer.Ordinal))
            {
                result._dates[name] = value.ValueKind == JsonValueKind.String ? CamundaDates.Parse(value.GetString(), name, zone) : throw WrongType(name, "tanggal dalam teks", "a date string");
            }
            else if (name == "sorting")
            {
                result.Sorting.AddRange(ReadSorting(value));
            }
            else
            {
                var known = string.Join(", ", TextFilters.Concat(BoolFilters).Concat(DateFilters).Append("sorting"));
                throw RestException.BadRequest($"Filter '{name}' tidak dikenal atau belum didukung. Yang didukung: {known}.",
                    $"Filter '{name}' is unknown or not supported. Supported: {known}.");
            }
        }

        return result;
    }

    /// <summary>firstResult and maxResults (query parameters for GET and POST alike, as in Camunda), checked against the cap.</summary>
    public static (int First, int Max) Paging(IQueryCollection query, int cap)
    {
        var first = Whole(query, "firstResult") ?? 0;
        var max = Whole(query, "maxResults") ?? cap;
        if (max > cap)
        {
            throw RestException.BadRequest(
                $"maxResults paling banyak {cap}; ambil halaman berikutnya dengan firstResult.",
                $"maxResults may be at most {cap}; page on with firstResult.");
        }

        return (first, max);
    }

    private static int? Whole(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw RestException.BadRequest($"{name} harus bilangan bulat 0 atau lebih; yang dikirim: '{text}'.",
                $"{name} must be a whole number, 0 or more; got '{text}'.");
    }

    private static IEnumerable<TaskSorting> ReadSorting(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw WrongType("sorting", "larik [{\"sortBy\": \"dueDate\", \"sortOrder\": \"asc\"}]", "an array [{\"sortBy\": \"dueDate\", \"sortOrder\": \"asc\"}]");
        }

        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("sortBy", out var by) || by.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("sortOrder", out var order) || order.ValueKind != JsonValueKind.String)
            {
                throw WrongType("sorting", "larik objek dengan sortBy dan sortOrder", "an array of objects with sortBy and sortOrder");
            }

            yield return Sort(by.GetString()!, order.GetString()!);
        }
    }

    private static TaskSorting Sort(string sortBy, string sortOrder)
    {
        if (!SortKeys.Contains(sortBy, StringComparer.Ordinal))
        {
            throw RestException.BadRequest($"sortBy '{sortBy}' tidak didukung. Gunakan salah satu: {string.Join(", ", SortKeys)}.",
                $"sortBy '{sortBy}' is not supported. Use one of: {string.Join(", ", SortKeys)}.");
        }

        return sortOrder switch
        {
            "asc" => new TaskSorting(sortBy, false),
            "desc" => new TaskSorting(sortBy, true),
            _ => throw RestException.BadRequest($"sortOrder '{sortOrder}' tidak dikenal: gunakan asc atau desc.", $"sortOrder '{sortOrder}' is unknown: use asc or desc."),
        };
    }

    private static RestException NotBoolean(string name, string value) =>
        RestException.BadRequest($"{name} harus true atau false; yang dikirim: '{value}'.", $"{name} must be true or false; got '{value}'.");

    private static RestException WrongType(string name, string expectedId, string expectedEn) =>
        RestException.BadRequest($"Filter '{name}' harus berupa {expectedId}.", $"Filter '{name}' must be {expectedEn}.");
}
