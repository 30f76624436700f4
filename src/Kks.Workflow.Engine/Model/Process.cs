namespace Kks.Workflow.Engine.Model;

/// <summary>One executable (or not) bpmn:process of a definitions file.</summary>
public sealed class ProcessModel : IFlowScope
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    public string? Documentation { get; init; }

    public bool IsExecutable { get; init; }

    /// <summary>camunda:historyTimeToLive in days, when set.</summary>
    public int? HistoryTimeToLiveDays { get; init; }

    /// <summary>camunda:candidateStarterGroups: who may start it (empty: anyone allowed by role).</summary>
    public IReadOnlyList<string> CandidateStarterGroups { get; init; } = [];

    public IReadOnlyList<FlowNode> Nodes { get; internal set; } = [];

    public IReadOnlyList<SequenceFlow> Flows { get; internal set; } = [];

    public StartEvent? NoneStart { get; internal set; }

    /// <summary>Every node at any depth (sub-processes included), by id.</summary>
    public IReadOnlyDictionary<string, FlowNode> AllNodes { get; internal set; } = new Dictionary<string, FlowNode>();

    public IReadOnlyDictionary<string, SequenceFlow> AllFlows { get; internal set; } = new Dictionary<string, SequenceFlow>();

    /// <summary>Top-level start events with a timer (armed by the runtime at deployment) or a message.</summary>
    public IReadOnlyList<StartEvent> StartEvents => Nodes.OfType<StartEvent>().ToList();

    public FlowNode GetNode(string id) =>
        AllNodes.TryGetValue(id, out var node)
            ? node
            : throw new EngineException(new BilingualText(
                $"Elemen '{id}' tidak ada dalam proses '{Id}'.",
                $"Element '{id}' does not exist in process '{Id}'."));

    public override string ToString() => $"process '{Id}'";
}

/// <summary>The parsed content of one .bpmn file: its processes and the named messages, errors and escalations they use.</summary>
public sealed class BpmnDefinitions
{
    public required string Id { get; init; }

    public string? TargetNamespace { get; init; }

    /// <summary>The tool that wrote the file (exporter attribute), for messages.</summary>
    public string? Exporter { get; init; }

    public IReadOnlyList<ProcessModel> Processes { get; init; } = [];

    public IReadOnlyDictionary<string, MessageInfo> Messages { get; init; } = new Dictionary<string, MessageInfo>();

    public IReadOnlyDictionary<string, ErrorInfo> Errors { get; init; } = new Dictionary<string, ErrorInfo>();

    public IReadOnlyDictionary<string, EscalationInfo> Escalations { get; init; } = new Dictionary<string, EscalationInfo>();

    /// <summary>Elements and attributes the parser met that the engine does not execute: the validator reports each.</summary>
    public IReadOnlyList<UnsupportedConstruct> Unsupported { get; init; } = [];

    /// <summary>
    /// Faults the parser met that the model cannot hold (a flow to a missing node, a duplicate id, an expression that
    /// does not parse...). <see cref="BpmnValidator.Validate"/> reports them together with its own findings.
    /// </summary>
    public IReadOnlyList<ModelProblem> ParseProblems { get; init; } = [];

    /// <summary>The executable processes (those with isExecutable="true"), the ones a deployment registers.</summary>
    public IEnumerable<ProcessModel> ExecutableProcesses => Processes.Where(p => p.IsExecutable);
}

public sealed record MessageInfo(string Id, string Name);

public sealed record ErrorInfo(string Id, string? Name, string? ErrorCode);

public sealed record EscalationInfo(string Id, string? Name, string? EscalationCode);

/// <summary>Something in a file outside the executable subset, kept so the validator can name it precisely.</summary>
/// <param name="ElementId">The id of the element it is on (or the element itself); null when it has none.</param>
/// <param name="ElementName">The element's name, when it has one.</param>
/// <param name="Construct">What it is, e.g. "bpmn:scriptTask" or "camunda:class".</param>
/// <param name="Advice">A sentence that says what to use instead, starting with a verb (the validator puts it after the element's name).</param>
public sealed record UnsupportedConstruct(string? ElementId, string? ElementName, string Construct, BilingualText Advice)
{
    /// <summary>The process the element sits in (null for something outside every process).</summary>
    public string? ProcessId { get; init; }

    /// <summary>The element's BPMN type (e.g. "scriptTask"), so the message can say what the element is.</summary>
    public string? ElementType { get; init; }
}
