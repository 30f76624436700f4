using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Runtime;

/// <summary>Read side of the inbox: queries over the task tables, never the instance JSON.</summary>
public static class TaskQueries
{
    /// <summary>
    /// The same page as SQL for a prepared statement (the REST task list's hot path, outside EF), on both providers:
    /// a candidate group's unassigned open tasks (Camunda's candidate rule without includeAssignedTasks), in the
    /// inbox index's order (due date, no due date last, then id), with the instance's definition id; parameters
    /// @group, @max, @first. Columns: 0 id, 1 name, 2 assignee, 3 owner, 4 created_at, 5 due_at, 6 follow_up_at,
    /// 7 execution_id, 8 priority, 9 instance_id, 10 node_id, 11 form_key, 12 definition_id. The assignee test is
    /// written so the planner cannot prefer the assignee index over walking the group's range in order.
    /// </summary>
    public const string GroupPageSql = """
        SELECT t.id, t.name, t.assignee, t.owner, t.created_at, t.due_at, t.follow_up_at, t.execution_id, t.priority,
               t.instance_id, t.node_id, t.form_key,
               (SELECT i.definition_id FROM process_instances i WHERE i.id = t.instance_id)
        FROM task_candidates c
        JOIN user_tasks t ON t.id = c.task_id
        WHERE c.kind = 0 AND c.value = @group AND coalesce(t.assignee, '') = ''
        ORDER BY c.sort_due, c.task_id
        LIMIT @max OFFSET @first
        """;

    /// <summary>How many tasks <see cref="GroupPageSql"/> pages through; parameter @group.</summary>
    public const string GroupCountSql = """
        SELECT count(*)
        FROM task_candidates c
        JOIN user_tasks t ON t.id = c.task_id
        WHERE c.kind = 0 AND c.value = @group AND coalesce(t.assignee, '') = ''
        """;

    /// <summary>
    /// Open tasks offered to a candidate group, earliest due first (no due date last), one page. Walks the
    /// (kind, value, sort_due, task_id) index in order and joins only the page's tasks.
    /// </summary>
    public static Task<List<UserTaskRecord>> InboxOfGroupAsync(WorkflowDbContext context, string group, int skip = 0, int take = 50, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.TaskCandidates.AsNoTracking()
            .Where(c => c.Kind == CandidateKind.Group && c.Value == group)
            .OrderBy(c => c.SortDue).ThenBy(c => c.TaskId)
            .Skip(skip).Take(take)
            .Join(context.UserTasks, c => c.TaskId, t => t.Id, (c, t) => new { c.SortDue, Task = t })
            .OrderBy(x => x.SortDue).ThenBy(x => x.Task.Id)
            .Select(x => x.Task)
            .ToListAsync(cancellationToken);
    }

    public static Task<List<HistoryRecord>> HistoryOfInstanceAsync(WorkflowDbContext context, string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.History.AsNoTracking().Where(h => h.InstanceId == instanceId).OrderBy(h => h.Id).ToListAsync(cancellationToken);
    }

    public static Task<List<HistoryRecord>> HistoryOfTaskAsync(WorkflowDbContext context, string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.History.AsNoTracking().Where(h => h.TaskId == taskId).OrderBy(h => h.Id).ToListAsync(cancellationToken);
    }
}
