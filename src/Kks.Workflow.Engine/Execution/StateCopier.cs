using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine.Execution;

/// <summary>
/// A deep copy of an instance state, so the executor can change its copy freely and a failing command
/// leaves the caller's state untouched. Variable values are immutable by convention and shared.
/// </summary>
internal static class StateCopier
{
    public static ProcessInstanceState Copy(ProcessInstanceState s) => new()
    {
        Id = s.Id,
        DefinitionId = s.DefinitionId,
        ProcessKey = s.ProcessKey,
        BusinessKey = s.BusinessKey,
        Status = s.Status,
        StartedAt = s.StartedAt,
        EndedAt = s.EndedAt,
        StartedBy = s.StartedBy,
        SuperInstanceId = s.SuperInstanceId,
        SuperExecutionId = s.SuperExecutionId,
        Sequence = s.Sequence,
        Executions = s.Executions.ConvertAll(Copy),
        Tasks = [.. s.Tasks],
        Timers = [.. s.Timers],
        Jobs = [.. s.Jobs],
        Subscriptions = [.. s.Subscriptions],
        Incidents = [.. s.Incidents],
    };

    /// <summary>
    /// Wait-state rows are shared between the old state and the copy (a command changes few of them): the
    /// executor replaces a row by its own copy before changing it, so the caller's rows never change.
    /// </summary>
    public static T Own<T>(List<T> rows, T row)
        where T : WaitStateRow
    {
        var copy = row switch
        {
            UserTaskState task => (T)(WaitStateRow)Copy(task),
            TimerState timer => (T)(WaitStateRow)Copy(timer),
            JobState job => (T)(WaitStateRow)Copy(job),
            _ => throw new ArgumentException($"Rows of type {typeof(T).Name} are never changed in place.", nameof(row)),
        };
        rows[rows.IndexOf(row)] = copy;
        return copy;
    }

    private static ExecutionState Copy(ExecutionState e) => new()
    {
        Id = e.Id,
        ParentId = e.ParentId,
        Kind = e.Kind,
        Status = e.Status,
        NodeId = e.NodeId,
        ActivityInstanceId = e.ActivityInstanceId,
        ArrivedVia = e.ArrivedVia,
        EnteredAt = e.EnteredAt,
        // Shared, not copied: the interpreter copies a map before its first write (WritableVariables), and
        // a collection is only ever replaced, never changed.
        Variables = e.Variables,
        Collection = e.Collection,
        CalledInstanceId = e.CalledInstanceId,
        AsyncBeforeDone = e.AsyncBeforeDone,
    };

    internal static UserTaskState Copy(UserTaskState t) => new()
    {
        Id = t.Id,
        ExecutionId = t.ExecutionId,
        NodeId = t.NodeId,
        Revision = t.Revision,
        Name = t.Name,
        Description = t.Description,
        Assignee = t.Assignee,
        CandidateUsers = [.. t.CandidateUsers],
        CandidateGroups = [.. t.CandidateGroups],
        Created = t.Created,
        DueDate = t.DueDate,
        FollowUpDate = t.FollowUpDate,
        Priority = t.Priority,
        FormKey = t.FormKey,
        FormRef = t.FormRef,
        Owner = t.Owner,
    };

    private static TimerState Copy(TimerState t) => new()
    {
        Id = t.Id,
        ExecutionId = t.ExecutionId,
        NodeId = t.NodeId,
        Revision = t.Revision,
        Purpose = t.Purpose,
        DueAt = t.DueAt,
        TimerKind = t.TimerKind,
        Schedule = t.Schedule,
        FiredCount = t.FiredCount,
        TaskId = t.TaskId,
        ListenerId = t.ListenerId,
        Deadline = t.Deadline, // never changed in place: a re-arm replaces the timer
    };

    private static JobState Copy(JobState j) => new()
    {
        Id = j.Id,
        ExecutionId = j.ExecutionId,
        NodeId = j.NodeId,
        Revision = j.Revision,
        Kind = j.Kind,
        Topic = j.Topic,
        HandlerName = j.HandlerName,
        Retries = j.Retries,
        Priority = j.Priority,
        ErrorMessage = j.ErrorMessage,
        ErrorDetails = j.ErrorDetails,
        DueAt = j.DueAt,
        Created = j.Created,
        Inputs = j.Inputs is null ? null : new Dictionary<string, object?>(j.Inputs, StringComparer.Ordinal),
    };

    private static SubscriptionState Copy(SubscriptionState s) => new()
    {
        Id = s.Id,
        ExecutionId = s.ExecutionId,
        NodeId = s.NodeId,
        Revision = s.Revision,
        Purpose = s.Purpose,
        MessageName = s.MessageName,
        Created = s.Created,
    };

    private static IncidentState Copy(IncidentState i) => new()
    {
        Id = i.Id,
        ExecutionId = i.ExecutionId,
        NodeId = i.NodeId,
        Revision = i.Revision,
        Type = i.Type,
        JobId = i.JobId,
        Message = i.Message,
        Created = i.Created,
    };
}
