using Kks.Workflow.Engine.Expressions;

namespace Kks.Workflow.Engine.Model;

public abstract class Activity : FlowNode
{
    public MultiInstance? MultiInstance { get; init; }

    public IReadOnlyList<BoundaryEvent> BoundaryEvents => BoundaryList;

    internal List<BoundaryEvent> BoundaryList { get; } = [];

    /// <summary>The outgoing flow taken when no conditional one applies (the "default" attribute).</summary>
    public SequenceFlow? DefaultFlow { get; internal set; }

    public string? DefaultFlowRef { get; init; }
}

/// <summary>multiInstanceLoopCharacteristics with Camunda's attributes.</summary>
public sealed record MultiInstance(
    bool IsSequential,
    Expression? LoopCardinality,
    Expression? Collection,
    string? ElementVariable,
    Expression? CompletionCondition);

/// <summary>bpmn:task, manualTask and the like: nothing to do, the token passes through.</summary>
public sealed class PassThroughTask : Activity;

public sealed class UserTask : Activity
{
    public Expression? Assignee { get; init; }

    /// <summary>Comma separated, each part possibly an expression (evaluated to a string or a list).</summary>
    public Expression? CandidateUsers { get; init; }

    /// <summary>Comma separated; an OPD's code is a group.</summary>
    public Expression? CandidateGroups { get; init; }

    public Expression? DueDate { get; init; }

    public Expression? FollowUpDate { get; init; }

    public Expression? Priority { get; init; }

    public FormInfo? Form { get; init; }

    public IReadOnlyList<TaskListener> TaskListeners { get; init; } = [];

    /// <summary>kks:deadlinePolicy: the name of the deadline ladder armed from the task's due date.</summary>
    public string? DeadlinePolicy { get; init; }
}

/// <summary>The form attached to a user task or start event.</summary>
/// <param name="FormKey">camunda:formKey (e.g. "embedded:app:forms/x.html" or "camunda-forms:deployment:x.form").</param>
/// <param name="FormRef">camunda:formRef: the id of a form-js form deployed beside the process.</param>
/// <param name="FormRefBinding">latest, deployment or version.</param>
/// <param name="Fields">camunda:formData fields, rendered by the inbox as HTML inputs.</param>
public sealed record FormInfo(
    string? FormKey,
    string? FormRef,
    string? FormRefBinding,
    string? FormRefVersion,
    IReadOnlyList<FormField> Fields);

public sealed record FormField(
    string Id,
    string? Label,
    string Type,
    Expression? DefaultValue,
    IReadOnlyList<FormFieldOption> Options,
    IReadOnlyList<FormFieldConstraint> Constraints,
    IReadOnlyDictionary<string, string> Properties);

public sealed record FormFieldOption(string Id, string? Name);

/// <summary>A camunda:constraint: required, readonly, minlength, maxlength, min, max.</summary>
public sealed record FormFieldConstraint(string Name, string? Config);

/// <summary>
/// A camunda:taskListener. The engine executes the timeout ones (the event fires when the timer is due while
/// the task is open); the runtime decides what the named delegate does (e.g. send a reminder).
/// </summary>
public sealed record TaskListener(string Event, string? Id, string? DelegateExpression, TimerEventDefinition? Timer);

public enum ServiceKind
{
    /// <summary>camunda:type="external": a worker outside fetches and completes it (camunda:topic).</summary>
    External,

    /// <summary>camunda:delegateExpression="${name}": a built-in handler registered under that name.</summary>
    Handler,
}

/// <summary>A serviceTask or sendTask (Camunda treats them alike).</summary>
public sealed class ServiceTask : Activity
{
    public required ServiceKind Kind { get; init; }

    /// <summary>External topic (may contain ${...}).</summary>
    public Expression? Topic { get; init; }

    /// <summary>Handler name from the delegate expression, e.g. "mail" for ${mail}.</summary>
    public string? HandlerName { get; init; }

    /// <summary>camunda:taskPriority for external tasks.</summary>
    public Expression? TaskPriority { get; init; }

    /// <summary>Retries before an incident (camunda:failedJobRetryTimeCycle "R3/PT5M" gives 3), default 3.</summary>
    public int Retries { get; init; } = 3;

    public string? RetryCycle { get; init; }
}

/// <summary>A receiveTask: waits for a message like a catch event.</summary>
public sealed class ReceiveTask : Activity
{
    public MessageEventDefinition? Message { get; init; }
}

public sealed class SubProcess : Activity, IFlowScope
{
    public IReadOnlyList<FlowNode> Nodes { get; internal set; } = [];

    public IReadOnlyList<SequenceFlow> Flows { get; internal set; } = [];

    public StartEvent? NoneStart { get; internal set; }
}

/// <summary>camunda:in / camunda:out mapping of a call activity.</summary>
/// <param name="All">variables="all".</param>
/// <param name="Local">local="true": only the call activity's local variables.</param>
public sealed record VariableMapping(string? Source, Expression? SourceExpression, string? Target, bool All, bool Local, bool IsBusinessKey);

public sealed class CallActivity : Activity
{
    /// <summary>The key of the process to start (may contain ${...}).</summary>
    public required Expression CalledElement { get; init; }

    /// <summary>latest (default), deployment or version.</summary>
    public string Binding { get; init; } = "latest";

    public Expression? Version { get; init; }

    public IReadOnlyList<VariableMapping> In { get; init; } = [];

    public IReadOnlyList<VariableMapping> Out { get; init; } = [];
}
