using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Api.Variables;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.ExternalTasks;

/// <summary>
/// Camunda 7's external task API: workers fetch and lock tasks of their topics, then complete them, report a
/// failure or a BPMN error, extend or give up the lock. Admin only: a worker is a program that signs in as an admin
/// account (HTTP Basic; the Camunda clients' BasicAuthInterceptor). The lock lives in the jobs table's lock columns;
/// the job dispatcher never runs external tasks (its claim filters them out), only workers do.
/// </summary>
internal static class ExternalTaskEndpoints
{
    public static RouteGroupBuilder MapExternalTasks(this RouteGroupBuilder rest)
    {
        var tasks = rest.MapGroup("/external-task").WithTags("external-task");
        // A long poll waits for work without using the database: it holds no place in the request queue.
        tasks.MapPost("/fetchAndLock", FetchAndLockAsync).DisableRateLimiting();
        tasks.MapGet("", ListAsync);
        tasks.MapGet("/count", CountAsync);
        tasks.MapGet("/{id}", GetAsync);
        tasks.MapPost("/{id}/complete", CompleteAsync);
        tasks.MapPost("/{id}/failure", FailureAsync);
        tasks.MapPost("/{id}/bpmnError", BpmnErrorAsync);
        tasks.MapPost("/{id}/extendLock", ExtendLockAsync);
        tasks.MapPost("/{id}/unlock", UnlockAsync);
        return rest;
    }

    private static async Task<IResult> FetchAndLockAsync(HttpContext http, FetchAndLockRequest? body, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        var request = FetchRequest.From(body);
        var ids = await LongPoll.FetchAsync(Store(http), request, cancellationToken).ConfigureAwait(false);
        return RestJson.Result(await ExternalTaskViews.LockedAsync(http, ids, request, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> ListAsync(HttpContext http, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        return RestJson.Result(await ExternalTaskViews.ListAsync(http, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> CountAsync(HttpContext http, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        return RestJson.Result(new { count = await ExternalTaskViews.CountAsync(http, cancellationToken).ConfigureAwait(false) });
    }

    private static async Task<IResult> GetAsync(HttpContext http, string id, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        return RestJson.Result(await ExternalTaskViews.OneAsync(http, id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id));
    }

    private static async Task<IResult> CompleteAsync(HttpContext http, string id, CompleteRequest? body, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        AccessPolicy.RequireAdmin(caller);
        var zone = CamundaDates.Engine(http).TimeZone;
        var instanceId = await HolderAsync(Store(http), runtime, id, body?.WorkerId, "diselesaikan", "completed", cancellationToken).ConfigureAwait(false);
        var command = new CompleteJob(id, TypedVariables.Read(body?.Variables, zone), TypedVariables.Read(body?.LocalVariables, zone)) { UserId = caller.UserId };
        await runtime.ExecuteAsync(instanceId, command, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> FailureAsync(HttpContext http, string id, FailureRequest? body, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        AccessPolicy.RequireAdmin(caller);
        if (body?.Retries is < 0 || body?.RetryTimeout is < 0)
        {
            throw RestException.BadRequest("'retries' dan 'retryTimeout' (milidetik) tidak boleh negatif.", "'retries' and 'retryTimeout' (milliseconds) must not be negative.");
        }

        var instanceId = await HolderAsync(Store(http), runtime, id, body?.WorkerId, "digagalkan", "failed", cancellationToken).ConfigureAwait(false);
        var retries = body?.Retries ?? 0;
        var retryAfter = retries > 0 && body?.RetryTimeout is > 0 and var timeout ? TimeSpan.FromMilliseconds(timeout) : (TimeSpan?)null;
        var command = new FailJob(id, body?.ErrorMessage ?? "", retries, retryAfter) { ErrorDetails = body?.ErrorDetails, UserId = caller.UserId };
        await runtime.ExecuteAsync(instanceId, command, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> BpmnErrorAsync(HttpContext http, string id, BpmnErrorRequest? body, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        AccessPolicy.RequireAdmin(caller);
        if (string.IsNullOrWhiteSpace(body?.ErrorCode))
        {
            throw RestException.BadRequest("'errorCode' wajib diisi: kode galat BPMN yang ditangkap oleh peristiwa batas galat.", "'errorCode' is required: the BPMN error code an error boundary event catches.");
        }

        var instanceId = await HolderAsync(Store(http), runtime, id, body.WorkerId, "dilaporkan galat BPMN", "reported a BPMN error", cancellationToken).ConfigureAwait(false);
        var variables = TypedVariables.Read(body.Variables, CamundaDates.Engine(http).TimeZone);
        var command = new ThrowJobBpmnError(id, body.ErrorCode, body.ErrorMessage, variables) { UserId = caller.UserId };
        await runtime.ExecuteAsync(instanceId, command, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> ExtendLockAsync(HttpContext http, string id, ExtendLockRequest? body, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        if (body?.NewDuration is not > 0)
        {
            throw RestException.BadRequest("'newDuration' wajib diisi: lama kunci baru dalam milidetik, lebih dari 0.", "'newDuration' is required: the new lock duration in milliseconds, greater than 0.");
        }

        var workerId = RequireWorker(body.WorkerId);
        var store = Store(http);
        if (!await store.ExtendLockAsync(id, workerId, TimeSpan.FromMilliseconds(body.NewDuration.Value), cancellationToken).ConfigureAwait(false))
        {
            var job = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
            throw Violation(ExternalTaskStore.Check(job, workerId, runtime.Clock.GetUtcNow(), requireUnexpired: true), id, workerId, job?.LockOwner, "diperpanjang kuncinya", "have its lock extended");
        }

        return Results.NoContent();
    }

    private static async Task<IResult> UnlockAsync(HttpContext http, string id, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        return await Store(http).UnlockAsync(id, cancellationToken).ConfigureAwait(false) ? Results.NoContent() : throw NotFound(id);
    }

    /// <summary>Made per request (it holds nothing): the host's registrations stay as they are.</summary>
    internal static ExternalTaskStore Store(HttpContext http) =>
        new(http.RequestServices.GetRequiredService<DbContextOptions<WorkflowDbContext>>(), http.RequestServices.GetRequiredService<TimeProvider>());

    /// <summary>
    /// The task's instance when this worker holds its lock (Camunda lets the holder finish after the lock ran out, as
    /// long as no other worker fetched it). Checked before the command: a lock taken over in the instant between the
    /// check and the commit is not caught (the engine does not see locks), the same window Camunda's own check has
    /// between a lock expiring and the holder's late completion.
    /// </summary>
    private static async Task<string> HolderAsync(ExternalTaskStore store, WorkflowRuntime runtime, string id, string? workerId, string verbId, string verbEn, CancellationToken cancellationToken)
    {
        var worker = RequireWorker(workerId);
        var job = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
        var violation = ExternalTaskStore.Check(job, worker, runtime.Clock.GetUtcNow());
        return violation == LockViolation.None ? job!.InstanceId : throw Violation(violation, id, worker, job?.LockOwner, verbId, verbEn);
    }

    private static string RequireWorker(string? workerId) =>
        string.IsNullOrWhiteSpace(workerId)
            ? throw RestException.BadRequest("'workerId' wajib diisi: id pekerja yang mengunci tugas eksternal ini.", "'workerId' is required: the id of the worker that locked this external task.")
            : workerId;

    private static RestException Violation(LockViolation violation, string id, string workerId, string? owner, string verbId, string verbEn) => violation switch
    {
        LockViolation.NotFound => NotFound(id),
        LockViolation.NotLocked => BadUser(
            $"Tugas eksternal {id} tidak dapat {verbId} oleh pekerja '{workerId}': tugas itu tidak sedang dikunci. Ambil dulu dengan fetchAndLock.",
            $"External Task {id} cannot be {verbEn} by worker '{workerId}'. It is not locked. Fetch and lock it first."),
        LockViolation.Expired => BadUser(
            $"Kunci tugas eksternal {id} sudah habis: tidak dapat diperpanjang. Ambil lagi dengan fetchAndLock.",
            $"Cannot extend a lock that expired (external task {id}). Fetch and lock it again."),
        _ => BadUser(
            $"Tugas eksternal {id} tidak dapat {verbId} oleh pekerja '{workerId}': tugas itu dikunci oleh pekerja lain ('{owner}').",
            $"External Task {id} cannot be {verbEn} by worker '{workerId}'. It is locked by a different worker ('{owner}')."),
    };

    private static RestException BadUser(string indonesian, string english) => new(400, "BadUserRequestException", new BilingualText(indonesian, english));

    internal static RestException NotFound(string id) =>
        RestException.NotFound($"Tugas eksternal '{id}' tidak ada: mungkin sudah diselesaikan.", $"External task with id {id} does not exist: it may have been completed already.");
}
