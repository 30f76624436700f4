namespace Kks.Workflow.Web.Api.Messages;

internal static class MessageEndpoints
{
    public static RouteGroupBuilder MapMessages(this RouteGroupBuilder rest) => rest;
}
