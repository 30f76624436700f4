namespace Kks.Workflow.Engine;

public enum HistoryKind
{
    InstanceStarted,
    InstanceCompleted,
    InstanceCancelled,
    ActivityStarted,
    ActivityCompleted,
    ActivityCancelled,
    TaskCreated,
    TaskClaimed,
    TaskUnclaimed,
    TaskAssigned,
    TaskUpdated,
    TaskCompleted,
    TaskCancelled,
    TimerFired,
    MessageCorrelated,
    JobCompleted,
    JobFailed,
    IncidentRaised,
    IncidentResolved,
    ErrorThrown,
    EscalationThrown,
    VariableSet,
    VariableRemoved,
}

/// <summary>One line of the append-only history: what happened, where, when and by whom.</summary>
public sealed record HistoryEvent(
    HistoryKind Kind,
    DateTimeOffset Time,
    string InstanceId,
    string? ExecutionId = null,
    string? NodeId = null,
    string? ActivityInstanceId = null)
{
    public string? NodeType { get; init; }

    public string? NodeName { get; init; }

    public string? TaskId { get; init; }

    public string? UserId { get; init; }

    /// <summary>Free detail: the variables a task was completed with, a reason, an error message.</summary>
    public IReadOnlyDictionary<string, object?>? Data { get; init; }

    public override string ToString() => $"{Kind} {NodeId}";
}
