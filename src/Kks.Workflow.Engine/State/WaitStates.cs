using Kks.Workflow.Engine.Timers;

namespace Kks.Workflow.Engine.State;

/// <summary>
/// Each wait-state row has a Revision the executor bumps when it changes the row, so the runtime writes
/// only the rows a command changed (the executor reports them as added, changed or removed).
/// </summary>
public abstract class WaitStateRow
{
    public required string Id { get; set; }

    public required string ExecutionId { get; set; }

    public required string NodeId { get; set; }

    public int Revision { get; set; }
}

public sealed class UserTaskState : WaitStateRow
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Assignee { get; set; }

    public List<string> CandidateUsers { get; set; } = [];

    public List<string> CandidateGroups { get; set; } = [];

    public DateTimeOffset Created { get; set; }

    public DateTimeOffset? DueDate { get; set; }

    public DateTimeOffset? FollowUpDate { get; set; }

    public int Priority { get; set; } = 50;

    public string? FormKey { get; set; }

    public string? FormRef { get; set; }

    /// <summary>Who last claimed it (kept when unclaimed, for history).</summary>
    public string? Owner { get; set; }
}

public enum TimerPurpose
{
    /// <summary>An intermediate timer catch event the token waits at.</summary>
    CatchEvent,

    /// <summary>A boundary timer on the activity the execution is in.</summary>
    Boundary,

    /// <summary>A timer after an event-based gateway.</summary>
    EventGateway,

    /// <summary>A user task's timeout task listener.</summary>
    TaskListener,

    /// <summary>One step of a user task's deadline ladder (kks:deadlinePolicy).</summary>
    Deadline,
}

/// <summary>What a deadline timer tells when it fires: the step as it was when armed (a later policy edit re-arms nothing).</summary>
public sealed class DeadlineTimerStep
{
    public required string Policy { get; set; }

    public int StepIndex { get; set; }

    public int WorkingDaysFromDue { get; set; }

    public List<string> To { get; set; } = [];

    /// <summary>The due date the step was computed from, in the engine's zone.</summary>
    public DateTimeOffset Due { get; set; }
}

public sealed class TimerState : WaitStateRow
{
    public TimerPurpose Purpose { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public TimerKind TimerKind { get; set; }

    /// <summary>The timer text after expressions were evaluated; repeats are computed from it.</summary>
    public required string Schedule { get; set; }

    public int FiredCount { get; set; }

    public string? TaskId { get; set; }

    public string? ListenerId { get; set; }

    /// <summary>Set on <see cref="TimerPurpose.Deadline"/> timers.</summary>
    public DeadlineTimerStep? Deadline { get; set; }
}

public enum JobKind
{
    /// <summary>A camunda:type="external" service task waiting for a worker.</summary>
    ExternalTask,

    /// <summary>A built-in handler (e.g. mail) the runtime runs outside the command.</summary>
    Handler,

    /// <summary>camunda:asyncBefore: the node continues in its own transaction.</summary>
    AsyncBefore,

    /// <summary>camunda:asyncAfter: the node is left in its own transaction.</summary>
    AsyncAfter,
}

public sealed class JobState : WaitStateRow
{
    public JobKind Kind { get; set; }

    public string? Topic { get; set; }

    public string? HandlerName { get; set; }

    public int Retries { get; set; }

    public long Priority { get; set; }

    public string? ErrorMessage { get; set; }

    public string? ErrorDetails { get; set; }

    /// <summary>When a failed job may run again (back-off); null: now.</summary>
    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset Created { get; set; }

    /// <summary>Input variables a handler receives (evaluated input parameters of the node).</summary>
    public Dictionary<string, object?>? Inputs { get; set; }
}

public enum SubscriptionPurpose
{
    CatchEvent,
    Boundary,
    EventGateway,
    ReceiveTask,
}

public sealed class SubscriptionState : WaitStateRow
{
    public SubscriptionPurpose Purpose { get; set; }

    public required string MessageName { get; set; }

    public DateTimeOffset Created { get; set; }
}

public sealed class IncidentState : WaitStateRow
{
    /// <summary>failedJob or failedExternalTask (Camunda's incident types).</summary>
    public required string Type { get; set; }

    public string? JobId { get; set; }

    public string? Message { get; set; }

    public DateTimeOffset Created { get; set; }
}
