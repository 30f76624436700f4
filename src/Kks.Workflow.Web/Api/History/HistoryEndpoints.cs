namespace Kks.Workflow.Web.Api.History;

internal static class HistoryEndpoints
{
    public static RouteGroupBuilder MapHistory(this RouteGroupBuilder rest) => rest;
}
