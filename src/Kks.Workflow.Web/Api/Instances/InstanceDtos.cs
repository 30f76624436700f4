using Kks.Workflow.Engine;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api.Variables;

namespace Kks.Workflow.Web.Api.Instances;

/// <summary>Camunda's ProcessInstanceDto and ProcessInstanceWithVariablesDto.</summary>
internal static class InstanceDtos
{
    public static Dictionary<string, object?> Instance(HttpRequest request, ProcessInstanceRecord instance) => new()
    {
        ["links"] = new[] { EngineRest.Link(request, "GET", $"process-instance/{instance.Id}", "self") },
        ["id"] = instance.Id,
        ["definitionId"] = instance.DefinitionId,
        ["definitionKey"] = instance.ProcessKey,
        ["businessKey"] = instance.BusinessKey,
        ["caseInstanceId"] = null,
        ["ended"] = instance.EndedAt is not null,
        ["suspended"] = false,
        ["tenantId"] = null,
    };

    public static Dictionary<string, object?> WithVariables(HttpRequest request, ProcessInstanceRecord instance, bool withVariables, TimeZoneInfo zone)
    {
        var body = Instance(request, instance);
        body["variables"] = withVariables ? TypedVariables.Write(ProcessVariables(instance), zone) : null;
        return body;
    }

    /// <summary>The process variables: the root execution's, as Camunda's instance variables are.</summary>
    public static IReadOnlyDictionary<string, object?> ProcessVariables(ProcessInstanceRecord instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var state = InstanceStateJson.Deserialize(instance.StateJson);
        var root = state.Executions.Find(e => e.ParentId is null);
        return root?.Variables ?? new Dictionary<string, object?>();
    }
}
