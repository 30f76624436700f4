using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine;

/// <summary>Work the runtime must do after committing a command, beyond writing the changed rows.</summary>
public abstract record EngineEffect;

/// <summary>A call activity starts another process: the runtime starts it (StartInstance with the super ids).</summary>
public sealed record StartCalledProcess(
    string InstanceId,
    string ProcessKey,
    string Binding,
    int? Version,
    string? BusinessKey,
    IReadOnlyDictionary<string, object?> Variables,
    string SuperInstanceId,
    string SuperExecutionId,
    string CallingDefinitionId) : EngineEffect;

/// <summary>A call activity was cancelled (interrupted or its instance cancelled): cancel the called instance.</summary>
public sealed record CancelCalledProcess(string InstanceId) : EngineEffect;

/// <summary>This instance ended and was called by another: continue the caller (CompleteCallActivity).</summary>
public sealed record NotifyCaller(string SuperInstanceId, string SuperExecutionId, IReadOnlyDictionary<string, object?> Variables) : EngineEffect;

/// <summary>This instance threw an uncaught error and was called by another: throw it there (PropagateCalledError).</summary>
public sealed record PropagateErrorToCaller(string SuperInstanceId, string SuperExecutionId, string ErrorCode, string? ErrorMessage) : EngineEffect;

/// <summary>A user task's timeout listener fired (e.g. a reminder is due); the runtime calls the named delegate.</summary>
public sealed record TaskTimeoutFired(UserTaskState Task, string? ListenerId, string? DelegateExpression, int FiredCount) : EngineEffect;

/// <summary>
/// A step of a user task's deadline ladder fell due: the runtime writes a <c>deadline</c> outbox row.
/// <paramref name="Due"/> is the due date the step was armed for, in the engine's zone.
/// </summary>
public sealed record DeadlineStepFired(UserTaskState Task, string Policy, int StepIndex, DeadlineStep Step, DateTimeOffset Due) : EngineEffect;

/// <summary>The instance reached its end (completed, terminated or cancelled).</summary>
public sealed record InstanceEnded(InstanceStatus Status) : EngineEffect;
