using Kks.Workflow.Engine;
using Kks.Workflow.Engine.Model;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.Tasks;

/// <summary>camunda:formRef as Camunda's task JSON writes it.</summary>
public sealed record CamundaFormRefDto(string Key, string Binding, int? Version);

/// <summary>A task row with its instance's definition id (null when the instance row is gone).</summary>
public sealed record TaskWithDefinition(UserTaskRecord Task, string? DefinitionId);

/// <summary>A task as Camunda 7's REST API writes it (TaskDto); the case, delegation and tenant members are always null here.</summary>
public sealed record TaskDto(
    string Id,
    string? Name,
    string? Assignee,
    string? Owner,
    string Created,
    string? Due,
    string? FollowUp,
    string? DelegationState,
    string? Description,
    string ExecutionId,
    string? ParentTaskId,
    int Priority,
    string ProcessDefinitionId,
    string ProcessInstanceId,
    string TaskDefinitionKey,
    string? CaseExecutionId,
    string? CaseInstanceId,
    string? CaseDefinitionId,
    bool Suspended,
    string? FormKey,
    CamundaFormRefDto? CamundaFormRef,
    string? TenantId);

/// <summary>
/// Task rows to Camunda's JSON. The definition id comes from the task's instance row, the form from the deployed model
/// (cached, so a page costs one extra query). The description is evaluated when the task is created and lives in the
/// instance state: the single-task read passes it in; a list shows the model's documentation when it is plain text.
/// </summary>
internal static class TaskJson
{
    /// <summary>
    /// Each task with its instance's definition id, read in the page's one query (a second query for the page's
    /// instances cost as much as the page itself).
    /// </summary>
    public static IQueryable<TaskWithDefinition> WithDefinitions(WorkflowDbContext db, IQueryable<UserTaskRecord> page) =>
        page.Select(t => new TaskWithDefinition(t, db.ProcessInstances.Where(i => i.Id == t.InstanceId).Select(i => i.DefinitionId).FirstOrDefault()));

    public static async Task<List<TaskDto>> ManyAsync(WorkflowDbContext db, ProcessDefinitionCache cache, TimeZoneInfo zone, IReadOnlyList<TaskWithDefinition> tasks, CancellationToken cancellationToken)
    {
        var result = new List<TaskDto>(tasks.Count);
        foreach (var (task, definitionId) in tasks)
        {
            var node = await NodeAsync(db, cache, definitionId ?? "", task.NodeId, cancellationToken).ConfigureAwait(false);
            var documentation = node?.Documentation is { } doc && !doc.Contains("${", StringComparison.Ordinal) ? doc : null;
            result.Add(One(task, definitionId ?? "", node, documentation, zone));
        }

        return result;
    }

    public static async Task<TaskDto> OneAsync(WorkflowDbContext db, ProcessDefinitionCache cache, TimeZoneInfo zone, UserTaskRecord task, string? description, CancellationToken cancellationToken)
    {
        var definitionId = await db.ProcessInstances.AsNoTracking().Where(i => i.Id == task.InstanceId).Select(i => i.DefinitionId)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? "";
        var node = await NodeAsync(db, cache, definitionId, task.NodeId, cancellationToken).ConfigureAwait(false);
        return One(task, definitionId, node, description, zone);
    }

    private static TaskDto One(UserTaskRecord task, string definitionId, UserTask? node, string? description, TimeZoneInfo zone)
    {
        var form = node?.Form;
        var formRef = form?.FormRef is { } key
            ? new CamundaFormRefDto(key, form.FormRefBinding ?? "latest", int.TryParse(form.FormRefVersion, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null)
            : null;
        return new TaskDto(
            task.Id, task.Name, task.Assignee, task.Owner,
            CamundaDates.Format(task.CreatedAt, zone), CamundaDates.Format(task.DueAt, zone), CamundaDates.Format(task.FollowUpAt, zone),
            null, description, task.ExecutionId, null, task.Priority, definitionId, task.InstanceId, task.NodeId,
            null, null, null, false,
            form is null ? task.FormKey : form.FormKey, formRef, null);
    }

    private static async Task<UserTask?> NodeAsync(WorkflowDbContext db, ProcessDefinitionCache cache, string definitionId, string nodeId, CancellationToken cancellationToken)
    {
        if (definitionId.Length == 0)
        {
            return null;
        }

        try
        {
            var model = await cache.GetAsync(db, definitionId, cancellationToken).ConfigureAwait(false);
            return model.AllNodes.GetValueOrDefault(nodeId) as UserTask;
        }
        catch (EngineException)
        {
            // The definition's deployment was deleted under a running instance: the task still lists, without its form.
            return null;
        }
    }
}
