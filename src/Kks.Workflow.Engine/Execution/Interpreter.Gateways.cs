using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine.Execution;

internal sealed partial class Interpreter
{
    private void ExecuteGateway(ExecutionState execution, Gateway gateway)
    {
        switch (gateway.Kind)
        {
            case GatewayKind.Parallel when gateway.Incoming.Count > 1:
                JoinParallel(execution, gateway);
                break;
            case GatewayKind.Inclusive when gateway.Incoming.Count > 1:
                // Waits; ActivateReadyInclusiveJoins decides when nothing else can still arrive.
                execution.Status = ExecutionStatus.Waiting;
                break;
            case GatewayKind.EventBased:
                ArmEventGateway(execution, gateway);
                break;
            default:
                Schedule(OperationKind.Leave, execution, gateway);
                break;
        }
    }

    /// <summary>
    /// A parallel join fires when a token has arrived on every incoming flow (a second token on the same
    /// flow waits for the next round), consuming one token per flow.
    /// </summary>
    private void JoinParallel(ExecutionState arrived, Gateway gateway)
    {
        arrived.Status = ExecutionStatus.Waiting;
        var waiting = WaitingAt(arrived.ParentId, gateway);
        var chosen = new List<ExecutionState>(gateway.Incoming.Count);
        foreach (var flow in gateway.Incoming)
        {
            var token = waiting.Find(w => w.ArrivedVia == flow.Id);
            if (token is null)
            {
                return;
            }

            chosen.Add(token);
        }

        foreach (var token in chosen)
        {
            if (token != arrived)
            {
                Record(HistoryKind.ActivityCompleted, token, gateway);
                RemoveExecution(token);
            }
        }

        Schedule(OperationKind.Leave, arrived, gateway);
    }

    private List<ExecutionState> WaitingAt(string? scopeId, FlowNode gateway)
    {
        var waiting = new List<ExecutionState>();
        foreach (var execution in _state.Executions)
        {
            if (execution.ParentId == scopeId && execution.NodeId == gateway.Id && execution.Status == ExecutionStatus.Waiting)
            {
                waiting.Add(execution);
            }
        }

        return waiting;
    }

    private List<SequenceFlow> SelectGatewayFlows(ExecutionState execution, Gateway gateway)
    {
        switch (gateway.Kind)
        {
            case GatewayKind.Parallel:
                return [.. gateway.Outgoing];
            case GatewayKind.Exclusive:
                foreach (var flow in gateway.Outgoing)
                {
                    if (!flow.IsDefault && (flow.Condition is null || EvaluateCondition(flow.Condition, execution, flow)))
                    {
                        return [flow];
                    }
                }

                return gateway.DefaultFlow is { } defaultFlow ? [defaultFlow] : gateway.Outgoing.Count == 0 ? [] : throw NoFlowMatched(gateway);
            default:
                // Inclusive split: every flow whose condition holds, else the default (same rule as activities).
                return SelectActivityFlows(execution, gateway);
        }
    }

    private void ArmEventGateway(ExecutionState execution, Gateway gateway)
    {
        execution.Status = ExecutionStatus.Waiting;
        foreach (var flow in gateway.Outgoing)
        {
            switch (flow.Target)
            {
                case IntermediateCatchEvent { Definition: TimerEventDefinition timer } target:
                    ArmTimer(execution, target, timer, TimerPurpose.EventGateway);
                    break;
                case IntermediateCatchEvent { Definition: MessageEventDefinition message } target:
                    Subscribe(execution, target, message, SubscriptionPurpose.EventGateway);
                    break;
                case ReceiveTask receive:
                    Subscribe(execution, receive, receive.Message, SubscriptionPurpose.EventGateway);
                    break;
                default:
                    throw Refused(
                        $"Gateway berbasis peristiwa {Describe(gateway)} hanya boleh diikuti timer, pesan atau receive task, bukan {Describe(flow.Target)}.",
                        $"Event-based gateway {Describe(gateway)} may only be followed by timers, messages or receive tasks, not {Describe(flow.Target)}.");
            }
        }
    }

    /// <summary>
    /// An inclusive join fires when no token of its scope that is elsewhere can still reach it. Checked once
    /// the agenda is empty, so every token has moved as far as it can.
    /// </summary>
    private bool ActivateReadyInclusiveJoins()
    {
        foreach (var waiting in _state.Executions)
        {
            if (waiting.Status != ExecutionStatus.Waiting || waiting.NodeId is null
                || _process.GetNode(waiting.NodeId) is not Gateway { Kind: GatewayKind.Inclusive } gateway || gateway.Incoming.Count < 2)
            {
                continue;
            }

            var canStillArrive = false;
            foreach (var other in _state.Executions)
            {
                if (other.ParentId == waiting.ParentId && other.NodeId is { } at && at != gateway.Id
                    && Reachability.For(_process).CanReach(_process.GetNode(at), gateway))
                {
                    canStillArrive = true;
                    break;
                }
            }

            if (canStillArrive)
            {
                continue;
            }

            foreach (var token in WaitingAt(waiting.ParentId, gateway))
            {
                if (token != waiting)
                {
                    Record(HistoryKind.ActivityCompleted, token, gateway);
                    RemoveExecution(token);
                }
            }

            waiting.Status = ExecutionStatus.Active;
            Schedule(OperationKind.Leave, waiting, gateway);
            return true;
        }

        return false;
    }
}
