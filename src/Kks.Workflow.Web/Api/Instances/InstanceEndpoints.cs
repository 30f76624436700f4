namespace Kks.Workflow.Web.Api.Instances;

internal static class InstanceEndpoints
{
    public static RouteGroupBuilder MapProcessInstances(this RouteGroupBuilder rest) => rest;
}
