namespace Kks.Workflow.Web.Api.Tasks;

internal static class TaskEndpoints
{
    public static RouteGroupBuilder MapTasks(this RouteGroupBuilder rest) => rest;
}
