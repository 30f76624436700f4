namespace Kks.Workflow.Engine.State;

public enum InstanceStatus
{
    Active,
    Completed,
    Cancelled,
}

/// <summary>
/// Everything the engine knows about one running (or ended) process instance. The executor receives it,
/// works on its own copy and returns the new one; the runtime stores it (as JSON) with its concurrency token.
/// Mutable for cheap copying and serialisation: only the executor changes it.
/// </summary>
public sealed class ProcessInstanceState
{
    public required string Id { get; set; }

    /// <summary>The deployed definition (key + version) this instance runs on; it never changes.</summary>
    public required string DefinitionId { get; set; }

    public required string ProcessKey { get; set; }

    public string? BusinessKey { get; set; }

    public InstanceStatus Status { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? StartedBy { get; set; }

    /// <summary>Set when a call activity of another instance started this one.</summary>
    public string? SuperInstanceId { get; set; }

    public string? SuperExecutionId { get; set; }

    /// <summary>Counter for ids of executions, tasks, timers and jobs, so ids are deterministic per instance.</summary>
    public long Sequence { get; set; }

    public List<ExecutionState> Executions { get; set; } = [];

    public List<UserTaskState> Tasks { get; set; } = [];

    public List<TimerState> Timers { get; set; } = [];

    public List<JobState> Jobs { get; set; } = [];

    public List<SubscriptionState> Subscriptions { get; set; } = [];

    public List<IncidentState> Incidents { get; set; } = [];

    public ExecutionState Root => Executions.Find(e => e.ParentId is null)
        ?? throw new InvalidOperationException($"Instance {Id} has no root execution.");

    public bool IsEnded => Status != InstanceStatus.Active;
}
