namespace Kks.Workflow.Web.Api.Deployments;

internal static class DeploymentEndpoints
{
    public static RouteGroupBuilder MapDeployments(this RouteGroupBuilder rest) => rest;
}
