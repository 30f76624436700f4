using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Engine.Timers;

namespace Kks.Workflow.Engine.Execution;

internal sealed partial class Interpreter
{
    // ---- arming -------------------------------------------------------------------------------

    private void ArmBoundaryEvents(ExecutionState execution, Activity activity)
    {
        foreach (var boundary in activity.BoundaryEvents)
        {
            switch (boundary.Definition)
            {
                case TimerEventDefinition timer:
                    ArmTimer(execution, boundary, timer, TimerPurpose.Boundary);
                    break;
                case MessageEventDefinition message:
                    Subscribe(execution, boundary, message, SubscriptionPurpose.Boundary);
                    break;
                default:
                    // Error and escalation boundaries are found when something is thrown; nothing to arm.
                    break;
            }
        }
    }

    private void ArmCatchEvent(ExecutionState execution, IntermediateCatchEvent catchEvent)
    {
        execution.Status = ExecutionStatus.Waiting;
        switch (catchEvent.Definition)
        {
            case TimerEventDefinition timer:
                ArmTimer(execution, catchEvent, timer, TimerPurpose.CatchEvent);
                break;
            case MessageEventDefinition message:
                Subscribe(execution, catchEvent, message, SubscriptionPurpose.CatchEvent);
                break;
            default:
                throw Refused(
                    $"Peristiwa tangkap {Describe(catchEvent)} harus berupa timer atau pesan.",
                    $"Catch event {Describe(catchEvent)} must be a timer or a message.");
        }
    }

    private TimerState? ArmTimer(ExecutionState execution, FlowNode node, TimerEventDefinition definition, TimerPurpose purpose, UserTaskState? task = null, TaskListener? listener = null)
    {
        var text = EvaluateString(definition.Text, execution, node) ?? string.Empty;
        if (!TimerSchedule.TryParse(definition.Kind, text, out var schedule, out var error))
        {
            throw InElement(node, new EngineException(error!));
        }

        var due = schedule!.FirstDue(_now, _options.TimeZone);
        if (due is null)
        {
            return null; // R0, or a cron that never matches: nothing will ever fire.
        }

        var timer = new TimerState
        {
            Id = NewId(),
            ExecutionId = execution.Id,
            NodeId = node.Id,
            Purpose = purpose,
            DueAt = due.Value,
            TimerKind = definition.Kind,
            Schedule = schedule.Text,
            TaskId = task?.Id,
            ListenerId = listener?.Id,
        };
        _state.Timers.Add(timer);
        return timer;
    }

    private void Subscribe(ExecutionState execution, FlowNode node, MessageEventDefinition? message, SubscriptionPurpose purpose)
    {
        var name = message?.MessageName is { } expression ? EvaluateString(expression, execution, node) : null;
        if (string.IsNullOrEmpty(name))
        {
            throw InElement(node, Refused(
                "pesan tanpa nama: pilih atau buat pesan (message) dengan nama.",
                "a message without a name: choose or create a message with a name."));
        }

        _state.Subscriptions.Add(new SubscriptionState
        {
            Id = NewId(),
            ExecutionId = execution.Id,
            NodeId = node.Id,
            Purpose = purpose,
            MessageName = name,
            Created = _now,
        });
    }

    // ---- cancelling -----------------------------------------------------------------------------

    /// <summary>Removes the tasks, timers, jobs, subscriptions and incidents attached to one execution.</summary>
    private void CancelWaitStates(ExecutionState execution, string? reason = null)
    {
        var id = execution.Id;
        for (var i = _state.Tasks.Count - 1; i >= 0; i--)
        {
            var task = _state.Tasks[i];
            if (task.ExecutionId == id)
            {
                _state.Tasks.RemoveAt(i);
                Record(HistoryKind.TaskCancelled, execution, taskId: task.Id, data: reason is null ? null : new Dictionary<string, object?> { ["reason"] = reason });
            }
        }

        _state.Timers.RemoveAll(t => t.ExecutionId == id);
        _state.Jobs.RemoveAll(j => j.ExecutionId == id);
        _state.Subscriptions.RemoveAll(s => s.ExecutionId == id);
        _state.Incidents.RemoveAll(i => i.ExecutionId == id);
        if (execution.CalledInstanceId is { } called)
        {
            _effects.Add(new CancelCalledProcess(called));
            execution.CalledInstanceId = null;
        }
    }

    /// <summary>Removes an execution and everything below it, recording their activities as cancelled.</summary>
    private void CancelExecution(ExecutionState execution, bool recordHistory)
    {
        foreach (var child in Children(execution))
        {
            CancelExecution(child, recordHistory);
        }

        CancelWaitStates(execution);
        if (recordHistory && execution.NodeId is not null)
        {
            Record(HistoryKind.ActivityCancelled, execution);
        }

        RemoveExecution(execution);
    }

    /// <summary>Cancels what runs inside an execution (children, task, job, timers) but keeps the execution itself.</summary>
    private void Interrupt(ExecutionState execution)
    {
        foreach (var child in Children(execution))
        {
            CancelExecution(child, recordHistory: true);
        }

        CancelWaitStates(execution);
        if (execution.NodeId is not null)
        {
            Record(HistoryKind.ActivityCancelled, execution);
        }

        execution.Variables = execution.Kind == ExecutionKind.Root ? execution.Variables : null;
        execution.Collection = null;
        if (execution.Kind != ExecutionKind.Root)
        {
            execution.Kind = ExecutionKind.Token;
        }
    }

    // ---- triggering -----------------------------------------------------------------------------

    /// <summary>A boundary event fires on the activity an execution is in.</summary>
    private void TriggerBoundary(ExecutionState activityExecution, BoundaryEvent boundary)
    {
        if (boundary.CancelActivity)
        {
            Interrupt(activityExecution);
            activityExecution.Status = ExecutionStatus.Active;
            activityExecution.ArrivedVia = null;
            Schedule(OperationKind.EnterTriggered, activityExecution, boundary);
        }
        else
        {
            var token = NewExecution(Parent(activityExecution)!, ExecutionKind.Token);
            Schedule(OperationKind.EnterTriggered, token, boundary);
        }
    }

    /// <summary>A timer or message after an event-based gateway fired: the other branches are withdrawn.</summary>
    private void TriggerEventGatewayBranch(ExecutionState gatewayExecution, FlowNode catchNode)
    {
        var gateway = Node(gatewayExecution);
        CancelWaitStates(gatewayExecution);
        Record(HistoryKind.ActivityCompleted, gatewayExecution, gateway);
        var flow = gateway.Outgoing.First(f => f.Target == catchNode);
        gatewayExecution.ArrivedVia = flow.Id;
        Schedule(OperationKind.EnterTriggered, gatewayExecution, catchNode);
    }

    // ---- end events, errors and escalations ------------------------------------------------------

    private void ExecuteEndEvent(ExecutionState execution, EndEvent end)
    {
        switch (end.Definition)
        {
            case TerminateEventDefinition:
                // The terminating token has completed: it goes first, so only the others count as cancelled.
                Record(HistoryKind.ActivityCompleted, execution, end);
                var terminated = Parent(execution)!;
                RemoveExecution(execution);
                Terminate(terminated);
                break;
            case ErrorEventDefinition error:
                Record(HistoryKind.ActivityCompleted, execution, end);
                ThrowError(execution, error.ErrorCode ?? string.Empty, null);
                break;
            case EscalationEventDefinition escalation:
                Record(HistoryKind.ActivityCompleted, execution, end);
                var code = escalation.EscalationCode ?? string.Empty;
                Record(HistoryKind.EscalationThrown, execution, end, data: new Dictionary<string, object?> { ["code"] = code });
                var parent = Parent(execution)!;
                RemoveExecution(execution);
                ThrowEscalation(parent, code);
                CompleteScopeIfDone(parent);
                break;
            default:
                Record(HistoryKind.ActivityCompleted, execution, end);
                EndToken(execution);
                break;
        }
    }

    /// <summary>Terminate end: every token of the scope ends now; the scope completes (the instance, at top level).</summary>
    private void Terminate(ExecutionState scope)
    {
        if (scope.Kind == ExecutionKind.Root)
        {
            CompleteInstance();
            return;
        }

        foreach (var child in Children(scope))
        {
            CancelExecution(child, recordHistory: true);
        }

        CompleteScopeIfDone(scope);
    }

    /// <summary>
    /// A BPMN error from an execution: the nearest enclosing activity with a matching error boundary catches
    /// it (interrupting); uncaught it goes to the calling instance, or ends the token like a none end event.
    /// </summary>
    private void ThrowError(ExecutionState from, string code, string? message)
    {
        Record(HistoryKind.ErrorThrown, from, data: new Dictionary<string, object?> { ["code"] = code, ["message"] = message });

        // An error end event's token has already completed; it must not be cancelled again with its scope.
        // (Parent lookups below still work: they go by ParentId.)
        if (from.NodeId is not null && Node(from) is EndEvent)
        {
            RemoveExecution(from);
        }

        if (FindCatcher<ErrorEventDefinition>(from, d => d.ErrorCode is null || d.ErrorCode == code) is var (catcher, boundary))
        {
            if (message is not null)
            {
                SetVariable(catcher, "errorMessage", message);
            }

            TriggerBoundary(catcher, boundary);
            return;
        }

        if (_state.SuperInstanceId is { } superInstance)
        {
            _effects.Add(new PropagateErrorToCaller(superInstance, _state.SuperExecutionId!, code, message));
            EndInstance(InstanceStatus.Completed);
            return;
        }

        // Uncaught, the token ends as at a none end event. Thrown by an activity (a worker's or handler's
        // error), the activity ends with it: its boundary timers and messages go, and a multi-instance item
        // counts as done, so the body does not wait for it forever.
        if (from.NodeId is not null && Node(from) is Activity)
        {
            CancelWaitStates(from);
            Record(HistoryKind.ActivityCompleted, from);
            if (from.Kind == ExecutionKind.MultiInstanceItem)
            {
                CompleteMultiInstanceItem(from);
                return;
            }
        }

        EndToken(from);
    }

    private void ThrowEscalation(ExecutionState from, string code)
    {
        if (FindCatcher<EscalationEventDefinition>(from, d => d.EscalationCode is null || d.EscalationCode == code) is var (catcher, boundary))
        {
            TriggerBoundary(catcher, boundary);
        }
    }

    /// <summary>
    /// The nearest enclosing activity (from the thrower outwards) with a boundary event that catches; a
    /// multi-instance item is skipped because its boundary events belong to the body.
    /// </summary>
    private (ExecutionState Activity, BoundaryEvent Boundary)? FindCatcher<T>(ExecutionState from, Func<T, bool> matches)
        where T : EventDefinition
    {
        for (var current = from; current is not null; current = Parent(current))
        {
            if (current.Kind is not (ExecutionKind.Root or ExecutionKind.MultiInstanceItem) && current.NodeId is not null
                && Node(current) is Activity activity && FindBoundary(activity, matches) is { } boundary)
            {
                return (current, boundary);
            }
        }

        return null;
    }

    private static BoundaryEvent? FindBoundary<T>(Activity activity, Func<T, bool> matches)
        where T : EventDefinition
    {
        // A boundary naming the code wins over a catch-all one, as in Camunda.
        BoundaryEvent? catchAll = null;
        foreach (var boundary in activity.BoundaryEvents)
        {
            if (boundary.Definition is T definition && matches(definition))
            {
                var isCatchAll = definition switch
                {
                    ErrorEventDefinition e => e.ErrorCode is null,
                    EscalationEventDefinition e => e.EscalationCode is null,
                    _ => false,
                };
                if (!isCatchAll)
                {
                    return boundary;
                }

                catchAll ??= boundary;
            }
        }

        return catchAll;
    }
}
