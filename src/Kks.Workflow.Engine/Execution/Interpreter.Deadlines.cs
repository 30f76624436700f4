using System.Globalization;
using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Engine.Timers;

namespace Kks.Workflow.Engine.Execution;

/// <summary>
/// The deadline ladder of a user task (kks:deadlinePolicy): one durable timer per step, armed when the task is
/// created, re-armed when its due date or candidate groups change, gone with the task (its execution's timers are
/// cancelled when the task completes or is cancelled).
/// </summary>
internal sealed partial class Interpreter
{
    /// <summary>
    /// Arms the steps still ahead of now. A task without a due date, or whose policy the host does not know (any
    /// more), gets no ladder; steps already past (a task created late, a due date moved) are skipped, never sent late.
    /// </summary>
    private void ArmDeadlineSteps(ExecutionState execution, UserTask node, UserTaskState task)
    {
        if (node.DeadlinePolicy is not { Length: > 0 } name || task.DueDate is not { } due
            || _options.DeadlinePolicies?.Find(name) is not { } policy)
        {
            return;
        }

        var localDue = TimeZoneInfo.ConvertTime(due, _options.TimeZone);
        for (var index = 0; index < policy.Steps.Count; index++)
        {
            var step = policy.Steps[index];
            var at = WorkingDays.StepTime(localDue, step.WorkingDaysFromDue, _options.Calendar, _options.TimeZone, _options.WorkingHours);
            if (at < _now)
            {
                continue;
            }

            _state.Timers.Add(new TimerState
            {
                Id = NewId(),
                ExecutionId = execution.Id,
                NodeId = node.Id,
                Purpose = TimerPurpose.Deadline,
                DueAt = at,
                TimerKind = TimerKind.Date,
                Schedule = at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                TaskId = task.Id,
                Deadline = new DeadlineTimerStep
                {
                    Policy = policy.Name,
                    StepIndex = index,
                    WorkingDaysFromDue = step.WorkingDaysFromDue,
                    To = [.. step.To],
                    Due = localDue,
                },
            });
        }
    }

    /// <summary>The due date or the groups changed: the old ladder goes, a new one is armed from the task as it is now.</summary>
    private void RearmDeadlineSteps(UserTaskState task)
    {
        _state.Timers.RemoveAll(t => t.Purpose == TimerPurpose.Deadline && t.TaskId == task.Id);
        if (_process.GetNode(task.NodeId) is UserTask node)
        {
            ArmDeadlineSteps(GetExecution(task.ExecutionId), node, task);
        }
    }

    private void FireDeadlineStep(TimerState timer)
    {
        var task = _state.Tasks.Find(t => t.Id == timer.TaskId) ?? throw NotFound("Tugas", "Task", timer.TaskId ?? "?");
        var step = timer.Deadline ?? throw new InvalidOperationException($"Deadline timer {timer.Id} has no step.");
        _effects.Add(new DeadlineStepFired(task, step.Policy, step.StepIndex, new DeadlineStep(step.WorkingDaysFromDue, step.To), step.Due));
    }
}
