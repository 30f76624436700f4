using Kks.Workflow.Engine;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Runtime;

/// <summary>Turns the rows an execution result changed into inserts, updates and deletes of the query tables.</summary>
internal static class RowWriter
{
    public static async Task WriteAsync(WorkflowDbContext context, ProcessInstanceState state, ExecutionResult result, CancellationToken cancellationToken)
    {
        foreach (var task in result.Tasks.Removed)
        {
            Remove(context.UserTasks, task.Id, id => new UserTaskRecord { Id = id, InstanceId = "", ExecutionId = "", NodeId = "" });
            HistoricTaskRows.Ended(context, task, result.History);
        }

        foreach (var task in result.Tasks.Added)
        {
            var record = new UserTaskRecord { Id = task.Id, InstanceId = state.Id, ExecutionId = task.ExecutionId, NodeId = task.NodeId };
            Copy(task, record);
            context.UserTasks.Add(record);
            HistoricTaskRows.Created(context, state, task, result.History);
        }

        foreach (var task in result.Tasks.Changed)
        {
            // Gone since the instance was loaded: a command on another connection ended the task first (a lost race, not a bug).
            var record = await context.UserTasks.Include(t => t.Candidates).SingleOrDefaultAsync(t => t.Id == task.Id, cancellationToken).ConfigureAwait(false)
                         ?? throw new NotFoundException(new BilingualText(
                             $"Tugas '{task.Id}' baru saja diselesaikan oleh permintaan lain.", $"Task '{task.Id}' was just ended by another request."));
            HistoricTaskRows.Changed(context, task, record.Candidates);
            // A copy: within one unit of several commands the list may hold rows added by an earlier one, and
            // removing those makes EF fix up (change) the very list being enumerated.
            context.TaskCandidates.RemoveRange(record.Candidates.ToList());
            record.Candidates = [];
            Copy(task, record);
        }

        foreach (var timer in result.Timers.Removed)
        {
            Remove(context.Timers, timer.Id, id => new TimerRecord { Id = id, InstanceId = "", NodeId = "" });
        }

        foreach (var timer in result.Timers.Added)
        {
            context.Timers.Add(new TimerRecord { Id = timer.Id, InstanceId = state.Id, NodeId = timer.NodeId, DueAt = timer.DueAt });
        }

        foreach (var timer in result.Timers.Changed)
        {
            // A repeating timer re-armed: new due time, and whatever lease fired it is over.
            var record = await context.Timers.FindAsync([timer.Id], cancellationToken).ConfigureAwait(false);
            if (record is not null)
            {
                (record.DueAt, record.LeaseOwner, record.LeaseUntil) = (timer.DueAt, null, null);
            }
        }

        foreach (var job in result.Jobs.Removed)
        {
            Remove(context.Jobs, job.Id, id => new JobRecord { Id = id, InstanceId = "", NodeId = "", Kind = "" });
        }

        foreach (var job in result.Jobs.Added)
        {
            var record = new JobRecord { Id = job.Id, InstanceId = state.Id, NodeId = job.NodeId, Kind = job.Kind.ToString() };
            Copy(job, record);
            context.Jobs.Add(record);
        }

        foreach (var job in result.Jobs.Changed)
        {
            if (await context.Jobs.FindAsync([job.Id], cancellationToken).ConfigureAwait(false) is { } record)
            {
                Copy(job, record);
                (record.LockOwner, record.LockUntil) = (null, null);
            }
        }

        foreach (var subscription in result.Subscriptions.Removed)
        {
            Remove(context.Subscriptions, subscription.Id, id => new SubscriptionRecord { Id = id, InstanceId = "", NodeId = "", MessageName = "" });
        }

        foreach (var subscription in result.Subscriptions.Added)
        {
            context.Subscriptions.Add(new SubscriptionRecord
            {
                Id = subscription.Id,
                InstanceId = state.Id,
                NodeId = subscription.NodeId,
                MessageName = subscription.MessageName,
                BusinessKey = state.BusinessKey,
                CreatedAt = subscription.Created,
            });
        }

        foreach (var incident in result.Incidents.Removed)
        {
            Remove(context.Incidents, incident.Id, id => new IncidentRecord { Id = id, InstanceId = "", NodeId = "", Type = "" });
        }

        foreach (var incident in result.Incidents.Added)
        {
            context.Incidents.Add(new IncidentRecord
            {
                Id = incident.Id,
                InstanceId = state.Id,
                NodeId = incident.NodeId,
                Type = incident.Type,
                JobId = incident.JobId,
                Message = incident.Message,
                CreatedAt = incident.Created,
            });
        }

        foreach (var incident in result.Incidents.Changed)
        {
            if (await context.Incidents.FindAsync([incident.Id], cancellationToken).ConfigureAwait(false) is { } record)
            {
                record.Message = incident.Message;
            }
        }

        foreach (var line in result.History)
        {
            context.History.Add(new HistoryRecord
            {
                Time = line.Time,
                InstanceId = line.InstanceId,
                Kind = line.Kind.ToString(),
                ExecutionId = line.ExecutionId,
                NodeId = line.NodeId,
                NodeType = line.NodeType,
                NodeName = line.NodeName,
                ActivityInstanceId = line.ActivityInstanceId,
                TaskId = line.TaskId,
                UserId = line.UserId,
                DataJson = line.Data is null ? null : InstanceStateJson.SerializeValue(new Dictionary<string, object?>(line.Data)),
            });
        }
    }

    private static void Copy(UserTaskState task, UserTaskRecord record)
    {
        record.Name = task.Name;
        record.Assignee = task.Assignee;
        record.Owner = task.Owner;
        record.DueAt = task.DueDate;
        record.FollowUpAt = task.FollowUpDate;
        record.Priority = task.Priority;
        record.FormKey = task.FormKey ?? task.FormRef;
        record.CreatedAt = task.Created;
        var due = task.DueDate ?? TaskCandidateRecord.NoDueDate;
        foreach (var group in task.CandidateGroups.Distinct(StringComparer.Ordinal))
        {
            record.Candidates.Add(new TaskCandidateRecord { TaskId = task.Id, Kind = CandidateKind.Group, Value = group, SortDue = due });
        }

        foreach (var user in task.CandidateUsers.Distinct(StringComparer.Ordinal))
        {
            record.Candidates.Add(new TaskCandidateRecord { TaskId = task.Id, Kind = CandidateKind.User, Value = user, SortDue = due });
        }
    }

    private static void Copy(JobState job, JobRecord record)
    {
        record.Topic = job.Topic;
        record.HandlerName = job.HandlerName;
        record.Retries = job.Retries;
        record.Priority = job.Priority;
        record.DueAt = job.DueAt;
        record.ErrorMessage = job.ErrorMessage;
        record.CreatedAt = job.Created;
    }

    /// <summary>
    /// Deletes a row by key without reading it first (one DELETE, no SELECT): a row tracked in this unit (added
    /// earlier by a call activity chain) is removed from the tracker; otherwise a key-only stub is deleted. The
    /// database cascades to dependent rows (task candidates). A row already gone affects 0 rows, which EF reports
    /// as a concurrency failure: another command committed first, and the command is retried on fresh state.
    /// </summary>
    private static void Remove<T>(DbSet<T> set, string id, Func<string, T> stub)
        where T : class
    {
        if (set.Local.FindEntry(id) is { } entry)
        {
            set.Remove(entry.Entity);
            return;
        }

        set.Remove(stub(id));
    }
}
