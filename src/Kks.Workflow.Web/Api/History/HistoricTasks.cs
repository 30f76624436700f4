using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api.Access;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.History;

/// <summary>Camunda's HistoricTaskInstanceDto.</summary>
public sealed record HistoricTaskInstanceDto(
    string Id,
    string ProcessDefinitionKey,
    string ProcessDefinitionId,
    string ProcessInstanceId,
    string ExecutionId,
    string? CaseDefinitionKey,
    string? CaseDefinitionId,
    string? CaseInstanceId,
    string? CaseExecutionId,
    string? ActivityInstanceId,
    string? Name,
    string? Description,
    string? DeleteReason,
    string? Owner,
    string? Assignee,
    string? StartTime,
    string? EndTime,
    long? Duration,
    string TaskDefinitionKey,
    int Priority,
    string? Due,
    string? ParentTaskId,
    string? FollowUp,
    string? TenantId,
    string? RemovalTime,
    string RootProcessInstanceId,
    string? TaskState);

/// <summary>GET /history/task and /count: the historic_tasks table, kept by the command path.</summary>
internal static class HistoricTasks
{
    private static readonly string[] SortKeys =
        ["taskId", "activityInstanceId", "processDefinitionId", "processInstanceId", "executionId", "duration", "endTime", "startTime",
         "taskName", "taskDescription", "assignee", "owner", "dueDate", "followUpDate", "deleteReason", "taskDefinitionKey", "priority"];

    public static async Task<IResult> ListAsync(HttpContext http, WorkflowDbContext db, CancellationToken cancellationToken)
    {
        var query = HistoryQuery.From(http);
        var sort = query.Sort(SortKeys);
        var rows = await HistoryQuery.Page(Sorted(Filter(db, http.Caller(), query), sort), query.Paging())
            .AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(rows.Select(r => ToDto(r, query)).ToList());
    }

    public static async Task<IResult> CountAsync(HttpContext http, WorkflowDbContext db, CancellationToken cancellationToken)
    {
        var query = HistoryQuery.From(http);
        return Results.Json(new { count = await Filter(db, http.Caller(), query).CountAsync(cancellationToken).ConfigureAwait(false) });
    }

    private static IQueryable<HistoricTaskRecord> Filter(WorkflowDbContext db, Caller caller, HistoryQuery query)
    {
        var rows = AccessPolicy.HistoricTasks(db, caller);
        if (query.Text("taskId") is { } taskId)
        {
            rows = rows.Where(t => t.Id == taskId);
        }

        if (query.Text("processInstanceId") is { } instanceId)
        {
            rows = rows.Where(t => t.InstanceId == instanceId);
        }

        if (query.Text("processInstanceBusinessKey") is { } businessKey)
        {
            rows = rows.Where(t => t.BusinessKey == businessKey);
        }

        if (query.Text("executionId") is { } executionId)
        {
            rows = rows.Where(t => t.ExecutionId == executionId);
        }

        if (query.Text("processDefinitionId") is { } definitionId)
        {
            rows = rows.Where(t => t.DefinitionId == definitionId);
        }

        if (query.Text("processDefinitionKey") is { } key)
        {
            rows = rows.Where(t => t.ProcessKey == key);
        }

        if (query.Text("taskDefinitionKey") is { } nodeId)
        {
            rows = rows.Where(t => t.NodeId == nodeId);
        }

        if (query.Text("taskName") is { } name)
        {
            rows = rows.Where(t => t.Name == name);
        }

        if (query.Text("taskAssignee") is { } assignee)
        {
            rows = rows.Where(t => t.Assignee == assignee);
        }

        if (query.Text("taskOwner") is { } owner)
        {
            rows = rows.Where(t => t.Owner == owner);
        }

        if (query.Int("taskPriority") is { } priority)
        {
            rows = rows.Where(t => t.Priority == priority);
        }

        if (query.Flag("assigned"))
        {
            rows = rows.Where(t => t.Assignee != null);
        }

        if (query.Flag("unassigned"))
        {
            rows = rows.Where(t => t.Assignee == null);
        }

        if (query.Flag("finished"))
        {
            rows = rows.Where(t => t.EndedAt != null);
        }

        if (query.Flag("unfinished"))
        {
            rows = rows.Where(t => t.EndedAt == null);
        }

        if (query.Flag("processFinished"))
        {
            rows = rows.Where(t => db.ProcessInstances.Any(i => i.Id == t.InstanceId && i.EndedAt != null));
        }

        if (query.Flag("processUnfinished"))
        {
            rows = rows.Where(t => db.ProcessInstances.Any(i => i.Id == t.InstanceId && i.EndedAt == null));
        }

        if (query.Text("taskHadCandidateGroup") is { } group)
        {
            rows = rows.Where(t => t.Candidates.Any(c => c.Kind == CandidateKind.Group && c.Value == group));
        }

        if (query.Text("taskHadCandidateUser") is { } user)
        {
            rows = rows.Where(t => t.Candidates.Any(c => c.Kind == CandidateKind.User && c.Value == user));
        }

        return Dates(rows, query);
    }

    private static IQueryable<HistoricTaskRecord> Dates(IQueryable<HistoricTaskRecord> rows, HistoryQuery query)
    {
        if (query.Date("taskDueDate") is { } due)
        {
            rows = rows.Where(t => t.DueAt == due);
        }

        // Camunda's names are taskDueDateBefore/After; taskDueBefore/After are accepted as well.
        if ((query.Date("taskDueDateBefore") ?? query.Date("taskDueBefore")) is { } dueBefore)
        {
            rows = rows.Where(t => t.DueAt < dueBefore);
        }

        if ((query.Date("taskDueDateAfter") ?? query.Date("taskDueAfter")) is { } dueAfter)
        {
            rows = rows.Where(t => t.DueAt > dueAfter);
        }

        if (query.Flag("withoutTaskDueDate"))
        {
            rows = rows.Where(t => t.DueAt == null);
        }

        if (query.Date("taskFollowUpDateBefore") is { } followUpBefore)
        {
            rows = rows.Where(t => t.FollowUpAt < followUpBefore);
        }

        if (query.Date("taskFollowUpDateAfter") is { } followUpAfter)
        {
            rows = rows.Where(t => t.FollowUpAt > followUpAfter);
        }

        if (query.Date("startedAfter") is { } startedAfter)
        {
            rows = rows.Where(t => t.CreatedAt >= startedAfter);
        }

        if (query.Date("startedBefore") is { } startedBefore)
        {
            rows = rows.Where(t => t.CreatedAt <= startedBefore);
        }

        if (query.Date("finishedAfter") is { } finishedAfter)
        {
            rows = rows.Where(t => t.EndedAt >= finishedAfter);
        }

        if (query.Date("finishedBefore") is { } finishedBefore)
        {
            rows = rows.Where(t => t.EndedAt <= finishedBefore);
        }

        return rows;
    }

    private static IQueryable<HistoricTaskRecord> Sorted(IQueryable<HistoricTaskRecord> rows, (string By, bool Descending)? sort) => sort switch
    {
        null => rows.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
        ("taskId", var d) => d ? rows.OrderByDescending(t => t.Id) : rows.OrderBy(t => t.Id),
        ("activityInstanceId", var d) => By(rows, t => t.ActivityInstanceId, d),
        ("processDefinitionId", var d) => By(rows, t => t.DefinitionId, d),
        ("processInstanceId", var d) => By(rows, t => t.InstanceId, d),
        ("executionId", var d) => By(rows, t => t.ExecutionId, d),
        // Unfinished tasks have no duration; ordering by end then start keeps them together, as Camunda's nulls.
        ("duration", var d) => d ? rows.OrderByDescending(t => t.EndedAt).ThenBy(t => t.CreatedAt) : rows.OrderBy(t => t.EndedAt).ThenByDescending(t => t.CreatedAt),
        ("endTime", var d) => By(rows, t => t.EndedAt, d),
        ("startTime", var d) => By(rows, t => t.CreatedAt, d),
        ("taskName", var d) => By(rows, t => t.Name, d),
        ("taskDescription", var d) => By(rows, t => t.Description, d),
        ("assignee", var d) => By(rows, t => t.Assignee, d),
        ("owner", var d) => By(rows, t => t.Owner, d),
        ("dueDate", var d) => By(rows, t => t.DueAt, d),
        ("followUpDate", var d) => By(rows, t => t.FollowUpAt, d),
        ("deleteReason", var d) => By(rows, t => t.EndReason, d),
        ("taskDefinitionKey", var d) => By(rows, t => t.NodeId, d),
        ("priority", var d) => By(rows, t => t.Priority, d),
        _ => rows,
    };

    private static IQueryable<HistoricTaskRecord> By<TKey>(IQueryable<HistoricTaskRecord> rows, System.Linq.Expressions.Expression<Func<HistoricTaskRecord, TKey>> key, bool descending) =>
        descending ? rows.OrderByDescending(key).ThenBy(t => t.Id) : rows.OrderBy(key).ThenBy(t => t.Id);

    private static HistoricTaskInstanceDto ToDto(HistoricTaskRecord t, HistoryQuery query) => new(
        t.Id, t.ProcessKey, t.DefinitionId, t.InstanceId, t.ExecutionId, null, null, null, null, t.ActivityInstanceId,
        t.Name, t.Description, t.EndReason, t.Owner, t.Assignee, query.Format(t.CreatedAt), query.Format(t.EndedAt),
        HistoryQuery.Millis(t.CreatedAt, t.EndedAt), t.NodeId, t.Priority, query.Format(t.DueAt), null, query.Format(t.FollowUpAt),
        null, null, t.InstanceId, TaskState(t));

    // Camunda 7.21+'s taskState: Created while open (Updated after a change is not tracked), Completed or Deleted at the end.
    private static string TaskState(HistoricTaskRecord t) => t.EndReason switch
    {
        null => "Created",
        HistoricTaskRecord.Completed => "Completed",
        _ => "Deleted",
    };
}
