using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api.Access;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.History;

/// <summary>Camunda's HistoricActivityInstanceDto.</summary>
public sealed record HistoricActivityInstanceDto(
    string Id,
    string? ParentActivityInstanceId,
    string? ActivityId,
    string? ActivityName,
    string? ActivityType,
    string ProcessDefinitionKey,
    string ProcessDefinitionId,
    string ProcessInstanceId,
    string? ExecutionId,
    string? TaskId,
    string? Assignee,
    string? CalledProcessInstanceId,
    string? CalledCaseInstanceId,
    string? StartTime,
    string? EndTime,
    long? DurationInMillis,
    bool Canceled,
    bool CompleteScope,
    string? TenantId,
    string? RemovalTime,
    string RootProcessInstanceId);

/// <summary>
/// GET /history/activity-instance and /count: one row per ActivityStarted history line, paired with its
/// ActivityCompleted or ActivityCancelled line by activity instance id (indexed), the user task's row by the same id.
/// </summary>
internal static class HistoricActivityInstances
{
    private static readonly string[] SortKeys = ["activityInstanceId", "instanceId", "executionId", "activityId", "activityName", "activityType", "startTime", "endTime", "definitionId"];

    private static readonly string Started = nameof(HistoryKind.ActivityStarted);
    private static readonly string Completed = nameof(HistoryKind.ActivityCompleted);
    private static readonly string Cancelled = nameof(HistoryKind.ActivityCancelled);

    public static async Task<IResult> ListAsync(HttpContext http, WorkflowDbContext db, CancellationToken cancellationToken)
    {
        var query = HistoryQuery.From(http);
        var sort = query.Sort(SortKeys);
        var starts = await HistoryQuery.Page(Sorted(db, Filter(db, http.Caller(), query), sort), query.Paging())
            .AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(await ToDtosAsync(db, starts, query, cancellationToken).ConfigureAwait(false));
    }

    public static async Task<IResult> CountAsync(HttpContext http, WorkflowDbContext db, CancellationToken cancellationToken)
    {
        var query = HistoryQuery.From(http);
        return Results.Json(new { count = await Filter(db, http.Caller(), query).CountAsync(cancellationToken).ConfigureAwait(false) });
    }

    private static IQueryable<HistoryRecord> Filter(WorkflowDbContext db, Caller caller, HistoryQuery query)
    {
        var lines = AccessPolicy.HistoryLines(db, caller).Where(h => h.Kind == Started && h.ActivityInstanceId != null);
        if (query.Text("processInstanceId") is { } instanceId)
        {
            lines = lines.Where(h => h.InstanceId == instanceId);
        }

        if (query.Text("activityInstanceId") is { } activityInstanceId)
        {
            lines = lines.Where(h => h.ActivityInstanceId == activityInstanceId);
        }

        if (query.Text("executionId") is { } executionId)
        {
            lines = lines.Where(h => h.ExecutionId == executionId);
        }

        if (query.Text("activityId") is { } activityId)
        {
            lines = lines.Where(h => h.NodeId == activityId);
        }

        if (query.Text("activityName") is { } activityName)
        {
            lines = lines.Where(h => h.NodeName == activityName);
        }

        if (query.Text("activityType") is { } activityType)
        {
            lines = lines.Where(h => h.NodeType == activityType);
        }

        if (query.Text("processDefinitionId") is { } definitionId)
        {
            lines = lines.Where(h => db.ProcessInstances.Any(i => i.Id == h.InstanceId && i.DefinitionId == definitionId));
        }

        var ends = db.History.Where(e => e.Kind == Completed || e.Kind == Cancelled);
        if (query.Flag("finished"))
        {
            lines = lines.Where(h => ends.Any(e => e.ActivityInstanceId == h.ActivityInstanceId));
        }

        if (query.Flag("unfinished"))
        {
            lines = lines.Where(h => !ends.Any(e => e.ActivityInstanceId == h.ActivityInstanceId));
        }

        if (query.Flag("canceled"))
        {
            lines = lines.Where(h => db.History.Any(e => e.Kind == Cancelled && e.ActivityInstanceId == h.ActivityInstanceId));
        }

        if (query.Flag("completeScope"))
        {
            lines = lines.Where(h => h.NodeType == "endEvent" && db.History.Any(e => e.Kind == Completed && e.ActivityInstanceId == h.ActivityInstanceId));
        }

        if (query.Date("startedAfter") is { } startedAfter)
        {
            lines = lines.Where(h => h.Time >= startedAfter);
        }

        if (query.Date("startedBefore") is { } startedBefore)
        {
            lines = lines.Where(h => h.Time <= startedBefore);
        }

        if (query.Date("finishedAfter") is { } finishedAfter)
        {
            lines = lines.Where(h => ends.Any(e => e.ActivityInstanceId == h.ActivityInstanceId && e.Time >= finishedAfter));
        }

        if (query.Date("finishedBefore") is { } finishedBefore)
        {
            lines = lines.Where(h => ends.Any(e => e.ActivityInstanceId == h.ActivityInstanceId && e.Time <= finishedBefore));
        }

        return lines;
    }

    // History ids grow with time, so the id orders by start time (and breaks ties in the order things happened).
    private static IQueryable<HistoryRecord> Sorted(WorkflowDbContext db, IQueryable<HistoryRecord> lines, (string By, bool Descending)? sort) => sort switch
    {
        null => lines.OrderBy(h => h.Id),
        ("startTime", var d) => d ? lines.OrderByDescending(h => h.Id) : lines.OrderBy(h => h.Id),
        ("endTime", var d) => By(lines, h => db.History.Where(e => (e.Kind == Completed || e.Kind == Cancelled) && e.ActivityInstanceId == h.ActivityInstanceId).Min(e => (long?)e.Id), d),
        ("activityInstanceId", var d) => By(lines, h => h.ActivityInstanceId, d),
        ("instanceId", var d) => By(lines, h => h.InstanceId, d),
        ("executionId", var d) => By(lines, h => h.ExecutionId, d),
        ("activityId", var d) => By(lines, h => h.NodeId, d),
        ("activityName", var d) => By(lines, h => h.NodeName, d),
        ("activityType", var d) => By(lines, h => h.NodeType, d),
        ("definitionId", var d) => By(lines, h => db.ProcessInstances.Where(i => i.Id == h.InstanceId).Select(i => i.DefinitionId).FirstOrDefault(), d),
        _ => lines,
    };

    private static IQueryable<HistoryRecord> By<TKey>(IQueryable<HistoryRecord> lines, System.Linq.Expressions.Expression<Func<HistoryRecord, TKey>> key, bool descending) =>
        descending ? lines.OrderByDescending(key).ThenBy(h => h.Id) : lines.OrderBy(key).ThenBy(h => h.Id);

    /// <summary>Three queries for the page, whatever its size: its end lines, its user tasks, its instances.</summary>
    private static async Task<List<HistoricActivityInstanceDto>> ToDtosAsync(WorkflowDbContext db, List<HistoryRecord> starts, HistoryQuery query, CancellationToken cancellationToken)
    {
        var ids = starts.Select(s => s.ActivityInstanceId!).ToList();
        var ends = (await db.History.AsNoTracking()
                .Where(e => ids.Contains(e.ActivityInstanceId!) && (e.Kind == Completed || e.Kind == Cancelled))
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(e => e.ActivityInstanceId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MinBy(e => e.Id)!, StringComparer.Ordinal);
        var tasks = (await db.HistoricTasks.AsNoTracking().Where(t => ids.Contains(t.ActivityInstanceId!))
                .Select(t => new { t.Id, t.ActivityInstanceId, t.Assignee }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(t => t.ActivityInstanceId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var instanceIds = starts.Select(s => s.InstanceId).Distinct(StringComparer.Ordinal).ToList();
        var instances = await db.ProcessInstances.AsNoTracking().Where(i => instanceIds.Contains(i.Id))
            .Select(i => new { i.Id, i.ProcessKey, i.DefinitionId }).ToDictionaryAsync(i => i.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        return starts.Select(s =>
        {
            var end = ends.GetValueOrDefault(s.ActivityInstanceId!);
            var task = tasks.GetValueOrDefault(s.ActivityInstanceId!);
            var instance = instances.GetValueOrDefault(s.InstanceId);
            var canceled = end?.Kind == Cancelled;
            return new HistoricActivityInstanceDto(
                s.ActivityInstanceId!,
                // The engine's history does not record scopes: activities hang off the process instance.
                s.InstanceId,
                s.NodeId, s.NodeName, s.NodeType,
                instance?.ProcessKey ?? "", instance?.DefinitionId ?? "", s.InstanceId, s.ExecutionId,
                task?.Id, task?.Assignee, null, null,
                query.Format(s.Time), query.Format(end?.Time), end is null ? null : HistoryQuery.Millis(s.Time, end.Time),
                canceled, end is not null && !canceled && s.NodeType == "endEvent", null, null, s.InstanceId);
        }).ToList();
    }
}
