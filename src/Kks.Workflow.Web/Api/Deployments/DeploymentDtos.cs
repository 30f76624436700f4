using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api.Definitions;

namespace Kks.Workflow.Web.Api.Deployments;

/// <summary>Camunda's DeploymentDto (and, with the definitions, DeploymentWithDefinitionsDto).</summary>
internal static class DeploymentDtos
{
    public static Dictionary<string, object?> Deployment(HttpRequest request, DeploymentRecord deployment, TimeZoneInfo zone, string? source = null) => new()
    {
        ["links"] = new[] { EngineRest.Link(request, "GET", $"deployment/{deployment.Id}", "self") },
        ["id"] = deployment.Id,
        ["name"] = deployment.Name,
        ["source"] = source,
        ["deploymentTime"] = CamundaDates.Format(deployment.DeployedAt, zone),
        ["processApplicationId"] = null,
        ["tenantId"] = null,
    };

    public static Dictionary<string, object?> WithDefinitions(
        HttpRequest request, DeploymentRecord deployment, IReadOnlyList<ProcessDefinitionRecord> definitions, TimeZoneInfo zone, string? source)
    {
        var body = Deployment(request, deployment, zone, source);
        // Camunda writes null, not an empty map, when the deployment made no definition of a kind.
        body["deployedProcessDefinitions"] = definitions.Count == 0
            ? null
            : definitions.ToDictionary(d => d.Id, d => (object?)DefinitionDtos.Definition(d));
        body["deployedCaseDefinitions"] = null;
        body["deployedDecisionDefinitions"] = null;
        body["deployedDecisionRequirementsDefinitions"] = null;
        return body;
    }
}
