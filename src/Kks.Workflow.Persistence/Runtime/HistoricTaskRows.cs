using Kks.Workflow.Engine;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Persistence.Runtime.Sql;

namespace Kks.Workflow.Persistence.Runtime;

/// <summary>
/// Keeps historic_tasks and historic_task_candidates in step with user_tasks, in the command's own transaction:
/// one insert when a task is created, key-only updates when it changes or ends. It never reads a row, so the hot
/// command path gains writes, not queries.
/// </summary>
internal static class HistoricTaskRows
{
    public static void Created(WriteSet writes, ProcessInstanceState state, UserTaskState task, IEnumerable<(CandidateKind Kind, string Value)> candidates,
        IReadOnlyList<HistoryEvent> history)
    {
        var created = history.FirstOrDefault(h => h.Kind == HistoryKind.TaskCreated && h.TaskId == task.Id);
        writes.Add(CommandSql.InsertHistoricTask, task.Id, state.Id, state.ProcessKey, state.DefinitionId, state.BusinessKey, task.ExecutionId,
            created?.ActivityInstanceId, TaskScope.Of(state, task.ExecutionId), task.NodeId, task.Name, task.Description, task.Assignee, task.Owner,
            task.Created, task.DueDate, task.FollowUpDate, task.Priority);
        foreach (var (kind, value) in candidates)
        {
            writes.Add(CommandSql.InsertHistoricCandidate, task.Id, (int)kind, value);
        }
    }

    /// <summary>A task changed (claimed, reassigned, updated): its columns, and its candidates when they changed.</summary>
    public static void Changed(WriteSet writes, UserTaskState task, IEnumerable<(CandidateKind Kind, string Value)> candidatesBefore,
        IEnumerable<(CandidateKind Kind, string Value)> candidatesAfter)
    {
        writes.One(CommandSql.UpdateHistoricTask, task.Name, task.Description, task.Assignee, task.Owner, task.DueDate, task.FollowUpDate,
            task.Priority, task.Id);
        var before = candidatesBefore.ToHashSet();
        var after = candidatesAfter.ToHashSet();
        foreach (var (kind, value) in before.Except(after))
        {
            writes.One(CommandSql.DeleteHistoricCandidate, task.Id, (int)kind, value);
        }

        foreach (var (kind, value) in after.Except(before))
        {
            writes.Add(CommandSql.InsertHistoricCandidate, task.Id, (int)kind, value);
        }
    }

    /// <summary>A task left user_tasks: completed (by whom) or cancelled (why), with the time the history line gives.</summary>
    public static void Ended(WriteSet writes, UserTaskState task, IReadOnlyList<HistoryEvent> history)
    {
        var end = history.LastOrDefault(h => h.TaskId == task.Id && h.Kind is HistoryKind.TaskCompleted or HistoryKind.TaskCancelled);
        var endedAt = end?.Time ?? (history.Count > 0 ? history[^1].Time : task.Created);
        if (end?.Kind == HistoryKind.TaskCompleted)
        {
            writes.One(CommandSql.CompleteHistoricTask, endedAt, HistoricTaskRecord.Completed, end.UserId, task.Id);
        }
        else
        {
            var reason = end?.Data is { } data && data.TryGetValue("reason", out var text) && text is string { Length: > 0 } r ? r : null;
            writes.One(CommandSql.DeleteHistoricTask, endedAt, reason is null ? HistoricTaskRecord.Deleted : HistoricTaskRecord.Deleted + ": " + reason, task.Id);
        }
        // The candidate rows stay as they are: kept equal to the task's candidates by Created and Changed, they are
        // the candidates as they stood at the end (no end time of their own since migration 0015).
    }

    public static IEnumerable<(CandidateKind Kind, string Value)> Candidates(UserTaskState task) =>
        task.CandidateGroups.Distinct(StringComparer.Ordinal).Select(g => (CandidateKind.Group, g))
            .Concat(task.CandidateUsers.Distinct(StringComparer.Ordinal).Select(u => (CandidateKind.User, u)));
}
