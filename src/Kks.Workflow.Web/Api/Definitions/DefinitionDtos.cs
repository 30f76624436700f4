using Kks.Workflow.Persistence.Entities;

namespace Kks.Workflow.Web.Api.Definitions;

/// <summary>Camunda's ProcessDefinitionDto: what the engine does not have (category, tenants, version tags) is null.</summary>
internal static class DefinitionDtos
{
    public static Dictionary<string, object?> Definition(ProcessDefinitionRecord definition, string? fallbackResource = null) => new()
    {
        ["id"] = definition.Id,
        ["key"] = definition.Key,
        ["category"] = null,
        ["description"] = null,
        ["name"] = definition.Name,
        ["version"] = definition.Version,
        ["resource"] = definition.ResourceName ?? fallbackResource,
        ["deploymentId"] = definition.DeploymentId,
        ["diagram"] = null,
        ["suspended"] = false,
        ["tenantId"] = null,
        ["versionTag"] = null,
        ["historyTimeToLive"] = null,
        ["startableInTasklist"] = true,
    };
}
