namespace Kks.Workflow.Web.Api.ExternalTasks;

internal static class ExternalTaskEndpoints
{
    public static RouteGroupBuilder MapExternalTasks(this RouteGroupBuilder rest) => rest;
}
