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

    /// <summary>True when the query has no filter but the text filter <paramref name="name"/> (sorting aside).</summary>
    public bool HasOnly(string name) => _text.Count == 1 && _text.ContainsKey(name) && _flags.Count == 0 && _dates.Count == 0;

    /// <summary>Camunda's GET form: every filter a query parameter, one sort key as sortBy + sortOrder.</summary>
    public static TaskQuery FromQueryString(HttpRequest request, TimeZoneInfo zone)
    {
        var result = new TaskQuery();
        foreach (var name in TextFilters)
        {
            if (RestQuery.Text(request, name) is { } text)
            {
                result._text[name] = text;
            }
        }

        foreach (var name in BoolFilters)
        {
            if (RestQuery.Bool(request, name) is { } flag)
            {
                result._flags[name] = flag;
            }
        }

        foreach (var name in DateFilters)
        {
            if (RestQuery.Date(request, name, zone) is { } date)
            {
                result._dates[name] = date;
            }
        }

        if (RestQuery.Sort(request, SortKeys) is (string sortBy, var descending))
        {
            result.Sorting.Add(new TaskSorting(sortBy, descending));
        }

        return result;
    }

    /// <summary>Camunda's POST form: the filters in a JSON object, sort keys in a <c>sorting</c> array.</summary>
    public static TaskQuery FromBody(JsonElement? root, TimeZoneInfo zone)
    {
        if (root is not { } body)
        {
            return new TaskQuery();
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

    private static TaskSorting Sort(string sortBy, string sortOrder) => new(sortBy, RestQuery.SortOrder(sortBy, sortOrder, SortKeys));

    private static RestException WrongType(string name, string expectedId, string expectedEn) =>
        RestException.BadRequest($"Filter '{name}' harus berupa {expectedId}.", $"Filter '{name}' must be {expectedEn}.");
}
