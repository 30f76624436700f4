namespace Kks.Workflow.Web.Api.Jobs;

internal static class JobEndpoints
{
    public static RouteGroupBuilder MapJobs(this RouteGroupBuilder rest) => rest;
}
