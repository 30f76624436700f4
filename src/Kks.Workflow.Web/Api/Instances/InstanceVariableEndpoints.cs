using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Api.Variables;

namespace Kks.Workflow.Web.Api.Instances;

/// <summary>
/// An instance's process variables (the root execution's) in Camunda's typed form: read by whoever sees the instance,
/// changed (PUT, DELETE, POST modifications/deletions) by admin and secretariat, each change one engine command.
/// </summary>
internal static class InstanceVariableEndpoints
{
    public static RouteGroupBuilder MapInstanceVariables(this RouteGroupBuilder rest)
    {
        // deserializeValues is accepted and ignored: values here are never serialized Java objects.
        rest.MapGet("/process-instance/{id}/variables", async (string id, HttpContext http, WorkflowDbContext context, EngineOptions engine, CancellationToken ct) =>
        {
            var instance = await InstanceEndpoints.RunningAsync(http, context, id, ct).ConfigureAwait(false);
            return Results.Json(TypedVariables.Write(InstanceDtos.ProcessVariables(instance), engine.TimeZone));
        });
        rest.MapGet("/process-instance/{id}/variables/{name}", async (string id, string name, HttpContext http, WorkflowDbContext context, EngineOptions engine, CancellationToken ct) =>
        {
            var instance = await InstanceEndpoints.RunningAsync(http, context, id, ct).ConfigureAwait(false);
            return InstanceDtos.ProcessVariables(instance).TryGetValue(name, out var value)
                ? Results.Json(TypedVariables.WriteOne(value, engine.TimeZone))
                : throw RestException.NotFound($"Variabel '{name}' tidak ada di instans proses '{id}'.",
                    $"process instance variable with name {name} does not exist");
        });
        rest.MapPut("/process-instance/{id}/variables/{name}", async (string id, string name, HttpContext http, WorkflowDbContext context, WorkflowRuntime runtime, EngineOptions engine, CancellationToken ct) =>
        {
            var caller = await WriterAsync(http, context, id, ct).ConfigureAwait(false);
            var body = await RestBody.ReadAsync(http.Request, ct).ConfigureAwait(false)
                ?? throw RestException.BadRequest($"Kirim nilai variabel '{name}': {{\"value\": ..., \"type\": \"String\"}}.", $"Send the value of variable '{name}': {{\"value\": ..., \"type\": \"String\"}}.");
            var value = TypedVariables.ReadOne(name, body, engine.TimeZone);
            await runtime.ExecuteAsync(id, new SetVariables(new Dictionary<string, object?> { [name] = value }) { UserId = caller.UserId }, cancellationToken: ct).ConfigureAwait(false);
            return Results.NoContent();
        });
        rest.MapDelete("/process-instance/{id}/variables/{name}", async (string id, string name, HttpContext http, WorkflowDbContext context, WorkflowRuntime runtime, CancellationToken ct) =>
        {
            var caller = await WriterAsync(http, context, id, ct).ConfigureAwait(false);
            await runtime.ExecuteAsync(id, new RemoveVariables([name]) { UserId = caller.UserId }, cancellationToken: ct).ConfigureAwait(false);
            return Results.NoContent();
        });
        rest.MapPost("/process-instance/{id}/variables", ModifyAsync);
        return rest;
    }

    /// <summary>Camunda's PatchVariablesDto: <c>{"modifications": {name: typed}, "deletions": [names]}</c>, applied as one change.</summary>
    private static async Task<IResult> ModifyAsync(string id, HttpContext http, WorkflowDbContext context, WorkflowRuntime runtime, EngineOptions engine, CancellationToken cancellationToken)
    {
        var caller = await WriterAsync(http, context, id, cancellationToken).ConfigureAwait(false);
        var body = await RestBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        var root = body;
        var modifications = TypedVariables.Read(RestBody.Property(root, "modifications"), engine.TimeZone);
        var deletions = RestBody.Property(root, "deletions") switch
        {
            null => [],
            { ValueKind: JsonValueKind.Array } array when array.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                array.EnumerateArray().Select(e => e.GetString()!).ToList(),
            _ => throw RestException.BadRequest("'deletions' harus berupa larik nama variabel.", "'deletions' must be an array of variable names."),
        };
        // Deletions first, then modifications, as Camunda applies them; a name in both ends up set.
        if (deletions.Count > 0)
        {
            await runtime.ExecuteAsync(id, new RemoveVariables(deletions) { UserId = caller.UserId }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (modifications.Count > 0)
        {
            await runtime.ExecuteAsync(id, new SetVariables(modifications) { UserId = caller.UserId }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return Results.NoContent();
    }

    /// <summary>Seen (else 404) and allowed to change (else 403).</summary>
    private static async Task<Caller> WriterAsync(HttpContext http, WorkflowDbContext context, string id, CancellationToken cancellationToken)
    {
        await InstanceEndpoints.RunningAsync(http, context, id, cancellationToken).ConfigureAwait(false);
        var caller = http.Caller();
        AccessPolicy.RequireManager(caller);
        return caller;
    }
}
