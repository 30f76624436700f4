using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api.Access;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.Jobs;

/// <summary>Camunda's IncidentDto. An incident here is never propagated from a called instance, so it is its own cause and root cause.</summary>
internal sealed record IncidentDto(
    string Id, string? ProcessDefinitionId, string ProcessInstanceId, string? ExecutionId, string IncidentTimestamp, string IncidentType,
    string ActivityId, string FailedActivityId, string CauseIncidentId, string RootCauseIncidentId, string? Configuration, string? TenantId,
    string? IncidentMessage, string? JobDefinitionId, string? Annotation);

/// <summary>GET /incident, /incident/count, /incident/{id}: readers (admin, secretariat, leaders). Resolve one with PUT /job/{id}/retries or /external-task/{id}/retries.</summary>
internal static class IncidentEndpoints
{
    private static readonly IReadOnlyList<string> SortFields = ["incidentId", "incidentTimestamp", "incidentType", "activityId", "processInstanceId", "configuration"];

    public static RouteGroupBuilder MapIncidents(this RouteGroupBuilder rest)
    {
        var incidents = rest.MapGroup("/incident").WithTags("incident");
        incidents.MapGet("", ListAsync);
        incidents.MapGet("/count", CountAsync);
        incidents.MapGet("/{id}", GetAsync);
        return rest;
    }

    private static async Task<IResult> ListAsync(HttpContext http, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireReader(http.Caller());
        var (first, max) = RestQuery.Page(http.Request);
        var rows = await Sorted(http.Request, Filtered(http.Request, context)).Skip(first).Take(max).ToListAsync(cancellationToken).ConfigureAwait(false);
        return RestJson.Result(await ToDtosAsync(http, context, rows, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> CountAsync(HttpContext http, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireReader(http.Caller());
        return RestJson.Result(new { count = await Filtered(http.Request, context).CountAsync(cancellationToken).ConfigureAwait(false) });
    }

    private static async Task<IResult> GetAsync(HttpContext http, string id, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireReader(http.Caller());
        var row = await context.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false)
                  ?? throw RestException.NotFound($"Insiden '{id}' tidak ada: mungkin sudah diselesaikan.", $"Incident with id {id} does not exist: it may have been resolved.");
        return RestJson.Result((await ToDtosAsync(http, context, [row], cancellationToken).ConfigureAwait(false)).Single());
    }

    private static IQueryable<IncidentRecord> Filtered(HttpRequest request, WorkflowDbContext context)
    {
        var query = context.Incidents.AsNoTracking();
        query = RestQuery.Text(request, "incidentId") is { } id ? query.Where(i => i.Id == id) : query;
        query = RestQuery.Text(request, "incidentType") is { } type ? query.Where(i => i.Type == type) : query;
        query = RestQuery.Text(request, "processInstanceId") is { } instance ? query.Where(i => i.InstanceId == instance) : query;
        query = RestQuery.Text(request, "activityId") is { } activity ? query.Where(i => i.NodeId == activity) : query;
        query = RestQuery.Text(request, "configuration") is { } job ? query.Where(i => i.JobId == job) : query;
        query = RestQuery.Text(request, "processDefinitionId") is { } definition
            ? query.Where(i => context.ProcessInstances.Any(p => p.Id == i.InstanceId && p.DefinitionId == definition))
            : query;
        if (RestQuery.List(request, "processDefinitionKeyIn") is { } keys)
        {
            query = query.Where(i => context.ProcessInstances.Any(p => p.Id == i.InstanceId && keys.Contains(p.ProcessKey)));
        }

        return query;
    }

    private static IQueryable<IncidentRecord> Sorted(HttpRequest request, IQueryable<IncidentRecord> query)
    {
        var (sortBy, descending) = RestQuery.Sort(request, [.. SortFields]);
        return (sortBy, descending) switch
        {
            ("incidentTimestamp", true) => query.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id),
            ("incidentType", false) => query.OrderBy(i => i.Type).ThenBy(i => i.Id),
            ("incidentType", true) => query.OrderByDescending(i => i.Type).ThenBy(i => i.Id),
            ("activityId", false) => query.OrderBy(i => i.NodeId).ThenBy(i => i.Id),
            ("activityId", true) => query.OrderByDescending(i => i.NodeId).ThenBy(i => i.Id),
            ("processInstanceId", false) => query.OrderBy(i => i.InstanceId).ThenBy(i => i.Id),
            ("processInstanceId", true) => query.OrderByDescending(i => i.InstanceId).ThenBy(i => i.Id),
            ("configuration", false) => query.OrderBy(i => i.JobId).ThenBy(i => i.Id),
            ("configuration", true) => query.OrderByDescending(i => i.JobId).ThenBy(i => i.Id),
            ("incidentId", false) => query.OrderBy(i => i.Id),
            ("incidentId", true) => query.OrderByDescending(i => i.Id),
            _ => query.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id),
        };
    }

    private static async Task<List<IncidentDto>> ToDtosAsync(HttpContext http, WorkflowDbContext context, List<IncidentRecord> rows, CancellationToken cancellationToken)
    {
        var zone = CamundaDates.Engine(http).TimeZone;
        var instances = await InstanceStates.LoadAsync(context, rows.Select(r => r.InstanceId), cancellationToken).ConfigureAwait(false);
        return rows.Select(r =>
        {
            instances.TryGetValue(r.InstanceId, out var instance);
            var executionId = instance?.State.Incidents.Find(i => i.Id == r.Id)?.ExecutionId;
            return new IncidentDto(r.Id, instance?.DefinitionId, r.InstanceId, executionId, CamundaDates.Format(r.CreatedAt, zone), r.Type,
                r.NodeId, r.NodeId, r.Id, r.Id, r.JobId, null, r.Message, null, null);
        }).ToList();
    }
}
