using Kks.Workflow.Engine.Expressions;
using Kks.Workflow.Engine.Timers;

namespace Kks.Workflow.Engine.Model;

/// <summary>What kind of event an event node is; null on a node means a none event.</summary>
public abstract record EventDefinition;

/// <param name="Kind">timeDate, timeDuration or timeCycle.</param>
/// <param name="Text">The timer text, possibly with ${...} (evaluated when the timer is armed).</param>
public sealed record TimerEventDefinition(TimerKind Kind, Expression Text) : EventDefinition;

/// <param name="MessageName">The message's name (may contain ${...}); this is what correlation matches.</param>
public sealed record MessageEventDefinition(string? MessageRef, Expression? MessageName) : EventDefinition;

/// <param name="ErrorCode">Thrown code (end event) or caught code (boundary; null catches every error).</param>
public sealed record ErrorEventDefinition(string? ErrorRef, string? ErrorCode) : EventDefinition;

public sealed record EscalationEventDefinition(string? EscalationRef, string? EscalationCode) : EventDefinition;

public sealed record TerminateEventDefinition : EventDefinition;

public abstract class EventNode : FlowNode
{
    public EventDefinition? Definition { get; init; }
}

public sealed class StartEvent : EventNode
{
    public bool IsInterrupting { get; init; } = true;

    /// <summary>camunda:formKey / camunda:formData on a start event: the form shown to whoever starts the process.</summary>
    public FormInfo? Form { get; init; }
}

public sealed class EndEvent : EventNode;

public sealed class IntermediateCatchEvent : EventNode;

/// <summary>A none intermediate throw event: a milestone a token passes through.</summary>
public sealed class IntermediateThrowEvent : EventNode;

public sealed class BoundaryEvent : EventNode
{
    public Activity AttachedTo { get; internal set; } = null!;

    public required string AttachedToRef { get; init; }

    /// <summary>cancelActivity: true (the default) interrupts the activity; false lets it run on.</summary>
    public bool CancelActivity { get; init; } = true;
}
