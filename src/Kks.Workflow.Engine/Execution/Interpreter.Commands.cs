using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Engine.Timers;

namespace Kks.Workflow.Engine.Execution;

/// <summary>The commands that act on an instance already running.</summary>
internal sealed partial class Interpreter
{
    public void Apply(EngineCommand command)
    {
        if (_state.IsEnded && command is not (Engine.SetVariables or RemoveVariables))
        {
            throw Refused(
                $"Proses '{_state.Id}' sudah selesai; tidak ada yang bisa dijalankan lagi.",
                $"Process instance '{_state.Id}' has already ended; nothing more can run in it.");
        }

        switch (command)
        {
            case CompleteTask c: CompleteUserTask(c); break;
            case ClaimTask c: Claim(c); break;
            case UnclaimTask c: Unclaim(c); break;
            case SetTaskAssignee c: Reassign(c); break;
            case UpdateTask c: Update(c); break;
            case FireTimer c: Fire(c); break;
            case CorrelateMessage c: Correlate(c); break;
            case CompleteJob c: CompleteJobCommand(c); break;
            case FailJob c: Fail(c); break;
            case ThrowJobBpmnError c: ThrowFromJob(c); break;
            case SetJobRetries c: SetRetries(c); break;
            case CompleteCallActivity c: ContinueCallActivity(GetExecution(c.ExecutionId), c.Variables); break;
            case PropagateCalledError c: ThrowError(GetExecution(c.ExecutionId), c.ErrorCode, c.ErrorMessage); Run(); break;
            case Engine.SetVariables c: SetVariables(c.ExecutionId is { } id ? GetExecution(id) : _state.Root, c.Variables, local: true); RecordVariables(c.Variables); break;
            case RemoveVariables c: Remove(c); break;
            case CancelInstance c: Cancel(c); break;
            default: throw new ArgumentException($"Unknown command {command.GetType().Name}", nameof(command));
        }
    }

    private UserTaskState Task(string id) =>
        _state.Tasks.Find(t => t.Id == id) ?? throw NotFound("Tugas", "Task", id);

    /// <summary>The task, as this command's own copy that it may change (see StateCopier.Own).</summary>
    private UserTaskState TaskToChange(string id) => StateCopier.Own(_state.Tasks, Task(id));

    private void CompleteUserTask(CompleteTask command)
    {
        var task = Task(command.TaskId);
        var execution = GetExecution(task.ExecutionId);
        var node = Node(execution);
        SetVariables(execution, command.LocalVariables, local: true);
        SetVariables(execution, command.Variables);
        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (command.Variables is not null)
        {
            foreach (var (name, value) in command.Variables)
            {
                data[name] = VariableValues.Normalize(value);
            }
        }

        _state.Tasks.Remove(task);
        Record(HistoryKind.TaskCompleted, execution, node, task.Id, data);
        Schedule(OperationKind.Leave, execution, node);
        Run();
    }

    private void Claim(ClaimTask command)
    {
        var task = TaskToChange(command.TaskId);
        if (task.Assignee is { } holder && holder != command.Assignee)
        {
            throw new TaskConflictException(new BilingualText(
                $"Tugas '{task.Name}' sudah diklaim oleh {holder}.",
                $"Task '{task.Name}' is already claimed by {holder}."));
        }

        task.Assignee = command.Assignee;
        task.Owner = command.Assignee;
        task.Revision++;
        Record(HistoryKind.TaskClaimed, GetExecution(task.ExecutionId), taskId: task.Id, data: new Dictionary<string, object?> { ["assignee"] = command.Assignee });
    }

    private void Unclaim(UnclaimTask command)
    {
        var task = TaskToChange(command.TaskId);
        task.Assignee = null;
        task.Revision++;
        Record(HistoryKind.TaskUnclaimed, GetExecution(task.ExecutionId), taskId: task.Id);
    }

    private void Reassign(SetTaskAssignee command)
    {
        var task = TaskToChange(command.TaskId);
        var before = task.Assignee;
        task.Assignee = command.Assignee;
        task.Revision++;
        Record(HistoryKind.TaskAssigned, GetExecution(task.ExecutionId), taskId: task.Id, data: new Dictionary<string, object?> { ["assignee"] = command.Assignee });
        if (!string.Equals(before, task.Assignee, StringComparison.Ordinal))
        {
            RearmDeadlineSteps(task);
        }
    }

    private void Update(UpdateTask command)
    {
        var task = TaskToChange(command.TaskId);
        var dueBefore = task.DueDate;
        var groupsBefore = task.CandidateGroups;
        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (command.Name is { } name)
        {
            task.Name = name;
            data["name"] = name;
        }

        if (command.DueDate is { } due || command.ClearDueDate)
        {
            task.DueDate = command.ClearDueDate ? null : command.DueDate;
            data["dueDate"] = task.DueDate;
        }

        if (command.FollowUpDate is { } || command.ClearFollowUpDate)
        {
            task.FollowUpDate = command.ClearFollowUpDate ? null : command.FollowUpDate;
            data["followUpDate"] = task.FollowUpDate;
        }

        if (command.Priority is { } priority)
        {
            task.Priority = priority;
            data["priority"] = (long)priority;
        }

        if (command.CandidateGroups is { } groups)
        {
            task.CandidateGroups = [.. groups];
            data["candidateGroups"] = groups.Cast<object?>().ToList();
        }

        if (command.CandidateUsers is { } users)
        {
            task.CandidateUsers = [.. users];
            data["candidateUsers"] = users.Cast<object?>().ToList();
        }

        data["reason"] = command.Reason;
        task.Revision++;
        Record(HistoryKind.TaskUpdated, GetExecution(task.ExecutionId), taskId: task.Id, data: data);
        if (task.DueDate != dueBefore || !task.CandidateGroups.ToHashSet(StringComparer.Ordinal).SetEquals(groupsBefore))
        {
            RearmDeadlineSteps(task);
        }
    }

    private void Fire(FireTimer command)
    {
        var timer = StateCopier.Own(_state.Timers, _state.Timers.Find(t => t.Id == command.TimerId) ?? throw NotFound("Timer", "Timer", command.TimerId));
        var execution = GetExecution(timer.ExecutionId);
        var node = _process.GetNode(timer.NodeId);
        timer.FiredCount++;
        Record(HistoryKind.TimerFired, execution, node, timer.TaskId, new Dictionary<string, object?> { ["timerId"] = timer.Id, ["firedCount"] = (long)timer.FiredCount });
        Rearm(timer);

        switch (timer.Purpose)
        {
            case TimerPurpose.CatchEvent:
                Schedule(OperationKind.Leave, execution, node);
                break;
            case TimerPurpose.Boundary:
                TriggerBoundary(execution, (BoundaryEvent)node);
                break;
            case TimerPurpose.EventGateway:
                TriggerEventGatewayBranch(execution, node);
                break;
            case TimerPurpose.TaskListener:
                var task = _state.Tasks.Find(t => t.Id == timer.TaskId) ?? throw NotFound("Tugas", "Task", timer.TaskId ?? "?");
                var listener = ((UserTask)node).TaskListeners.FirstOrDefault(l => l.Id == timer.ListenerId && l.Event == "timeout");
                _effects.Add(new TaskTimeoutFired(task, timer.ListenerId, listener?.DelegateExpression, timer.FiredCount));
                break;
            case TimerPurpose.Deadline:
                FireDeadlineStep(timer);
                break;
        }

        Run();
    }

    /// <summary>A repeating timer moves to its next due time; any other one is done.</summary>
    private void Rearm(TimerState timer)
    {
        var next = timer.TimerKind == TimerKind.Cycle
            ? TimerSchedule.Parse(timer.TimerKind, timer.Schedule).NextDue(timer.DueAt, timer.FiredCount, _options.TimeZone)
            : null;
        if (next is { } due && timer.Purpose is TimerPurpose.Boundary or TimerPurpose.TaskListener)
        {
            timer.DueAt = due;
            timer.Revision++;
        }
        else
        {
            _state.Timers.Remove(timer);
        }
    }

    private void Correlate(CorrelateMessage command)
    {
        var subscription = _state.Subscriptions.Find(s => s.Id == command.SubscriptionId)
            ?? throw NotFound("Langganan pesan", "Message subscription", command.SubscriptionId);
        var execution = GetExecution(subscription.ExecutionId);
        var node = _process.GetNode(subscription.NodeId);
        _state.Subscriptions.Remove(subscription);
        Record(HistoryKind.MessageCorrelated, execution, node, data: new Dictionary<string, object?> { ["messageName"] = subscription.MessageName });

        var target = subscription.Purpose == SubscriptionPurpose.Boundary && ((BoundaryEvent)node).CancelActivity is false
            ? Parent(execution)! : execution;
        SetVariables(target, command.Variables);

        switch (subscription.Purpose)
        {
            case SubscriptionPurpose.CatchEvent or SubscriptionPurpose.ReceiveTask:
                SetVariables(execution, command.LocalVariables, local: true);
                Schedule(OperationKind.Leave, execution, node);
                break;
            case SubscriptionPurpose.Boundary:
                var boundary = (BoundaryEvent)node;
                TriggerBoundary(execution, boundary);
                if (!boundary.CancelActivity)
                {
                    // A non-interrupting message boundary stays ready for the next message.
                    Subscribe(execution, boundary, boundary.Definition as MessageEventDefinition, SubscriptionPurpose.Boundary);
                }

                break;
            case SubscriptionPurpose.EventGateway:
                TriggerEventGatewayBranch(execution, node);
                break;
        }

        Run();
    }

    private JobState Job(string id) => _state.Jobs.Find(j => j.Id == id) ?? throw NotFound("Job", "Job", id);

    private JobState JobToChange(string id) => StateCopier.Own(_state.Jobs, Job(id));

    private void CompleteJobCommand(CompleteJob command)
    {
        var job = Job(command.JobId);
        var execution = GetExecution(job.ExecutionId);
        var node = _process.GetNode(job.NodeId);
        _state.Jobs.Remove(job);
        _state.Incidents.RemoveAll(i => i.JobId == job.Id);
        SetVariables(execution, command.LocalVariables, local: true);
        SetVariables(execution, command.Variables);
        Record(HistoryKind.JobCompleted, execution, node, data: new Dictionary<string, object?> { ["jobId"] = job.Id, ["kind"] = job.Kind.ToString() });
        execution.Status = ExecutionStatus.Active;
        switch (job.Kind)
        {
            case JobKind.AsyncBefore:
                execution.AsyncBeforeDone = true;
                Schedule(OperationKind.Enter, execution, node);
                break;
            case JobKind.AsyncAfter:
                execution.AsyncBeforeDone = true;
                Schedule(OperationKind.Leave, execution, node);
                break;
            default:
                Schedule(OperationKind.Leave, execution, node);
                break;
        }

        Run();
    }

    /// <summary>
    /// camunda:failedJobRetryTimeCycle: "R5/PT10M" waits 10 minutes before every retry; the list form
    /// "PT1M,PT5M,PT10M" waits the n-th interval before the n-th retry (the last one again after a retry reset).
    /// </summary>
    private DateTimeOffset? RetryCycleDueAt(JobState job)
    {
        if (_process.GetNode(job.NodeId) is not ServiceTask { RetryCycle: { } cycle } task || job.Retries == 0)
        {
            return null;
        }

        var slash = cycle.IndexOf('/', StringComparison.Ordinal);
        var intervals = (slash >= 0 ? cycle[(slash + 1)..] : cycle).Split(',', StringSplitOptions.TrimEntries);
        var failures = Math.Max(1, task.Retries - job.Retries);
        var interval = intervals[Math.Min(failures, intervals.Length) - 1];
        return IsoDuration.TryParse(interval, out var duration) ? duration.AddTo(_now, _options.TimeZone) : null;
    }

    private void Fail(FailJob command)
    {
        var job = JobToChange(command.JobId);
        job.Retries = Math.Max(0, command.Retries);
        job.ErrorMessage = command.ErrorMessage;
        job.ErrorDetails = command.ErrorDetails;
        job.DueAt = command.RetryAfter is { } delay ? _now + delay
            : job.Kind != JobKind.ExternalTask && RetryCycleDueAt(job) is { } cycleDue ? cycleDue
            : command.DefaultRetryAfter is { } fallback ? _now + fallback
            : null;
        job.Revision++;
        var execution = GetExecution(job.ExecutionId);
        Record(HistoryKind.JobFailed, execution, data: new Dictionary<string, object?> { ["jobId"] = job.Id, ["message"] = command.ErrorMessage, ["retries"] = (long)job.Retries });
        if (job.Retries == 0 && !_state.Incidents.Exists(i => i.JobId == job.Id))
        {
            _state.Incidents.Add(new IncidentState
            {
                Id = NewId(),
                ExecutionId = job.ExecutionId,
                NodeId = job.NodeId,
                Type = job.Kind == JobKind.ExternalTask ? "failedExternalTask" : "failedJob",
                JobId = job.Id,
                Message = command.ErrorMessage,
                Created = _now,
            });
            Record(HistoryKind.IncidentRaised, execution, data: new Dictionary<string, object?> { ["jobId"] = job.Id, ["message"] = command.ErrorMessage });
        }
    }

    private void SetRetries(SetJobRetries command)
    {
        var job = JobToChange(command.JobId);
        job.Retries = Math.Max(0, command.Retries);
        job.DueAt = null;
        job.Revision++;
        if (job.Retries > 0 && _state.Incidents.RemoveAll(i => i.JobId == job.Id) > 0)
        {
            Record(HistoryKind.IncidentResolved, GetExecution(job.ExecutionId), data: new Dictionary<string, object?> { ["jobId"] = job.Id });
        }
    }

    private void ThrowFromJob(ThrowJobBpmnError command)
    {
        var job = Job(command.JobId);
        var execution = GetExecution(job.ExecutionId);
        _state.Jobs.Remove(job);
        _state.Incidents.RemoveAll(i => i.JobId == job.Id);
        SetVariables(execution, command.Variables);
        ThrowError(execution, command.ErrorCode, command.ErrorMessage);
        Run();
    }

    private void Remove(RemoveVariables command)
    {
        var execution = command.ExecutionId is { } id ? GetExecution(id) : _state.Root;
        foreach (var name in command.Names)
        {
            if (execution.Variables?.ContainsKey(name) == true && WritableVariables(execution).Remove(name))
            {
                Record(HistoryKind.VariableRemoved, execution, data: new Dictionary<string, object?> { ["name"] = name });
            }
        }
    }

    private void RecordVariables(IReadOnlyDictionary<string, object?> variables) =>
        Record(HistoryKind.VariableSet, _state.Root, data: variables.ToDictionary(v => v.Key, v => VariableValues.Normalize(v.Value), StringComparer.Ordinal));

    private void Cancel(CancelInstance command) =>
        EndInstanceCancelled(command.Reason);

    private void EndInstanceCancelled(string? reason)
    {
        foreach (var task in _state.Tasks.ToList())
        {
            Record(HistoryKind.TaskCancelled, GetExecution(task.ExecutionId), taskId: task.Id, data: new Dictionary<string, object?> { ["reason"] = reason });
        }

        _state.Tasks.Clear();
        EndInstance(InstanceStatus.Cancelled);
    }
}
