using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Api.Access;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.Jobs;

/// <summary>Camunda's JobDto.</summary>
internal sealed record JobDto(
    string Id, string? JobDefinitionId, string ProcessInstanceId, string? ProcessDefinitionId, string? ProcessDefinitionKey, string? ExecutionId,
    string? ExceptionMessage, string? FailedActivityId, int Retries, string? DueDate, bool Suspended, long Priority, string? TenantId, string? CreateTime, string? BatchId);

/// <summary>
/// Camunda's job API, timers included (in Camunda a timer is a job): readers (admin, secretariat, leaders) list and
/// read; only admin runs a job now or sets its retries (the "retry" of an incident).
/// </summary>
internal static class JobEndpoints
{
    public static RouteGroupBuilder MapJobs(this RouteGroupBuilder rest)
    {
        var jobs = rest.MapGroup("/job").WithTags("job");
        jobs.MapGet("", ListAsync);
        jobs.MapGet("/count", CountAsync);
        jobs.MapGet("/{id}", GetAsync);
        jobs.MapPost("/{id}/execute", ExecuteAsync);
        jobs.MapPut("/{id}/retries", SetRetriesAsync);
        rest.MapPut("/external-task/{id}/retries", SetRetriesAsync).WithTags("external-task");
        rest.MapIncidents();
        return rest;
    }

    private static async Task<IResult> ListAsync(HttpContext http, WorkflowDbContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireReader(http.Caller());
        var zone = CamundaDates.Engine(http).TimeZone;
        var rows = await JobRows.ListAsync(http.Request, context, clock.GetUtcNow(), zone, count: false, cancellationToken).ConfigureAwait(false);
        return RestJson.Result(await ToDtosAsync(context, rows, zone, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> CountAsync(HttpContext http, WorkflowDbContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireReader(http.Caller());
        var rows = await JobRows.ListAsync(http.Request, context, clock.GetUtcNow(), CamundaDates.Engine(http).TimeZone, count: true, cancellationToken).ConfigureAwait(false);
        return RestJson.Result(new { count = rows.Count });
    }

    private static async Task<IResult> GetAsync(HttpContext http, string id, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireReader(http.Caller());
        var zone = CamundaDates.Engine(http).TimeZone;
        var row = await FindAsync(context, id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        return RestJson.Result((await ToDtosAsync(context, [row], zone, cancellationToken).ConfigureAwait(false)).Single());
    }

    /// <summary>Runs the job now: a timer fires, an async continuation moves on, a handler runs (its failure counts as a failed attempt).</summary>
    private static async Task<IResult> ExecuteAsync(HttpContext http, string id, WorkflowDbContext context, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        AccessPolicy.RequireAdmin(caller);
        var row = await FindAsync(context, id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        if (row.IsTimer)
        {
            await runtime.FireTimerAsync(id, cancellationToken).ConfigureAwait(false);
            return Results.NoContent();
        }

        var job = await context.Jobs.AsNoTracking().SingleAsync(j => j.Id == id, cancellationToken).ConfigureAwait(false);
        if (job.Kind != nameof(JobKind.Handler))
        {
            await runtime.ExecuteAsync(job.InstanceId, new CompleteJob(id) { UserId = caller.UserId }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return Results.NoContent();
        }

        var instance = (await InstanceStates.LoadAsync(context, [job.InstanceId], cancellationToken).ConfigureAwait(false))[job.InstanceId];
        var state = instance.State.Jobs.Find(j => j.Id == id) ?? throw NotFound(id);
        var handler = http.RequestServices.GetRequiredService<ServiceTaskHandlerRegistry>().Find(job.HandlerName)
                      ?? throw RestException.BadRequest($"Penangan '{job.HandlerName}' tidak terdaftar di server ini.", $"Handler '{job.HandlerName}' is not registered on this server.");
        EngineCommand outcome;
        string? failure = null;
        try
        {
            outcome = new CompleteJob(id, await handler.ExecuteAsync(state, instance.State, cancellationToken).ConfigureAwait(false)) { UserId = caller.UserId };
        }
        catch (BpmnErrorException error)
        {
            outcome = new ThrowJobBpmnError(id, error.ErrorCode, error.Message) { UserId = caller.UserId };
        }
#pragma warning disable CA1031 // The handler's failure is a failed attempt, recorded on the job, and reported to the caller below.
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            failure = error.Message;
            outcome = new FailJob(id, error.Message, Math.Max(0, job.Retries - 1)) { ErrorDetails = error.ToString(), UserId = caller.UserId };
        }

        await runtime.ExecuteAsync(job.InstanceId, outcome, cancellationToken: cancellationToken).ConfigureAwait(false);
        return failure is null
            ? Results.NoContent()
            : throw new RestException(500, "ProcessEngineException", new BilingualText($"Job gagal: {failure}", $"The job failed: {failure}"));
    }

    /// <summary>
    /// PUT /job/{id}/retries and /external-task/{id}/retries: above 0 the incident is resolved and the job runs (or is
    /// fetched) again. /job also takes an external task's id: its incident is listed with the id as configuration, and
    /// an operator retrying from the incident list should not need to know which of the two it was.
    /// </summary>
    private static async Task<IResult> SetRetriesAsync(HttpContext http, string id, JsonElement? body, WorkflowDbContext context, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        AccessPolicy.RequireAdmin(caller);
        if (body is not { ValueKind: JsonValueKind.Object } map || !map.TryGetProperty("retries", out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var retries) || retries < 0)
        {
            throw RestException.BadRequest("Kirim {\"retries\": n} dengan n bilangan bulat 0 atau lebih.", "Send {\"retries\": n} with n a whole number, 0 or more.");
        }

        var external = http.Request.Path.Value?.Contains("/external-task/", StringComparison.Ordinal) == true;
        var job = await context.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken).ConfigureAwait(false);
        if (job is null || (external && job.Kind != nameof(JobKind.ExternalTask)))
        {
            if (!external && await context.Timers.AnyAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false))
            {
                throw RestException.BadRequest("Timer tidak punya jumlah percobaan di mesin ini: jalankan dengan POST /job/{id}/execute.", "Timers have no retries in this engine: run it with POST /job/{id}/execute.");
            }

            throw external ? ExternalTasks.ExternalTaskEndpoints.NotFound(id) : NotFound(id);
        }

        await runtime.ExecuteAsync(job.InstanceId, new SetJobRetries(id, retries) { UserId = caller.UserId }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<JobRow?> FindAsync(WorkflowDbContext context, string id, CancellationToken cancellationToken) =>
        await context.Timers.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new JobRow(t.Id, t.InstanceId, t.NodeId, true, JobRows.TimerRetries, 0, t.DueAt, null, null))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
        ?? await context.Jobs.AsNoTracking().Where(j => j.Id == id && j.Kind != nameof(JobKind.ExternalTask))
            .Select(j => new JobRow(j.Id, j.InstanceId, j.NodeId, false, j.Retries, j.Priority, j.DueAt, j.ErrorMessage, j.CreatedAt))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);

    private static async Task<List<JobDto>> ToDtosAsync(WorkflowDbContext context, List<JobRow> rows, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var instances = await InstanceStates.LoadAsync(context, rows.Select(r => r.InstanceId), cancellationToken).ConfigureAwait(false);
        return rows.Select(r =>
        {
            instances.TryGetValue(r.InstanceId, out var instance);
            var executionId = r.IsTimer
                ? instance?.State.Timers.Find(t => t.Id == r.Id)?.ExecutionId
                : instance?.State.Jobs.Find(j => j.Id == r.Id)?.ExecutionId;
            return new JobDto(r.Id, null, r.InstanceId, instance?.DefinitionId, instance?.ProcessKey, executionId, r.ErrorMessage,
                r.ErrorMessage is null ? null : r.NodeId, r.Retries, CamundaDates.Format(r.DueAt, zone), false, r.Priority, null, CamundaDates.Format(r.CreatedAt, zone), null);
        }).ToList();
    }

    private static RestException NotFound(string id) =>
        RestException.NotFound($"Job '{id}' tidak ada: mungkin sudah dijalankan.", $"Job with id {id} does not exist: it may have run already.");
}
