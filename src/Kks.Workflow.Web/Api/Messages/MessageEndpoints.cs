using System.Text.Json;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Api.Variables;

namespace Kks.Workflow.Web.Api.Messages;

/// <summary>Camunda's CorrelationMessageDto. correlationKeys (correlation by variable values) and tenants are not supported: a request using them is a 400, not silently broader.</summary>
internal sealed record CorrelateRequest(
    string? MessageName,
    string? BusinessKey,
    string? ProcessInstanceId,
    JsonElement? ProcessVariables,
    JsonElement? ProcessVariablesLocal,
    JsonElement? CorrelationKeys,
    JsonElement? LocalCorrelationKeys,
    string? TenantId,
    bool? All,
    bool? ResultEnabled,
    bool? VariablesInResultEnabled);

/// <summary>POST /message: deliver a message to waiting instances or start a process by it. Managers only (admin, secretariat).</summary>
internal static class MessageEndpoints
{
    public static RouteGroupBuilder MapMessages(this RouteGroupBuilder rest)
    {
        rest.MapPost("/message", CorrelateAsync).WithTags("message");
        return rest;
    }

    private static async Task<IResult> CorrelateAsync(HttpContext http, CorrelateRequest? body, WorkflowRuntime runtime, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireManager(http.Caller());
        if (string.IsNullOrWhiteSpace(body?.MessageName))
        {
            throw RestException.BadRequest("'messageName' wajib diisi: nama pesan seperti pada model BPMN.", "'messageName' is required: the message name as in the BPMN model.");
        }

        Unsupported(body.CorrelationKeys, "correlationKeys");
        Unsupported(body.LocalCorrelationKeys, "localCorrelationKeys");
        Unsupported(body.ProcessVariablesLocal, "processVariablesLocal");
        if (body.TenantId is not null)
        {
            throw RestException.BadRequest("'tenantId' tidak didukung: mesin ini tidak memakai tenant.", "'tenantId' is not supported: this engine has no tenants.");
        }

        var zone = CamundaDates.Engine(http).TimeZone;
        var variables = TypedVariables.Read(body.ProcessVariables, zone);
        var result = await runtime.CorrelateMessageAsync(body.MessageName, body.BusinessKey, body.ProcessInstanceId, variables.Count == 0 ? null : variables, body.All == true, cancellationToken)
            .ConfigureAwait(false);
        if (body.ResultEnabled != true && body.VariablesInResultEnabled != true)
        {
            return Results.NoContent();
        }

        var instances = await InstanceStates.LoadAsync(context, result.Instances.Select(i => i.Outcome.InstanceId), cancellationToken).ConfigureAwait(false);
        var answer = new List<Dictionary<string, object?>>();
        foreach (var correlated in result.Instances)
        {
            var ended = correlated.Outcome.Status != "Active";
            instances.TryGetValue(correlated.Outcome.InstanceId, out var instance);
            var item = new Dictionary<string, object?>();
            if (correlated.Kind == MessageCorrelationKind.Started)
            {
                item["resultType"] = "ProcessDefinition";
                item["execution"] = null;
                item["processInstance"] = new Dictionary<string, object?>
                {
                    ["links"] = Array.Empty<object>(),
                    ["id"] = correlated.Outcome.InstanceId,
                    ["definitionId"] = instance?.DefinitionId,
                    ["definitionKey"] = instance?.ProcessKey,
                    ["businessKey"] = instance?.BusinessKey,
                    ["caseInstanceId"] = null,
                    ["ended"] = ended,
                    ["suspended"] = false,
                    ["tenantId"] = null,
                };
            }
            else
            {
                item["resultType"] = "Execution";
                item["processInstance"] = null;
                item["execution"] = new Dictionary<string, object?>
                {
                    ["id"] = instance?.State.Root.Id ?? correlated.Outcome.InstanceId,
                    ["processInstanceId"] = correlated.Outcome.InstanceId,
                    ["ended"] = ended,
                    ["tenantId"] = null,
                };
            }

            if (body.VariablesInResultEnabled == true)
            {
                item["variables"] = instance is null ? new Dictionary<string, VariableDto>() : TypedVariables.Write(instance.VisibleVariables(null), zone);
            }

            answer.Add(item);
        }

        return RestJson.Result(answer);
    }

    private static void Unsupported(JsonElement? value, string field)
    {
        if (value is { ValueKind: JsonValueKind.Object } map && map.EnumerateObject().Any())
        {
            throw RestException.BadRequest(
                $"'{field}' belum didukung: korelasikan dengan messageName, businessKey dan/atau processInstanceId.",
                $"'{field}' is not supported yet: correlate by messageName, businessKey and/or processInstanceId.");
        }
    }
}
