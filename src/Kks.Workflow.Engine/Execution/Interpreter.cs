using System.Globalization;
using Kks.Workflow.Engine.Expressions;
using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine.Execution;

/// <summary>
/// Runs one command against one instance: an agenda of small operations (take a flow, enter a node,
/// execute it, leave it) processed until every token waits. Works on a private copy of the state, does
/// no I/O; everything it decides comes back as state, changed rows, effects and history.
/// </summary>
internal sealed partial class Interpreter
{
    private readonly ProcessModel _process;
    private readonly ProcessInstanceState _state;
    private readonly DateTimeOffset _now;
    private readonly EngineOptions _options;
    private readonly string? _userId;
    private readonly ExpressionEnvironment _environment;
    private readonly Queue<Operation> _agenda = new();
    private readonly Dictionary<string, ExecutionState> _executions;
    private readonly List<EngineEffect> _effects = [];
    private readonly List<HistoryEvent> _history = new(16);

    // Variable maps this command copied and may write; a command writes few, so a list scan is cheapest.
    private readonly List<Dictionary<string, object?>> _ownedVariables = new(4);

    public Interpreter(ProcessModel process, ProcessInstanceState state, DateTimeOffset now, EngineOptions options, string? userId)
    {
        _process = process;
        _state = state;
        _now = now;
        _options = options;
        _userId = userId;
        _environment = new ExpressionEnvironment(now, options.TimeZone, options.Calendar);
        _executions = new Dictionary<string, ExecutionState>(state.Executions.Count + 8, StringComparer.Ordinal);
        foreach (var execution in state.Executions)
        {
            _executions[execution.Id] = execution;
        }
    }

    public ProcessInstanceState State => _state;

    public IReadOnlyList<EngineEffect> Effects => _effects;

    public IReadOnlyList<HistoryEvent> History => _history;

    private enum OperationKind
    {
        TakeFlow,
        Enter,
        Execute,
        Leave,

        /// <summary>Enter a node whose event already happened (a catch event after an event-based gateway) and leave it.</summary>
        EnterTriggered,
    }

    private readonly record struct Operation(OperationKind Kind, ExecutionState Execution, FlowNode? Node, SequenceFlow? Flow);

    private void Schedule(OperationKind kind, ExecutionState execution, FlowNode? node = null, SequenceFlow? flow = null) =>
        _agenda.Enqueue(new Operation(kind, execution, node, flow));

    /// <summary>Processes the agenda until every token waits, including inclusive joins that become ready.</summary>
    public void Run()
    {
        do
        {
            while (_agenda.TryDequeue(out var op))
            {
                // An operation for an execution a later step removed (interrupted, terminated) is void.
                if (!_executions.ContainsKey(op.Execution.Id) || _state.IsEnded)
                {
                    continue;
                }

                switch (op.Kind)
                {
                    case OperationKind.TakeFlow:
                        TakeFlow(op.Execution, op.Flow!);
                        break;
                    case OperationKind.Enter:
                        Enter(op.Execution, op.Node!);
                        break;
                    case OperationKind.Execute:
                        Execute(op.Execution, op.Node!);
                        break;
                    case OperationKind.Leave:
                        Leave(op.Execution, op.Node!);
                        break;
                    case OperationKind.EnterTriggered:
                        StartActivityInstance(op.Execution, op.Node!);
                        Leave(op.Execution, op.Node!);
                        break;
                }
            }
        }
        while (!_state.IsEnded && ActivateReadyInclusiveJoins());
    }

    // ---- executions -------------------------------------------------------------------------

    private string NewId() => _state.Id + "-" + (++_state.Sequence).ToString(CultureInfo.InvariantCulture);

    private ExecutionState NewExecution(ExecutionState parent, ExecutionKind kind)
    {
        var execution = new ExecutionState { Id = NewId(), ParentId = parent.Id, Kind = kind, Status = ExecutionStatus.Active };
        _state.Executions.Add(execution);
        _executions[execution.Id] = execution;
        return execution;
    }

    private void RemoveExecution(ExecutionState execution)
    {
        _executions.Remove(execution.Id);
        _state.Executions.Remove(execution);
    }

    internal ExecutionState GetExecution(string id) =>
        _executions.TryGetValue(id, out var execution)
            ? execution
            : throw NotFound("Eksekusi", "Execution", id);

    private ExecutionState? Parent(ExecutionState execution) =>
        execution.ParentId is { } parentId && _executions.TryGetValue(parentId, out var parent) ? parent : null;

    private List<ExecutionState> Children(ExecutionState execution)
    {
        var children = new List<ExecutionState>();
        foreach (var candidate in _state.Executions)
        {
            if (candidate.ParentId == execution.Id)
            {
                children.Add(candidate);
            }
        }

        return children;
    }

    private bool HasChildren(ExecutionState execution)
    {
        foreach (var candidate in _state.Executions)
        {
            if (candidate.ParentId == execution.Id)
            {
                return true;
            }
        }

        return false;
    }

    private FlowNode Node(ExecutionState execution) =>
        execution.NodeId is { } id ? _process.GetNode(id) : throw new InvalidOperationException($"Execution {execution.Id} is at no node.");

    // ---- history ------------------------------------------------------------------------------

    private void Record(HistoryKind kind, ExecutionState? execution = null, FlowNode? node = null, string? taskId = null, IReadOnlyDictionary<string, object?>? data = null) =>
        _history.Add(new HistoryEvent(kind, _now, _state.Id, execution?.Id, node?.Id ?? execution?.NodeId, execution?.ActivityInstanceId)
        {
            NodeType = node?.ElementType,
            NodeName = node?.Name,
            TaskId = taskId,
            UserId = _userId,
            Data = data,
        });

    private void StartActivityInstance(ExecutionState execution, FlowNode node)
    {
        execution.NodeId = node.Id;
        execution.ActivityInstanceId = node.Id + ":" + NewId();
        execution.EnteredAt = _now;
        Record(HistoryKind.ActivityStarted, execution, node);
    }

    // ---- errors -------------------------------------------------------------------------------

    internal static EngineException NotFound(string whatId, string whatEn, string id) =>
        new(new BilingualText($"{whatId} '{id}' tidak ditemukan.", $"{whatEn} '{id}' was not found."));

    internal static EngineException Refused(string indonesian, string english) => new(new BilingualText(indonesian, english));

    private static string Describe(FlowNode node) => node.Name is { Length: > 0 } name ? $"'{name}' ({node.Id})" : $"'{node.Id}'";
}
