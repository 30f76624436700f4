using Kks.Workflow.Engine;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Kks.Workflow.Persistence.Runtime;

/// <summary>
/// Keeps historic_tasks and historic_task_candidates in step with user_tasks, in the command's own SaveChanges:
/// one insert when a task is created, key-only updates when it changes or ends. It never reads a row (a changed
/// or ended task's row is attached as a stub and only the columns it sets are written), so the hot command path
/// gains writes, not queries.
/// </summary>
internal static class HistoricTaskRows
{
    public static void Created(WorkflowDbContext context, ProcessInstanceState state, UserTaskState task, IReadOnlyList<HistoryEvent> history)
    {
        var created = history.FirstOrDefault(h => h.Kind == HistoryKind.TaskCreated && h.TaskId == task.Id);
        var record = new HistoricTaskRecord
        {
            Id = task.Id,
            InstanceId = state.Id,
            ProcessKey = state.ProcessKey,
            DefinitionId = state.DefinitionId,
            BusinessKey = state.BusinessKey,
            ExecutionId = task.ExecutionId,
            ActivityInstanceId = created?.ActivityInstanceId,
            ScopeId = TaskScope.Of(state, task.ExecutionId),
            NodeId = task.NodeId,
            CreatedAt = task.Created,
        };
        Copy(task, record);
        foreach (var (kind, value) in Candidates(task))
        {
            record.Candidates.Add(new HistoricTaskCandidateRecord { TaskId = task.Id, Kind = kind, Value = value });
        }

        context.HistoricTasks.Add(record);
    }

    /// <summary>A task changed (claimed, reassigned, updated): its columns, and its candidates when they changed.</summary>
    public static void Changed(WorkflowDbContext context, UserTaskState task, IEnumerable<TaskCandidateRecord> candidatesBefore)
    {
        var entry = Attach(context, task);
        Copy(task, entry.Entity);
        foreach (var name in UpdatedColumns)
        {
            entry.Property(name).IsModified = true;
        }

        var before = candidatesBefore.Select(c => (c.Kind, c.Value)).ToHashSet();
        var after = Candidates(task).ToHashSet();
        foreach (var (kind, value) in before.Except(after))
        {
            var key = new object[] { task.Id, kind, value };
            if (context.HistoricTaskCandidates.Local.FindEntryUntyped(key) is { } tracked)
            {
                context.HistoricTaskCandidates.Remove(tracked.Entity);
            }
            else
            {
                context.HistoricTaskCandidates.Remove(new HistoricTaskCandidateRecord { TaskId = task.Id, Kind = kind, Value = value });
            }
        }

        foreach (var (kind, value) in after.Except(before))
        {
            context.HistoricTaskCandidates.Add(new HistoricTaskCandidateRecord { TaskId = task.Id, Kind = kind, Value = value });
        }
    }

    /// <summary>A task left user_tasks: completed (by whom) or cancelled (why), with the time the history line gives.</summary>
    public static void Ended(WorkflowDbContext context, UserTaskState task, IReadOnlyList<HistoryEvent> history)
    {
        var end = history.LastOrDefault(h => h.TaskId == task.Id && h.Kind is HistoryKind.TaskCompleted or HistoryKind.TaskCancelled);
        var endedAt = end?.Time ?? (history.Count > 0 ? history[^1].Time : task.Created);
        var entry = Attach(context, task);
        entry.Entity.EndedAt = endedAt;
        entry.Property(t => t.EndedAt).IsModified = true;
        if (end?.Kind == HistoryKind.TaskCompleted)
        {
            entry.Entity.EndReason = HistoricTaskRecord.Completed;
            entry.Entity.CompletedBy = end.UserId;
            entry.Property(t => t.CompletedBy).IsModified = true;
        }
        else
        {
            var reason = end?.Data is { } data && data.TryGetValue("reason", out var text) && text is string { Length: > 0 } r ? r : null;
            entry.Entity.EndReason = reason is null ? HistoricTaskRecord.Deleted : HistoricTaskRecord.Deleted + ": " + reason;
        }

        entry.Property(t => t.EndReason).IsModified = true;
        foreach (var (kind, value) in Candidates(task))
        {
            var key = new object[] { task.Id, kind, value };
            var candidate = context.HistoricTaskCandidates.Local.FindEntryUntyped(key)
                ?? context.HistoricTaskCandidates.Attach(new HistoricTaskCandidateRecord { TaskId = task.Id, Kind = kind, Value = value });
            candidate.Entity.EndedAt = endedAt;
            candidate.Property(c => c.EndedAt).IsModified = true;
        }
    }

    private static readonly string[] UpdatedColumns =
    [
        nameof(HistoricTaskRecord.Name), nameof(HistoricTaskRecord.Description), nameof(HistoricTaskRecord.Assignee),
        nameof(HistoricTaskRecord.Owner), nameof(HistoricTaskRecord.DueAt), nameof(HistoricTaskRecord.FollowUpAt),
        nameof(HistoricTaskRecord.Priority),
    ];

    /// <summary>The row tracked in this unit (created by an earlier command of a call-activity chain) or a key-only stub.</summary>
    private static EntityEntry<HistoricTaskRecord> Attach(WorkflowDbContext context, UserTaskState task) =>
        context.HistoricTasks.Local.FindEntry(task.Id)
        ?? context.HistoricTasks.Attach(new HistoricTaskRecord { Id = task.Id, InstanceId = "", ProcessKey = "", DefinitionId = "", ExecutionId = "", NodeId = "" });

    private static void Copy(UserTaskState task, HistoricTaskRecord record)
    {
        record.Name = task.Name;
        record.Description = task.Description;
        record.Assignee = task.Assignee;
        record.Owner = task.Owner;
        record.DueAt = task.DueDate;
        record.FollowUpAt = task.FollowUpDate;
        record.Priority = task.Priority;
    }

    private static IEnumerable<(CandidateKind Kind, string Value)> Candidates(UserTaskState task) =>
        task.CandidateGroups.Distinct(StringComparer.Ordinal).Select(g => (CandidateKind.Group, g))
            .Concat(task.CandidateUsers.Distinct(StringComparer.Ordinal).Select(u => (CandidateKind.User, u)));
}
