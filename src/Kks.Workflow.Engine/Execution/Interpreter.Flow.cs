using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine.Execution;

internal sealed partial class Interpreter
{
    /// <summary>Starts the instance at its none start event, or at the named start event.</summary>
    public void Start(StartInstance command)
    {
        var root = new ExecutionState { Id = _state.Id, Kind = ExecutionKind.Root, Status = ExecutionStatus.Waiting };
        _state.Executions.Add(root);
        _executions[root.Id] = root;
        _state.Status = InstanceStatus.Active;
        _state.StartedAt = _now;
        _state.StartedBy = _userId;
        Record(HistoryKind.InstanceStarted, root, data: command.Variables);
        SetVariables(root, command.Variables, local: true);

        StartEvent start;
        if (command.StartEventId is { } startId)
        {
            start = _process.GetNode(startId) as StartEvent is { } named && named.Scope == (IFlowScope)_process
                ? named
                : throw Refused(
                    $"'{startId}' bukan peristiwa mulai di tingkat atas proses '{_process.Id}'.",
                    $"'{startId}' is not a top-level start event of process '{_process.Id}'.");
        }
        else
        {
            start = _process.NoneStart ?? throw Refused(
                $"Proses '{_process.Id}' tidak punya peristiwa mulai biasa: mulai dengan pesan atau timer, atau tambahkan peristiwa mulai.",
                $"Process '{_process.Id}' has no none start event: start it by message or timer, or add a start event.");
        }

        var token = NewExecution(root, ExecutionKind.Token);
        Schedule(OperationKind.Enter, token, start);
        Run();
    }

    private void TakeFlow(ExecutionState execution, SequenceFlow flow)
    {
        execution.ArrivedVia = flow.Id;
        Enter(execution, flow.Target);
    }

    private void Enter(ExecutionState execution, FlowNode node)
    {
        execution.Status = ExecutionStatus.Active;

        // Resumed by its asyncBefore job: the activity instance began when the token arrived; don't start a second.
        if (!execution.AsyncBeforeDone || execution.NodeId != node.Id)
        {
            StartActivityInstance(execution, node);
        }

        if (node is Activity { MultiInstance: { } } activity && execution.Kind != ExecutionKind.MultiInstanceItem)
        {
            if (node.AsyncBefore && !execution.AsyncBeforeDone)
            {
                CreateAsyncJob(execution, node, JobKind.AsyncBefore);
                return;
            }

            execution.AsyncBeforeDone = false;
            StartMultiInstance(execution, activity);
            return;
        }

        if (node.AsyncBefore && !execution.AsyncBeforeDone)
        {
            CreateAsyncJob(execution, node, JobKind.AsyncBefore);
            return;
        }

        execution.AsyncBeforeDone = false;
        Execute(execution, node);
    }

    /// <summary>Does what the node does on arrival: wait (tasks, events, joins) or schedule its leaving.</summary>
    private void Execute(ExecutionState execution, FlowNode node)
    {
        ApplyInputs(execution, node);
        if (node is Activity activity && execution.Kind != ExecutionKind.MultiInstanceItem)
        {
            ArmBoundaryEvents(execution, activity);
        }

        switch (node)
        {
            case StartEvent or PassThroughTask or IntermediateThrowEvent or BoundaryEvent:
                Schedule(OperationKind.Leave, execution, node);
                break;
            case EndEvent end:
                ExecuteEndEvent(execution, end);
                break;
            case IntermediateCatchEvent catchEvent:
                ArmCatchEvent(execution, catchEvent);
                break;
            case UserTask userTask:
                CreateUserTask(execution, userTask);
                break;
            case ServiceTask serviceTask:
                CreateServiceJob(execution, serviceTask);
                break;
            case ReceiveTask receiveTask:
                Subscribe(execution, receiveTask, receiveTask.Message, SubscriptionPurpose.ReceiveTask);
                execution.Status = ExecutionStatus.Waiting;
                break;
            case SubProcess subProcess:
                StartSubProcess(execution, subProcess);
                break;
            case CallActivity callActivity:
                StartCallActivity(execution, callActivity);
                break;
            case Gateway gateway:
                ExecuteGateway(execution, gateway);
                break;
            default:
                throw Refused(
                    $"Elemen {Describe(node)} ({node.ElementType}) tidak dapat dijalankan oleh mesin ini.",
                    $"Element {Describe(node)} ({node.ElementType}) cannot be executed by this engine.");
        }
    }

    private void StartSubProcess(ExecutionState execution, SubProcess subProcess)
    {
        if (execution.Kind == ExecutionKind.Token)
        {
            execution.Kind = ExecutionKind.Scope;
        }

        execution.Status = ExecutionStatus.Waiting;
        var start = subProcess.NoneStart ?? throw Refused(
            $"Sub-proses {Describe(subProcess)} tidak punya peristiwa mulai: tambahkan satu di dalamnya.",
            $"Sub-process {Describe(subProcess)} has no start event: add one inside it.");
        var token = NewExecution(execution, ExecutionKind.Token);
        Schedule(OperationKind.Enter, token, start);
    }

    /// <summary>Ends the node's activity instance and moves the token on along the outgoing flows.</summary>
    private void Leave(ExecutionState execution, FlowNode node)
    {
        // The activity is over: its boundary events, task or job go before anything else. A multi-instance
        // item has no boundary events (the body holds them) but may hold its task's timeout-listener timers.
        if (node is Activity)
        {
            CancelWaitStates(execution);
        }

        if (node.AsyncAfter && !execution.AsyncBeforeDone && node is not Gateway)
        {
            // The flag is set by the asyncAfter job, so its second pass goes straight on.
            CreateAsyncJob(execution, node, JobKind.AsyncAfter);
            return;
        }

        execution.AsyncBeforeDone = false;
        ApplyOutputs(execution, node);

        Record(HistoryKind.ActivityCompleted, execution, node);
        if (execution.Kind == ExecutionKind.MultiInstanceItem)
        {
            CompleteMultiInstanceItem(execution);
            return;
        }

        // Leaving the node: its local variables (inputs, sub-process scope) end with it.
        execution.Variables = null;
        execution.Kind = ExecutionKind.Token;
        var flows = node is Gateway gateway ? SelectGatewayFlows(execution, gateway) : SelectActivityFlows(execution, node);
        TakeFlows(execution, flows);
    }

    private void TakeFlows(ExecutionState execution, List<SequenceFlow> flows)
    {
        if (flows.Count == 0)
        {
            EndToken(execution);
            return;
        }

        // Every sibling exists before any flow is taken (so the scope cannot look finished), and the
        // flows are taken in document order, as in Camunda.
        var parent = Parent(execution)!;
        var siblings = new ExecutionState[flows.Count];
        siblings[0] = execution;
        for (var i = 1; i < flows.Count; i++)
        {
            siblings[i] = NewExecution(parent, ExecutionKind.Token);
        }

        for (var i = 0; i < flows.Count; i++)
        {
            Schedule(OperationKind.TakeFlow, siblings[i], flow: flows[i]);
        }
    }

    /// <summary>
    /// Outgoing flows of a non-gateway node: every unconditional flow and every conditional one that holds
    /// (Camunda's implicit split); the default flow when none holds.
    /// </summary>
    private List<SequenceFlow> SelectActivityFlows(ExecutionState execution, FlowNode node)
    {
        var outgoing = node.Outgoing;
        var selected = new List<SequenceFlow>(outgoing.Count);
        SequenceFlow? defaultFlow = null;
        foreach (var flow in outgoing)
        {
            if (flow.IsDefault)
            {
                defaultFlow = flow;
            }
            else if (flow.Condition is null || EvaluateCondition(flow.Condition, execution, flow))
            {
                selected.Add(flow);
            }
        }

        if (selected.Count == 0 && defaultFlow is not null)
        {
            selected.Add(defaultFlow);
        }
        else if (selected.Count == 0 && outgoing.Count > 0)
        {
            throw NoFlowMatched(node);
        }

        return selected;
    }

    private static EngineException NoFlowMatched(FlowNode node) => Refused(
        $"Tidak ada alur keluar dari {Describe(node)} yang kondisinya terpenuhi: tambahkan alur default atau perbaiki kondisinya.",
        $"No outgoing flow of {Describe(node)} has a condition that holds: add a default flow or fix the conditions.");

    /// <summary>A token with nowhere to go ends; its scope may end with it.</summary>
    private void EndToken(ExecutionState execution)
    {
        var parent = Parent(execution);
        RemoveExecution(execution);
        if (parent is not null)
        {
            CompleteScopeIfDone(parent);
        }
    }

    /// <summary>A scope whose last token ended completes: the instance ends, or the sub-process is left.</summary>
    private void CompleteScopeIfDone(ExecutionState scope)
    {
        if (HasChildren(scope) || _state.IsEnded)
        {
            return;
        }

        switch (scope.Kind)
        {
            case ExecutionKind.Root:
                CompleteInstance();
                break;
            case ExecutionKind.Scope or ExecutionKind.MultiInstanceItem when Node(scope) is SubProcess subProcess:
                Schedule(OperationKind.Leave, scope, subProcess);
                break;
            default:
                // A multi-instance body with no items left is completed by CompleteMultiInstanceItem.
                break;
        }
    }

    private void CompleteInstance()
    {
        EndInstance(InstanceStatus.Completed);
        if (_state.SuperInstanceId is { } superInstance)
        {
            var variables = _state.Root.Variables is { } vars
                ? new Dictionary<string, object?>(vars, StringComparer.Ordinal)
                : new Dictionary<string, object?>(StringComparer.Ordinal);
            _effects.Add(new NotifyCaller(superInstance, _state.SuperExecutionId!, variables));
        }
    }

    private void EndInstance(InstanceStatus status)
    {
        var root = _state.Root;
        foreach (var execution in _state.Executions.ToList())
        {
            // Cancelling a scope cancels its children with it; don't cancel (and record) them a second time.
            if (execution != root && _executions.ContainsKey(execution.Id))
            {
                CancelExecution(execution, recordHistory: true);
            }
        }

        CancelWaitStates(root);
        _state.Status = status;
        _state.EndedAt = _now;
        root.Status = ExecutionStatus.Waiting;
        Record(status == InstanceStatus.Completed ? HistoryKind.InstanceCompleted : HistoryKind.InstanceCancelled, root);
        _effects.Add(new InstanceEnded(status));
        _agenda.Clear();
    }
}
