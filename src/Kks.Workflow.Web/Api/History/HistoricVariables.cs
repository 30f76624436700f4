using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Api.Variables;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.History;

/// <summary>Camunda's HistoricVariableInstanceDto.</summary>
public sealed record HistoricVariableInstanceDto(
    string Id,
    string Name,
    string Type,
    object? Value,
    IReadOnlyDictionary<string, object?> ValueInfo,
    string ProcessDefinitionKey,
    string ProcessDefinitionId,
    string ProcessInstanceId,
    string ExecutionId,
    string ActivityInstanceId,
    string? TaskId,
    string? TenantId,
    string? ErrorMessage,
    string State,
    string? CreateTime,
    string? RemovalTime,
    string RootProcessInstanceId);

/// <summary>
/// GET /history/variable-instance?processInstanceId=...: the process variables' current (or final) values, read
/// from the instance's state; the engine keeps no per-variable history rows, so earlier values are not listed.
/// </summary>
internal static class HistoricVariables
{
    public static async Task<IResult> ListAsync(HttpContext http, WorkflowDbContext db, CancellationToken cancellationToken)
    {
        var query = HistoryQuery.From(http);
        var instanceId = query.Text("processInstanceId")
            ?? throw RestException.BadRequest(
                "Parameter 'processInstanceId' wajib: riwayat variabel dibaca per instans proses.",
                "Parameter 'processInstanceId' is required: variable history is read per process instance.");
        var name = query.Text("variableName");
        var paging = query.Paging();
        var instance = await AccessPolicy.HistoricInstances(db, http.Caller()).AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            // A list answers empty for an instance out of reach, as for one that does not exist.
            return Results.Json(Array.Empty<HistoricVariableInstanceDto>());
        }

        var root = InstanceStateJson.Deserialize(instance.StateJson).Root;
        var rows = (root.Variables ?? [])
            .Where(v => name is null || v.Key == name)
            .OrderBy(v => v.Key, StringComparer.Ordinal)
            .Select(v =>
            {
                var typed = TypedVariables.WriteOne(v.Value, query.Zone);
                return new HistoricVariableInstanceDto(
                    instance.Id + ":" + v.Key, v.Key, typed.Type, typed.Value, typed.ValueInfo, instance.ProcessKey, instance.DefinitionId,
                    instance.Id, root.Id, instance.Id, null, null, null, "CREATED", query.Format(instance.StartedAt), null, instance.Id);
            })
            .Skip(paging.First).Take(paging.Max)
            .ToList();
        return Results.Json(rows);
    }
}
