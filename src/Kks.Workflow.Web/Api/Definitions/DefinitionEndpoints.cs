using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Api.Instances;
using Kks.Workflow.Web.Api.Variables;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.Definitions;

/// <summary>
/// Camunda's process-definition resource: list, count, get by id or latest by key, the BPMN XML, and start (by key:
/// the latest version; by id: exactly that version). Reading for the roles that read everything; starting for
/// admin and secretariat.
/// </summary>
internal static class DefinitionEndpoints
{
    public static RouteGroupBuilder MapProcessDefinitions(this RouteGroupBuilder rest)
    {
        rest.MapGet("/process-definition", ListAsync);
        rest.MapGet("/process-definition/count", CountAsync);
        rest.MapGet("/process-definition/key/{key}", async (string key, HttpContext http, WorkflowDbContext context, CancellationToken ct) =>
            Results.Json(await DtoAsync(context, await LatestAsync(http, context, key, ct).ConfigureAwait(false), ct).ConfigureAwait(false)));
        rest.MapGet("/process-definition/key/{key}/xml", async (string key, HttpContext http, WorkflowDbContext context, CancellationToken ct) =>
            await XmlAsync(context, await LatestAsync(http, context, key, ct).ConfigureAwait(false), ct).ConfigureAwait(false));
        rest.MapPost("/process-definition/key/{key}/start", async (string key, HttpContext http, WorkflowDbContext context, WorkflowRuntime runtime, EngineOptions engine, CancellationToken ct) =>
            await StartAsync(http, context, runtime, engine, await LatestAsync(http, context, key, ct).ConfigureAwait(false), ct).ConfigureAwait(false));
        rest.MapGet("/process-definition/{id}", async (string id, HttpContext http, WorkflowDbContext context, CancellationToken ct) =>
            Results.Json(await DtoAsync(context, await ByIdAsync(http, context, id, ct).ConfigureAwait(false), ct).ConfigureAwait(false)));
        rest.MapGet("/process-definition/{id}/xml", async (string id, HttpContext http, WorkflowDbContext context, CancellationToken ct) =>
            await XmlAsync(context, await ByIdAsync(http, context, id, ct).ConfigureAwait(false), ct).ConfigureAwait(false));
        rest.MapPost("/process-definition/{id}/start", async (string id, HttpContext http, WorkflowDbContext context, WorkflowRuntime runtime, EngineOptions engine, CancellationToken ct) =>
            await StartAsync(http, context, runtime, engine, await ByIdAsync(http, context, id, ct).ConfigureAwait(false), ct).ConfigureAwait(false));
        return rest;
    }

    private static IQueryable<ProcessDefinitionRecord> Filtered(HttpContext http, WorkflowDbContext context)
    {
        AccessPolicy.RequireReader(http.Caller());
        var request = http.Request;
        RestQuery.RejectUnknown(request.Query.Keys,
            ["processDefinitionId", "processDefinitionIdIn", "key", "keysIn", "keyLike", "name", "nameLike", "version", "deploymentId", "latestVersion", "suspended", "active"]);
        var query = context.ProcessDefinitions.AsNoTracking();
        if (RestQuery.Text(request, "processDefinitionId") is { } id)
        {
            query = query.Where(d => d.Id == id);
        }

        if (RestQuery.List(request, "processDefinitionIdIn") is { } ids)
        {
            query = query.Where(d => ids.Contains(d.Id));
        }

        if (RestQuery.Text(request, "key") is { } key)
        {
            query = query.Where(d => d.Key == key);
        }

        if (RestQuery.List(request, "keysIn") is { } keys)
        {
            query = query.Where(d => keys.Contains(d.Key));
        }

        if (RestQuery.Text(request, "keyLike") is { } keyLike)
        {
            query = query.Where(d => EF.Functions.Like(d.Key, keyLike));
        }

        if (RestQuery.Text(request, "name") is { } name)
        {
            query = query.Where(d => d.Name == name);
        }

        if (RestQuery.Text(request, "nameLike") is { } nameLike)
        {
            query = query.Where(d => d.Name != null && EF.Functions.Like(d.Name, nameLike));
        }

        if (RestQuery.Int(request, "version", min: 1) is { } version)
        {
            query = query.Where(d => d.Version == version);
        }

        if (RestQuery.Text(request, "deploymentId") is { } deploymentId)
        {
            query = query.Where(d => d.DeploymentId == deploymentId);
        }

        if (RestQuery.Bool(request, "latestVersion") == true)
        {
            var all = context.ProcessDefinitions;
            query = query.Where(d => d.Version == all.Where(x => x.Key == d.Key).Max(x => x.Version));
        }

        if (RestQuery.Bool(request, "suspended") == true || RestQuery.Bool(request, "active") == false)
        {
            // Nothing is ever suspended here.
            query = query.Where(_ => false);
        }

        return query;
    }

    private static async Task<IResult> ListAsync(HttpContext http, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        var query = Filtered(http, context);
        var (sortBy, descending) = RestQuery.Sort(http.Request, ["id", "key", "name", "version", "deploymentId", "deployTime"]);
        var (first, max) = RestQuery.Page(http.Request);
        query = sortBy switch
        {
            "key" => descending ? query.OrderByDescending(d => d.Key).ThenBy(d => d.Id) : query.OrderBy(d => d.Key).ThenBy(d => d.Id),
            "name" => descending ? query.OrderByDescending(d => d.Name).ThenBy(d => d.Id) : query.OrderBy(d => d.Name).ThenBy(d => d.Id),
            "version" => descending ? query.OrderByDescending(d => d.Version).ThenBy(d => d.Key) : query.OrderBy(d => d.Version).ThenBy(d => d.Key),
            "deploymentId" => descending ? query.OrderByDescending(d => d.DeploymentId).ThenBy(d => d.Id) : query.OrderBy(d => d.DeploymentId).ThenBy(d => d.Id),
            "deployTime" => descending ? query.OrderByDescending(d => d.DeployedAt).ThenBy(d => d.Id) : query.OrderBy(d => d.DeployedAt).ThenBy(d => d.Id),
            "id" when descending => query.OrderByDescending(d => d.Id),
            _ => query.OrderBy(d => d.Id),
        };
        var rows = await query.Skip(first).Take(max).ToListAsync(cancellationToken).ConfigureAwait(false);
        var legacy = rows.Where(d => d.ResourceName is null).Select(d => d.DeploymentId).Distinct().ToList();
        var names = await context.Deployments.AsNoTracking().Where(x => legacy.Contains(x.Id))
            .ToDictionaryAsync(x => x.Id, x => x.Name, cancellationToken).ConfigureAwait(false);
        return Results.Json(rows.Select(d => DefinitionDtos.Definition(d, names.GetValueOrDefault(d.DeploymentId))));
    }

    private static async Task<IResult> CountAsync(HttpContext http, WorkflowDbContext context, CancellationToken cancellationToken) =>
        Results.Json(new { count = await Filtered(http, context).CountAsync(cancellationToken).ConfigureAwait(false) });

    private static async Task<Dictionary<string, object?>> DtoAsync(WorkflowDbContext context, ProcessDefinitionRecord definition, CancellationToken cancellationToken)
    {
        var fallback = definition.ResourceName is null
            ? await context.Deployments.AsNoTracking().Where(x => x.Id == definition.DeploymentId).Select(x => x.Name).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : null;
        return DefinitionDtos.Definition(definition, fallback);
    }

    private static async Task<ProcessDefinitionRecord> ByIdAsync(HttpContext http, WorkflowDbContext context, string id, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireReader(http.Caller());
        return await context.ProcessDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false)
               ?? throw RestException.NotFound($"Definisi proses '{id}' tidak ditemukan.", $"No matching definition with id {id}.");
    }

    private static async Task<ProcessDefinitionRecord> LatestAsync(HttpContext http, WorkflowDbContext context, string key, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireReader(http.Caller());
        return await context.ProcessDefinitions.AsNoTracking().Where(d => d.Key == key).OrderByDescending(d => d.Version)
                   .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
               ?? throw RestException.NotFound($"Tidak ada definisi proses dengan kunci '{key}': terapkan (deploy) dulu berkasnya.",
                   $"No matching process definition with key: {key}.");
    }

    private static async Task<IResult> XmlAsync(WorkflowDbContext context, ProcessDefinitionRecord definition, CancellationToken cancellationToken)
    {
        var xml = await DeploymentService.XmlAsync(context, definition.DeploymentId, definition.ResourceName, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { id = definition.Id, bpmn20Xml = xml });
    }

    /// <summary>Starts exactly <paramref name="definition"/> with Camunda's StartProcessInstanceDto body.</summary>
    private static async Task<IResult> StartAsync(
        HttpContext http, WorkflowDbContext context, WorkflowRuntime runtime, EngineOptions engine, ProcessDefinitionRecord definition, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        AccessPolicy.RequireManager(caller);
        var body = await RestBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        var root = body;
        var variables = TypedVariables.Read(RestBody.Property(root, "variables"), engine.TimeZone);
        var businessKey = RestBody.String(root, "businessKey");
        var withVariables = RestBody.Bool(root, "withVariablesInReturn") ?? false;
        var outcome = await runtime.StartDefinitionAsync(definition.Id, variables, businessKey, caller.UserId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var instance = await context.ProcessInstances.AsNoTracking().FirstAsync(i => i.Id == outcome.InstanceId, cancellationToken).ConfigureAwait(false);
        return Results.Json(InstanceDtos.WithVariables(http.Request, instance, withVariables, engine.TimeZone));
    }
}
