using Kks.Workflow.Engine.Expressions;

namespace Kks.Workflow.Engine.Model;

/// <summary>
/// Anything with an id in a process: nodes and sequence flows. The model is built once per deployment
/// by the parser and then only read, by any number of executions at once.
/// </summary>
public abstract class FlowElement
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    public string? Documentation { get; init; }

    /// <summary>The BPMN element's local name as written in the file (e.g. "userTask").</summary>
    public required string ElementType { get; init; }

    /// <summary>camunda:properties, e.g. the KKS indicator code a task is about.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = EmptyProperties;

    /// <summary>Attributes from namespaces the engine reads but BPMN does not define (e.g. kks:deadlinePolicy), keyed by local name (the namespace is <see cref="BpmnParser.KksNamespace"/>).</summary>
    public IReadOnlyDictionary<string, string> ExtensionAttributes { get; init; } = EmptyProperties;

    internal static readonly IReadOnlyDictionary<string, string> EmptyProperties = new Dictionary<string, string>();

    public override string ToString() => $"{ElementType} '{Id}'";
}

public sealed class SequenceFlow : FlowElement
{
    public required FlowNode Source { get; init; }

    public required FlowNode Target { get; init; }

    public Expression? Condition { get; init; }

    /// <summary>True when the source gateway or activity names this flow as its default.</summary>
    public bool IsDefault { get; internal set; }
}

/// <summary>A node that tokens pass: events, activities, gateways.</summary>
public abstract class FlowNode : FlowElement
{
    /// <summary>The process or sub-process this node sits in directly.</summary>
    public IFlowScope Scope { get; internal set; } = null!;

    public IReadOnlyList<SequenceFlow> Incoming => IncomingList;

    public IReadOnlyList<SequenceFlow> Outgoing => OutgoingList;

    internal List<SequenceFlow> IncomingList { get; } = [];

    internal List<SequenceFlow> OutgoingList { get; } = [];

    /// <summary>camunda:asyncBefore: a job (its own transaction) runs the node instead of the caller.</summary>
    public bool AsyncBefore { get; init; }

    public bool AsyncAfter { get; init; }

    /// <summary>camunda:inputOutput input parameters: local variables created when the node starts.</summary>
    public IReadOnlyList<IoParameter> Inputs { get; init; } = [];

    /// <summary>camunda:inputOutput output parameters: written to the enclosing scope when the node ends.</summary>
    public IReadOnlyList<IoParameter> Outputs { get; init; } = [];

    /// <summary>Position of this node in its scope's node list; used as a dense index by the executor.</summary>
    public int Index { get; internal set; }
}

/// <summary>A process or an embedded sub-process: something that contains nodes and flows.</summary>
public interface IFlowScope
{
    string Id { get; }

    IReadOnlyList<FlowNode> Nodes { get; }

    IReadOnlyList<SequenceFlow> Flows { get; }

    /// <summary>The none start event tokens begin at when the scope starts (null when missing; the validator says so).</summary>
    StartEvent? NoneStart { get; }
}
