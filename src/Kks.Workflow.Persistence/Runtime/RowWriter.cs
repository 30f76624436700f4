using Kks.Workflow.Engine;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Persistence.Runtime.Sql;

namespace Kks.Workflow.Persistence.Runtime;

/// <summary>
/// Turns the rows an execution result changed into inserts, updates and deletes of the query tables, added to the
/// command's write set in the order they happened (a task created and ended in one unit is inserted, then
/// deleted). A delete or update of a row the command believes exists must hit it: none means another command
/// ended it first (a lost race), as EF's concurrency check said before.
/// </summary>
internal static class RowWriter
{
    public static async Task WriteAsync(CommandUnit unit, ProcessInstanceState state, ExecutionResult result, CancellationToken cancellationToken)
    {
        var writes = unit.Writes;
        foreach (var task in result.Tasks.Removed)
        {
            writes.One(CommandSql.DeleteTask, task.Id);
            HistoricTaskRows.Ended(writes, task, result.History);
            unit.ForgetCandidates(task.Id);
        }

        foreach (var task in result.Tasks.Added)
        {
            writes.Add(CommandSql.InsertTask, task.Id, state.Id, task.ExecutionId, task.NodeId, task.Name, task.Assignee, task.Owner,
                task.DueDate, task.FollowUpDate, task.Priority, task.FormKey ?? task.FormRef, task.Created);
            var candidates = InsertCandidates(writes, task);
            unit.KnowCandidates(task.Id, candidates);
            HistoricTaskRows.Created(writes, state, task, candidates, result.History);
        }

        foreach (var task in result.Tasks.Changed)
        {
            // Gone since the instance was loaded: a command on another connection ended the task first (a lost race, not a bug).
            var before = await unit.CandidatesAsync(task.Id, cancellationToken).ConfigureAwait(false)
                         ?? throw new NotFoundException(new BilingualText(
                             $"Tugas '{task.Id}' baru saja diselesaikan oleh permintaan lain.", $"Task '{task.Id}' was just ended by another request."));
            writes.One(CommandSql.UpdateTask, task.Name, task.Assignee, task.Owner, task.DueDate, task.FollowUpDate, task.Priority,
                task.FormKey ?? task.FormRef, task.Created, task.Id);
            // The candidates carry the due date (the inbox's sort key): written again whole.
            writes.Add(CommandSql.DeleteCandidates, task.Id);
            var after = InsertCandidates(writes, task);
            unit.KnowCandidates(task.Id, after);
            HistoricTaskRows.Changed(writes, task, before, after);
        }

        foreach (var timer in result.Timers.Removed)
        {
            writes.One(CommandSql.DeleteTimer, timer.Id);
        }

        foreach (var timer in result.Timers.Added)
        {
            writes.Add(CommandSql.InsertTimer, timer.Id, state.Id, timer.NodeId, timer.DueAt);
            writes.Timer(timer.DueAt);
        }

        foreach (var timer in result.Timers.Changed)
        {
            writes.Add(CommandSql.RearmTimer, timer.DueAt, timer.Id);
            writes.Timer(timer.DueAt);
        }

        foreach (var job in result.Jobs.Removed)
        {
            writes.One(CommandSql.DeleteJob, job.Id);
        }

        foreach (var job in result.Jobs.Added)
        {
            writes.Add(CommandSql.InsertJob, job.Id, state.Id, job.NodeId, job.Kind.ToString(), job.Topic, job.HandlerName, job.Retries,
                job.Priority, job.DueAt, job.ErrorMessage, job.Created);
            Runnable(unit, job);
        }

        foreach (var job in result.Jobs.Changed)
        {
            writes.Add(CommandSql.UpdateJob, job.Topic, job.HandlerName, job.Retries, job.Priority, job.DueAt, job.ErrorMessage, job.Created, job.Id);
            Runnable(unit, job);
        }

        foreach (var subscription in result.Subscriptions.Removed)
        {
            writes.One(CommandSql.DeleteSubscription, subscription.Id);
        }

        foreach (var subscription in result.Subscriptions.Added)
        {
            writes.Add(CommandSql.InsertSubscription, subscription.Id, state.Id, subscription.NodeId, subscription.MessageName, state.BusinessKey,
                subscription.Created);
        }

        foreach (var incident in result.Incidents.Removed)
        {
            writes.One(CommandSql.DeleteIncident, incident.Id);
        }

        foreach (var incident in result.Incidents.Added)
        {
            writes.Add(CommandSql.InsertIncident, incident.Id, state.Id, incident.NodeId, incident.Type, incident.JobId, incident.Message, incident.Created);
        }

        foreach (var incident in result.Incidents.Changed)
        {
            writes.Add(CommandSql.UpdateIncident, incident.Message, incident.Id);
        }

        foreach (var line in result.History)
        {
            writes.Add(CommandSql.InsertHistory, line.Time, line.InstanceId, line.Kind.ToString(), line.ExecutionId, line.NodeId, line.NodeType,
                line.NodeName, line.ActivityInstanceId, line.TaskId, line.UserId,
                line.Data is null ? null : InstanceStateJson.SerializeValue(new Dictionary<string, object?>(line.Data)));
        }
    }

    /// <summary>The task's candidates (distinct groups, then distinct users), each with the task's due date as sort key.</summary>
    private static List<(CandidateKind Kind, string Value)> InsertCandidates(WriteSet writes, UserTaskState task)
    {
        var due = task.DueDate ?? TaskCandidateRecord.NoDueDate;
        var candidates = HistoricTaskRows.Candidates(task).ToList();
        foreach (var (kind, value) in candidates)
        {
            writes.Add(CommandSql.InsertCandidate, task.Id, (int)kind, value, due);
        }

        return candidates;
    }

    /// <summary>A handler or async-continuation job runnable now: the job dispatcher is worth waking.</summary>
    private static void Runnable(CommandUnit unit, JobState job)
    {
        if (job.Kind != JobKind.ExternalTask && job.Retries > 0 && (job.DueAt is null || job.DueAt <= unit.Now))
        {
            unit.Writes.RunnableJobs = true;
        }
    }
}
