namespace Kks.Workflow.Engine.State;

public enum ExecutionKind
{
    /// <summary>The process instance itself: holds the process variables.</summary>
    Root,

    /// <summary>A token at a node.</summary>
    Token,

    /// <summary>A token inside an embedded sub-process: the parent of the tokens within.</summary>
    Scope,

    /// <summary>The body of a multi-instance activity: holds nrOfInstances and friends, parent of the items.</summary>
    MultiInstanceBody,

    /// <summary>One instance of a multi-instance activity: holds loopCounter and the element variable.</summary>
    MultiInstanceItem,
}

public enum ExecutionStatus
{
    /// <summary>Being moved by the current command.</summary>
    Active,

    /// <summary>Waiting for a task, job, timer, message, a join or its children.</summary>
    Waiting,
}

/// <summary>One execution: the root, a token, a scope or a multi-instance body or item (Camunda's execution tree, flat).</summary>
public sealed class ExecutionState
{
    public required string Id { get; set; }

    public string? ParentId { get; set; }

    public ExecutionKind Kind { get; set; }

    public ExecutionStatus Status { get; set; }

    /// <summary>The node the execution is at (null for the root).</summary>
    public string? NodeId { get; set; }

    /// <summary>Identifies this visit of the node, pairing its history start and end.</summary>
    public string? ActivityInstanceId { get; set; }

    /// <summary>The flow the token arrived by: what a parallel or inclusive join counts.</summary>
    public string? ArrivedVia { get; set; }

    public DateTimeOffset? EnteredAt { get; set; }

    /// <summary>Variables local to this execution (process variables on the root); null when none.</summary>
    public Dictionary<string, object?>? Variables { get; set; }

    /// <summary>A sequential multi-instance body's remaining collection.</summary>
    public List<object?>? Collection { get; set; }

    /// <summary>The instance a call activity started, while it runs.</summary>
    public string? CalledInstanceId { get; set; }

    /// <summary>Set after an asyncBefore job ran, so the node is not made async again.</summary>
    public bool AsyncBeforeDone { get; set; }
}
