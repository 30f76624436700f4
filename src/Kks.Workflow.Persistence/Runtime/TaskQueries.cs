using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Runtime;

/// <summary>Read side of the inbox: queries over the task tables, never the instance JSON.</summary>
public static class TaskQueries
{
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
