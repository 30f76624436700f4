using Kks.Workflow.Engine;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api.Access;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.History;

/// <summary>Camunda's HistoricProcessInstanceDto.</summary>
public sealed record HistoricProcessInstanceDto(
    string Id,
    string RootProcessInstanceId,
    string? SuperProcessInstanceId,
    string? SuperCaseInstanceId,
    string? CaseInstanceId,
    string? ProcessDefinitionName,
    string ProcessDefinitionKey,
    int? ProcessDefinitionVersion,
    string ProcessDefinitionId,
    string? BusinessKey,
    string? StartTime,
    string? EndTime,
    string? RemovalTime,
    long? DurationInMillis,
    string? StartUserId,
    string? StartActivityId,
    string? DeleteReason,
    string? TenantId,
    string State);

/// <summary>GET /history/process-instance, /count and /{id}: from process_instances, which keeps ended instances.</summary>
internal static class HistoricProcessInstances
{
    private static readonly string[] SortKeys = ["instanceId", "definitionId", "definitionKey", "businessKey", "startTime", "endTime", "duration"];

    public static async Task<IResult> ListAsync(HttpContext http, WorkflowDbContext db, CancellationToken cancellationToken)
    {
        var query = HistoryQuery.From(http);
        var sort = query.Sort(SortKeys);
        var rows = await HistoryQuery.Page(Sorted(Filter(db, http.Caller(), query), sort), query.Paging())
            .AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(await ToDtosAsync(db, rows, query, cancellationToken).ConfigureAwait(false));
    }

    public static async Task<IResult> CountAsync(HttpContext http, WorkflowDbContext db, CancellationToken cancellationToken)
    {
        var query = HistoryQuery.From(http);
        return Results.Json(new { count = await Filter(db, http.Caller(), query).CountAsync(cancellationToken).ConfigureAwait(false) });
    }

    public static async Task<IResult> GetAsync(string id, HttpContext http, WorkflowDbContext db, CancellationToken cancellationToken)
    {
        var query = HistoryQuery.From(http);
        var row = await AccessPolicy.HistoricInstanceAsync(db, http.Caller(), id, cancellationToken).ConfigureAwait(false);
        return Results.Json((await ToDtosAsync(db, [row], query, cancellationToken).ConfigureAwait(false))[0]);
    }

    private static IQueryable<ProcessInstanceRecord> Filter(WorkflowDbContext db, Caller caller, HistoryQuery query)
    {
        var rows = AccessPolicy.HistoricInstances(db, caller);
        if (query.Text("processInstanceId") is { } id)
        {
            rows = rows.Where(i => i.Id == id);
        }

        if (query.List("processInstanceIds") is { } list)
        {
            rows = rows.Where(i => list.Contains(i.Id));
        }

        if (query.Text("processDefinitionId") is { } definitionId)
        {
            rows = rows.Where(i => i.DefinitionId == definitionId);
        }

        if (query.Text("processDefinitionKey") is { } key)
        {
            rows = rows.Where(i => i.ProcessKey == key);
        }

        // Camunda names it processInstanceBusinessKey; businessKey is accepted too (the runtime list's name).
        if ((query.Text("processInstanceBusinessKey") ?? query.Text("businessKey")) is { } businessKey)
        {
            rows = rows.Where(i => i.BusinessKey == businessKey);
        }

        if (query.Text("superProcessInstanceId") is { } super)
        {
            rows = rows.Where(i => i.SuperInstanceId == super);
        }

        if (query.Flag("finished"))
        {
            rows = rows.Where(i => i.EndedAt != null);
        }

        if (query.Flag("unfinished") || query.Flag("active"))
        {
            rows = rows.Where(i => i.EndedAt == null);
        }

        if (query.Flag("completed"))
        {
            rows = rows.Where(i => i.Status == nameof(InstanceStatus.Completed));
        }

        if (query.Flag("externallyTerminated"))
        {
            rows = rows.Where(i => i.Status == nameof(InstanceStatus.Cancelled));
        }

        if (query.Text("startedBy") is { } startedBy)
        {
            rows = rows.Where(i => i.StartedBy == startedBy);
        }

        if (query.Date("startedAfter") is { } startedAfter)
        {
            rows = rows.Where(i => i.StartedAt >= startedAfter);
        }

        if (query.Date("startedBefore") is { } startedBefore)
        {
            rows = rows.Where(i => i.StartedAt <= startedBefore);
        }

        if (query.Date("finishedAfter") is { } finishedAfter)
        {
            rows = rows.Where(i => i.EndedAt >= finishedAfter);
        }

        if (query.Date("finishedBefore") is { } finishedBefore)
        {
            rows = rows.Where(i => i.EndedAt <= finishedBefore);
        }

        return rows;
    }

    private static IQueryable<ProcessInstanceRecord> Sorted(IQueryable<ProcessInstanceRecord> rows, (string By, bool Descending)? sort) => sort switch
    {
        null => rows.OrderBy(i => i.StartedAt).ThenBy(i => i.Id),
        ("instanceId", var d) => d ? rows.OrderByDescending(i => i.Id) : rows.OrderBy(i => i.Id),
        ("definitionId", var d) => d ? rows.OrderByDescending(i => i.DefinitionId).ThenBy(i => i.Id) : rows.OrderBy(i => i.DefinitionId).ThenBy(i => i.Id),
        ("definitionKey", var d) => d ? rows.OrderByDescending(i => i.ProcessKey).ThenBy(i => i.Id) : rows.OrderBy(i => i.ProcessKey).ThenBy(i => i.Id),
        ("businessKey", var d) => d ? rows.OrderByDescending(i => i.BusinessKey).ThenBy(i => i.Id) : rows.OrderBy(i => i.BusinessKey).ThenBy(i => i.Id),
        ("startTime", var d) => d ? rows.OrderByDescending(i => i.StartedAt).ThenBy(i => i.Id) : rows.OrderBy(i => i.StartedAt).ThenBy(i => i.Id),
        ("endTime", var d) => d ? rows.OrderByDescending(i => i.EndedAt).ThenBy(i => i.Id) : rows.OrderBy(i => i.EndedAt).ThenBy(i => i.Id),
        // Duration of an unfinished instance is unknown: such rows sort as Camunda's nulls do, by end time.
        ("duration", var d) => d ? rows.OrderByDescending(i => i.EndedAt).ThenBy(i => i.StartedAt) : rows.OrderBy(i => i.EndedAt).ThenByDescending(i => i.StartedAt),
        _ => rows,
    };

    /// <summary>One query for the page's definitions and one for its start activities, whatever the page size.</summary>
    private static async Task<List<HistoricProcessInstanceDto>> ToDtosAsync(WorkflowDbContext db, List<ProcessInstanceRecord> rows, HistoryQuery query, CancellationToken cancellationToken)
    {
        var definitionIds = rows.Select(r => r.DefinitionId).Distinct(StringComparer.Ordinal).ToList();
        var definitions = await db.ProcessDefinitions.AsNoTracking().Where(d => definitionIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var instanceIds = rows.Select(r => r.Id).ToList();
        var started = nameof(HistoryKind.ActivityStarted);
        var firstLines = db.History.Where(h => instanceIds.Contains(h.InstanceId) && h.Kind == started)
            .GroupBy(h => h.InstanceId).Select(g => g.Min(h => h.Id));
        var startActivities = await db.History.AsNoTracking().Where(h => firstLines.Contains(h.Id))
            .ToDictionaryAsync(h => h.InstanceId, h => h.NodeId, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        return rows.Select(r =>
        {
            definitions.TryGetValue(r.DefinitionId, out var definition);
            return new HistoricProcessInstanceDto(
                r.Id, r.Id, r.SuperInstanceId, null, null, definition?.Name, r.ProcessKey, definition?.Version, r.DefinitionId,
                r.BusinessKey, query.Format(r.StartedAt), query.Format(r.EndedAt), null, HistoryQuery.Millis(r.StartedAt, r.EndedAt),
                r.StartedBy, startActivities.GetValueOrDefault(r.Id), null, null, State(r));
        }).ToList();
    }

    private static string State(ProcessInstanceRecord row) => row.Status switch
    {
        nameof(InstanceStatus.Completed) => "COMPLETED",
        // A called instance is cancelled by its caller (internal); a top-level one only by a person or the API (external).
        nameof(InstanceStatus.Cancelled) => row.SuperInstanceId is null ? "EXTERNALLY_TERMINATED" : "INTERNALLY_TERMINATED",
        _ => "ACTIVE",
    };
}
