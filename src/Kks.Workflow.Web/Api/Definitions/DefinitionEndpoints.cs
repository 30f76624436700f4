namespace Kks.Workflow.Web.Api.Definitions;

internal static class DefinitionEndpoints
{
    public static RouteGroupBuilder MapProcessDefinitions(this RouteGroupBuilder rest) => rest;
}
