namespace Kks.Workflow.Engine;

/// <summary>
/// Something that moves an instance: the only input of the executor besides the definition, the state
/// and the clock. HTTP, dispatchers and tests all express what they want as one of these.
/// </summary>
public abstract record EngineCommand
{
    /// <summary>The user (or worker) on whose behalf the command runs; recorded in history.</summary>
    public string? UserId { get; init; }
}

/// <param name="InstanceId">Chosen by the caller (unique), so a retried start is recognisable.</param>
/// <param name="StartEventId">A specific start event (a message or timer start); null: the none start event.</param>
public sealed record StartInstance(
    string InstanceId,
    string? BusinessKey = null,
    IReadOnlyDictionary<string, object?>? Variables = null,
    string? StartEventId = null) : EngineCommand
{
    public string? SuperInstanceId { get; init; }

    public string? SuperExecutionId { get; init; }
}

/// <param name="Variables">Set as process variables (Camunda: on the scope where they exist, else the instance).</param>
/// <param name="LocalVariables">Set on the task's own execution.</param>
public sealed record CompleteTask(
    string TaskId,
    IReadOnlyDictionary<string, object?>? Variables = null,
    IReadOnlyDictionary<string, object?>? LocalVariables = null) : EngineCommand;

/// <summary>Claim: the user takes the task; fails when someone else holds it.</summary>
public sealed record ClaimTask(string TaskId, string Assignee) : EngineCommand;

public sealed record UnclaimTask(string TaskId) : EngineCommand;

/// <summary>Set (or clear with null) the assignee regardless of who holds it: the secretariat's reassign.</summary>
public sealed record SetTaskAssignee(string TaskId, string? Assignee) : EngineCommand;

/// <summary>Change task attributes; a null field stays as it is. Reason goes into history.</summary>
public sealed record UpdateTask(string TaskId) : EngineCommand
{
    public string? Name { get; init; }

    public DateTimeOffset? DueDate { get; init; }

    public bool ClearDueDate { get; init; }

    public DateTimeOffset? FollowUpDate { get; init; }

    public bool ClearFollowUpDate { get; init; }

    public int? Priority { get; init; }

    public IReadOnlyList<string>? CandidateGroups { get; init; }

    public IReadOnlyList<string>? CandidateUsers { get; init; }

    public string? Reason { get; init; }
}

public sealed record FireTimer(string TimerId) : EngineCommand;

public sealed record CorrelateMessage(
    string SubscriptionId,
    IReadOnlyDictionary<string, object?>? Variables = null,
    IReadOnlyDictionary<string, object?>? LocalVariables = null) : EngineCommand;

/// <summary>An external task done by its worker, a handler job done by the runtime, or an async continuation run.</summary>
public sealed record CompleteJob(
    string JobId,
    IReadOnlyDictionary<string, object?>? Variables = null,
    IReadOnlyDictionary<string, object?>? LocalVariables = null) : EngineCommand;

/// <summary>A failed attempt; with Retries 0 the job becomes an incident.</summary>
/// <summary>
/// A failed attempt; with Retries 0 the job becomes an incident. The next attempt waits <see cref="RetryAfter"/> when
/// given (an external worker's retryTimeout); otherwise, for jobs the engine runs, the model's
/// camunda:failedJobRetryTimeCycle interval; otherwise <see cref="DefaultRetryAfter"/> (the runtime's own back-off).
/// </summary>
public sealed record FailJob(string JobId, string ErrorMessage, int Retries, TimeSpan? RetryAfter = null) : EngineCommand
{
    public string? ErrorDetails { get; init; }

    public TimeSpan? DefaultRetryAfter { get; init; }
}

/// <summary>A worker or handler reports a business error, caught by an error boundary event.</summary>
public sealed record ThrowJobBpmnError(
    string JobId,
    string ErrorCode,
    string? ErrorMessage = null,
    IReadOnlyDictionary<string, object?>? Variables = null) : EngineCommand;

/// <summary>Set retries of a job; above 0 resolves its incident (the "retry" button).</summary>
public sealed record SetJobRetries(string JobId, int Retries) : EngineCommand;

/// <summary>The instance a call activity started has ended; continue the call activity.</summary>
public sealed record CompleteCallActivity(string ExecutionId, IReadOnlyDictionary<string, object?>? Variables = null) : EngineCommand;

/// <summary>The instance a call activity started threw an error it did not catch.</summary>
public sealed record PropagateCalledError(string ExecutionId, string ErrorCode, string? ErrorMessage = null) : EngineCommand;

/// <summary>Set variables on the instance, or locally on one execution.</summary>
public sealed record SetVariables(IReadOnlyDictionary<string, object?> Variables, string? ExecutionId = null) : EngineCommand;

public sealed record RemoveVariables(IReadOnlyList<string> Names, string? ExecutionId = null) : EngineCommand;

public sealed record CancelInstance(string? Reason = null) : EngineCommand;
