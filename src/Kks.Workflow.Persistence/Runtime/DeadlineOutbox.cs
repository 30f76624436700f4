using System.Globalization;
using Kks.Workflow.Engine;
using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Persistence.Runtime;

/// <summary>
/// A ladder step that fell due becomes a <c>deadline</c> outbox row (the mail contract of issue 7), written in the
/// firing command's transaction. Its key, <c>deadline:{taskId}:{due yyyyMMddHHmm}:{step index}</c>, is stable per
/// cause: a re-armed ladder for the same due date that meets a step already written writes nothing.
/// </summary>
internal static class DeadlineOutbox
{
    public const string Kind = "deadline";

    public static string Key(string taskId, DateTimeOffset due, int stepIndex) =>
        string.Create(CultureInfo.InvariantCulture, $"deadline:{taskId}:{due:yyyyMMddHHmm}:{stepIndex}");

    public static async Task WriteAsync(CommandUnit unit, ProcessInstanceState source, DeadlineStepFired fired, CancellationToken cancellationToken)
    {
        var key = Key(fired.Task.Id, fired.Due, fired.StepIndex);
        if (await unit.OutboxKeyExistsAsync(key, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        unit.Outbox(Kind, key, source.Id, new
        {
            policy = fired.Policy,
            step = fired.Step.Kind,
            workingDaysFromDue = fired.Step.WorkingDaysFromDue,
            to = fired.Step.To,
            taskId = fired.Task.Id,
            taskName = fired.Task.Name,
            taskDefinitionKey = fired.Task.NodeId,
            processInstanceId = source.Id,
            processDefinitionKey = source.ProcessKey,
            businessKey = source.BusinessKey,
            candidateGroups = fired.Task.CandidateGroups,
            assignee = fired.Task.Assignee,
            due = fired.Due,
        });
    }
}
