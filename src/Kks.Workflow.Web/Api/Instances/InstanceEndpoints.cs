using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Api.Access;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.Instances;

/// <summary>
/// Camunda's process-instance resource with runtime semantics: only running instances are listed and found (an ended
/// one is history). Everyone who reads all sees every instance; a focal point only those holding a task of theirs
/// (others answer 404). Cancelling and changing variables is for admin and secretariat.
/// </summary>
internal static class InstanceEndpoints
{
    public static RouteGroupBuilder MapProcessInstances(this RouteGroupBuilder rest)
    {
        rest.MapGet("/process-instance", (HttpContext http, WorkflowDbContext context, CancellationToken ct) => ListAsync(http, context, null, ct));
        rest.MapPost("/process-instance", async (HttpContext http, WorkflowDbContext context, CancellationToken ct) =>
        {
            var body = await RestBody.ReadAsync(http.Request, ct).ConfigureAwait(false);
            return await ListAsync(http, context, body, ct).ConfigureAwait(false);
        });
        rest.MapGet("/process-instance/count", async (HttpContext http, WorkflowDbContext context, CancellationToken ct) =>
            Results.Json(new { count = await Filtered(http, context, null).CountAsync(ct).ConfigureAwait(false) }));
        rest.MapPost("/process-instance/count", async (HttpContext http, WorkflowDbContext context, CancellationToken ct) =>
        {
            var body = await RestBody.ReadAsync(http.Request, ct).ConfigureAwait(false);
            return Results.Json(new { count = await Filtered(http, context, body).CountAsync(ct).ConfigureAwait(false) });
        });
        rest.MapGet("/process-instance/{id}", async (string id, HttpContext http, WorkflowDbContext context, CancellationToken ct) =>
            Results.Json(InstanceDtos.Instance(http.Request, await RunningAsync(http, context, id, ct).ConfigureAwait(false))));
        rest.MapDelete("/process-instance/{id}", DeleteAsync);
        rest.MapGet("/process-instance/{id}/activity-instances", async (string id, HttpContext http, WorkflowDbContext context, ProcessDefinitionCache cache, CancellationToken ct) =>
        {
            var instance = await RunningAsync(http, context, id, ct).ConfigureAwait(false);
            var model = await cache.GetAsync(context, instance.DefinitionId, ct).ConfigureAwait(false);
            var branches = await AccessPolicy.TaskExecutionsAsync(context, http.Caller(), instance.Id, ct).ConfigureAwait(false);
            return Results.Json(ActivityInstanceTree.Build(InstanceStateJson.Deserialize(instance.StateJson), model, branches));
        });
        rest.MapInstanceVariables();
        return rest;
    }

    /// <summary>The running instance if the caller may see it; otherwise (absent, ended, out of reach) 404.</summary>
    public static async Task<ProcessInstanceRecord> RunningAsync(HttpContext http, WorkflowDbContext context, string id, CancellationToken cancellationToken)
    {
        var instance = await AccessPolicy.InstanceAsync(context, http.Caller(), id, cancellationToken).ConfigureAwait(false);
        return instance.EndedAt is null
            ? instance
            : throw RestException.NotFound($"Instans proses '{id}' sudah berakhir; lihat riwayatnya di /history/process-instance/{id}.",
                $"Process instance with id {id} does not exist (it has ended; see /history/process-instance/{id}).");
    }

    private static readonly string[] Filters =
        ["processDefinitionKey", "processDefinitionId", "businessKey", "businessKeyLike", "superProcessInstance", "processInstanceIds", "active", "suspended"];

    private static readonly string[] SortKeys = ["instanceId", "definitionKey", "definitionId", "businessKey"];

    /// <summary>The filters from the query string (GET) or the JSON body (POST), as Camunda takes them.</summary>
    private static IQueryable<ProcessInstanceRecord> Filtered(HttpContext http, WorkflowDbContext context, JsonElement? body)
    {
        RestQuery.RejectUnknown(http.Request.Query.Keys, Filters);
        if (body is { } given)
        {
            RestQuery.RejectUnknown(given.EnumerateObject().Select(p => p.Name), [.. Filters, "sorting"]);
        }

        var query = AccessPolicy.Instances(context, http.Caller()).AsNoTracking().Where(i => i.EndedAt == null);
        string? Text(string name) => body is null ? RestQuery.Text(http.Request, name) : RestBody.String(body, name);
        bool? Flag(string name) => body is null ? RestQuery.Bool(http.Request, name) : RestBody.Bool(body, name);

        if (Text("processDefinitionKey") is { } key)
        {
            query = query.Where(i => i.ProcessKey == key);
        }

        if (Text("processDefinitionId") is { } definitionId)
        {
            query = query.Where(i => i.DefinitionId == definitionId);
        }

        if (Text("businessKey") is { } businessKey)
        {
            query = query.Where(i => i.BusinessKey == businessKey);
        }

        if (Text("businessKeyLike") is { } businessKeyLike)
        {
            query = query.Where(i => i.BusinessKey != null && EF.Functions.Like(i.BusinessKey, businessKeyLike));
        }

        if (Text("superProcessInstance") is { } super)
        {
            query = query.Where(i => i.SuperInstanceId == super);
        }

        if (Ids(http, body) is { } ids)
        {
            query = query.Where(i => ids.Contains(i.Id));
        }

        // Nothing is ever suspended: active=true is every running instance, suspended=true none.
        if (Flag("suspended") == true || Flag("active") == false)
        {
            query = query.Where(_ => false);
        }

        return query;
    }

    private static List<string>? Ids(HttpContext http, JsonElement? body)
    {
        if (body is null)
        {
            return RestQuery.List(http.Request, "processInstanceIds")?.ToList();
        }

        return RestBody.Property(body, "processInstanceIds") switch
        {
            null => null,
            { ValueKind: JsonValueKind.Array } array when array.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                array.EnumerateArray().Select(e => e.GetString()!).ToList(),
            _ => throw RestException.BadRequest("'processInstanceIds' harus berupa larik teks.", "'processInstanceIds' must be an array of strings."),
        };
    }

    private static async Task<IResult> ListAsync(HttpContext http, WorkflowDbContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        var query = Filtered(http, context, body);
        var (sortBy, descending) = body is null ? RestQuery.Sort(http.Request, SortKeys) : BodySort(body);
        var (first, max) = RestQuery.Page(http.Request);
        query = sortBy switch
        {
            "definitionKey" => descending ? query.OrderByDescending(i => i.ProcessKey).ThenBy(i => i.Id) : query.OrderBy(i => i.ProcessKey).ThenBy(i => i.Id),
            "definitionId" => descending ? query.OrderByDescending(i => i.DefinitionId).ThenBy(i => i.Id) : query.OrderBy(i => i.DefinitionId).ThenBy(i => i.Id),
            "businessKey" => descending ? query.OrderByDescending(i => i.BusinessKey).ThenBy(i => i.Id) : query.OrderBy(i => i.BusinessKey).ThenBy(i => i.Id),
            "instanceId" when descending => query.OrderByDescending(i => i.Id),
            "instanceId" => query.OrderBy(i => i.Id),
            // No sort asked: oldest first, a stable order for paging.
            _ => query.OrderBy(i => i.StartedAt).ThenBy(i => i.Id),
        };
        var rows = await query.Skip(first).Take(max).ToListAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(rows.Select(i => InstanceDtos.Instance(http.Request, i)));
    }

    /// <summary>Camunda's POST sorting: <c>"sorting": [{"sortBy": ..., "sortOrder": ...}]</c>; the first entry is used.</summary>
    private static (string? SortBy, bool Descending) BodySort(JsonElement? body)
    {
        if (RestBody.Property(body, "sorting") is not { } sorting)
        {
            return (null, false);
        }

        if (sorting.ValueKind != JsonValueKind.Array)
        {
            throw RestException.BadRequest("'sorting' harus berupa larik [{\"sortBy\": ..., \"sortOrder\": ...}].", "'sorting' must be an array [{\"sortBy\": ..., \"sortOrder\": ...}].");
        }

        var entry = sorting.EnumerateArray().FirstOrDefault();
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return (null, false);
        }

        var sortBy = RestBody.String(entry, "sortBy");
        return (sortBy, RestQuery.SortOrder(sortBy, RestBody.String(entry, "sortOrder"), SortKeys));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, WorkflowDbContext context, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        await RunningAsync(http, context, id, cancellationToken).ConfigureAwait(false);
        AccessPolicy.RequireManager(caller);
        var reason = RestQuery.Text(http.Request, "deleteReason");
        await runtime.ExecuteAsync(id, new CancelInstance(reason) { UserId = caller.UserId }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }
}
