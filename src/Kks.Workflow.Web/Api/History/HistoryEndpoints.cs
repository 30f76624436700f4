namespace Kks.Workflow.Web.Api.History;

/// <summary>Camunda's history endpoints: read-only views over process_instances, history lines and historic_tasks.</summary>
internal static class HistoryEndpoints
{
    public static RouteGroupBuilder MapHistory(this RouteGroupBuilder rest)
    {
        var history = rest.MapGroup("/history").WithTags("history");
        history.MapGet("/process-instance", HistoricProcessInstances.ListAsync);
        history.MapGet("/process-instance/count", HistoricProcessInstances.CountAsync);
        history.MapGet("/process-instance/{id}", HistoricProcessInstances.GetAsync);
        history.MapGet("/activity-instance", HistoricActivityInstances.ListAsync);
        history.MapGet("/activity-instance/count", HistoricActivityInstances.CountAsync);
        history.MapGet("/task", HistoricTasks.ListAsync);
        history.MapGet("/task/count", HistoricTasks.CountAsync);
        history.MapGet("/variable-instance", HistoricVariables.ListAsync);
        return rest;
    }
}
