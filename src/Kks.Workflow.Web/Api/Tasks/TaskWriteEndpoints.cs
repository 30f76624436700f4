using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Api.Variables;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.Tasks;

/// <summary>
/// Claim, unclaim, assignee, complete and update. Who may: admin and secretariat anything; a focal point works the
/// tasks they see, for themselves only (claim or assign to someone else is 403, as is unclaiming or completing a task
/// another person holds); leaders read only (403). A task out of reach is a 404 before any of that.
/// </summary>
internal static class TaskWriteEndpoints
{
    public static RouteGroupBuilder MapTaskWrites(this RouteGroupBuilder rest)
    {
        rest.MapPost("/task/{id}/claim", ClaimAsync).AddEndpointFilter(EndedTaskIsConflictAsync);
        rest.MapPost("/task/{id}/unclaim", UnclaimAsync).AddEndpointFilter(EndedTaskIsConflictAsync);
        rest.MapPost("/task/{id}/assignee", AssigneeAsync).AddEndpointFilter(EndedTaskIsConflictAsync);
        rest.MapPost("/task/{id}/complete", CompleteAsync).AddEndpointFilter(EndedTaskIsConflictAsync);
        rest.MapPut("/task/{id}", UpdateAsync).AddEndpointFilter(EndedTaskIsConflictAsync);
        return rest;
    }

    /// <summary>
    /// A write on a task that ended (someone completed it first, or its instance moved on) is a lost race: 409 saying
    /// who finished it, not 404 as for a task that never existed (nor the 400 of a retry that found its instance ended). Only for a task the caller may see in history, so the
    /// answer reveals nothing a 404 would have hidden.
    /// </summary>
    private static async ValueTask<object?> EndedTaskIsConflictAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        // Also an engine refusal: a command retried after a conflict can find the instance already ended ("process ended").
        catch (Exception error) when (error is NotFoundException or RestException { Status: 404 } or EngineException)
        {
            var http = context.HttpContext;
            var id = http.GetRouteValue("id") as string;
            var db = http.RequestServices.GetRequiredService<WorkflowDbContext>();
            var ended = await AccessPolicy.HistoricTasks(db, http.Caller()).AsNoTracking()
                .Where(t => t.Id == id && t.EndedAt != null)
                .Select(t => new { t.CompletedBy, t.EndReason })
                .FirstOrDefaultAsync(http.RequestAborted).ConfigureAwait(false);
            if (ended is null)
            {
                throw;
            }

            throw ended.EndReason == HistoricTaskRecord.Completed
                ? new RestException(409, "TaskAlreadyCompletedException", new BilingualText(
                    $"Tugas '{id}' sudah diselesaikan oleh {ended.CompletedBy ?? "orang lain"} lebih dulu; muat ulang daftar tugas.",
                    $"Task '{id}' was already completed by {ended.CompletedBy ?? "someone else"}; reload the task list."))
                : new RestException(409, "TaskAlreadyCompletedException", new BilingualText(
                    $"Tugas '{id}' sudah berakhir (prosesnya berlanjut atau dibatalkan); muat ulang daftar tugas.",
                    $"Task '{id}' has ended (its process moved on or was cancelled); reload the task list."));
        }
    }

    private static async Task<IResult> ClaimAsync(string id, HttpContext http, WorkflowDbContext db, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        await AccessPolicy.TaskToWorkAsync(db, caller, id, cancellationToken).ConfigureAwait(false);
        var body = await RestBody.ObjectAsync(http.Request, "{\"userId\": \"budi\"}", cancellationToken).ConfigureAwait(false);
        var userId = RestBody.RequiredString(body, "userId", "{\"userId\": \"budi\"}");
        RequireSelfUnlessManager(caller, userId);
        await runtime.ClaimTaskAsync(id, userId, cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> UnclaimAsync(string id, HttpContext http, WorkflowDbContext db, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var task = await AccessPolicy.TaskToWorkAsync(db, caller, id, cancellationToken).ConfigureAwait(false);
        RequireNotHeldByOther(caller, task);
        await runtime.UnclaimTaskAsync(id, caller.UserId, cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    /// <summary>Camunda's setAssignee: replaces whoever holds the task (a null userId clears it). A focal point may only take it for themselves, and not from someone else.</summary>
    private static async Task<IResult> AssigneeAsync(string id, HttpContext http, WorkflowDbContext db, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var task = await AccessPolicy.TaskToWorkAsync(db, caller, id, cancellationToken).ConfigureAwait(false);
        var body = await RestBody.ObjectAsync(http.Request, "{\"userId\": \"budi\"}", cancellationToken).ConfigureAwait(false);
        if (!RestBody.Has(body, "userId"))
        {
            throw RestException.BadRequest("'userId' wajib ada: nama pengguna, atau null untuk mengosongkan.", "'userId' is required: a user name, or null to clear the assignee.");
        }

        var userId = RestBody.String(body, "userId");
        if (caller.ManagesAll)
        {
            await runtime.SetAssigneeAsync(id, userId, caller.UserId, cancellationToken).ConfigureAwait(false);
        }
        else if (userId is null)
        {
            RequireNotHeldByOther(caller, task);
            await runtime.UnclaimTaskAsync(id, caller.UserId, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            RequireSelfUnlessManager(caller, userId);
            // For themselves, a focal point's assign is a claim: it never takes a task from a colleague (409).
            await runtime.ClaimTaskAsync(id, userId, cancellationToken).ConfigureAwait(false);
        }

        return Results.NoContent();
    }

    /// <summary>
    /// Completes with <c>{"variables": {...}, "withVariablesInReturn": bool}</c>: 204, or 200 with the variables the task
    /// saw after completing. An <c>Idempotency-Key</c> header makes a retry safe: the same caller repeating the same key
    /// on the same task gets the first answer again instead of 404 (the key is stored scoped to caller and task, so it
    /// reveals nothing to anyone else).
    /// </summary>
    private static async Task<IResult> CompleteAsync(string id, HttpContext http, WorkflowDbContext db, WorkflowRuntime runtime, EngineOptions engine, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        var scopedKey = key.Length == 0 ? null : $"task-complete:{caller.UserId}:{id}:{key}";
        var body = await RestBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        var variables = TypedVariables.Read(RestBody.Property(body, "variables"), engine.TimeZone);
        var withVariables = RestBody.Flag(body, "withVariablesInReturn");

        UserTaskRecord task;
        try
        {
            task = await AccessPolicy.TaskToWorkAsync(db, caller, id, cancellationToken).ConfigureAwait(false);
        }
        catch (RestException gone) when (gone.Status == 404 && scopedKey is not null)
        {
            var replayed = await db.CommandResults.AsNoTracking().Where(r => r.IdempotencyKey == scopedKey).Select(r => r.InstanceId)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (replayed is null)
            {
                throw;
            }

            return await AnswerAsync(db, engine, replayed, executionId: "", withVariables, cancellationToken).ConfigureAwait(false);
        }

        RequireNotHeldByOther(caller, task);
        var outcome = await runtime.CompleteTaskAsync(id, variables, caller.UserId, scopedKey, cancellationToken).ConfigureAwait(false);
        return await AnswerAsync(db, engine, outcome.InstanceId, task.ExecutionId, withVariables, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> AnswerAsync(WorkflowDbContext db, EngineOptions engine, string instanceId, string executionId, bool withVariables, CancellationToken cancellationToken)
    {
        if (!withVariables)
        {
            return Results.NoContent();
        }

        var state = await TaskVariables.StateAsync(db, instanceId, cancellationToken).ConfigureAwait(false);
        return Results.Json(TypedVariables.Write(TaskVariables.Visible(state, executionId), engine.TimeZone), RestJson.Options);
    }

    /// <summary>
    /// Camunda's PUT /task/{id} with its TaskDto. Applied: name, due, followUp (null clears), priority, assignee (null
    /// clears), in one transaction. A member left out stays as it is. The other TaskDto members (description, owner,
    /// parentTaskId, tenant and case ids...) are accepted and ignored, since the engine keeps them fixed, so a client
    /// that sends back the task it read still works. Admin and secretariat only.
    /// </summary>
    private static async Task<IResult> UpdateAsync(string id, HttpContext http, WorkflowDbContext db, WorkflowRuntime runtime, EngineOptions engine, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var task = await AccessPolicy.TaskAsync(db, caller, id, cancellationToken).ConfigureAwait(false);
        AccessPolicy.RequireManager(caller);
        var body = await RestBody.ObjectAsync(http.Request, "{\"name\": \"Unggah bukti\", \"due\": \"2023-03-24T17:00:00.000+0700\", \"priority\": 60}", cancellationToken).ConfigureAwait(false);
        var zone = engine.TimeZone;
        var update = new UpdateTask(id) { UserId = caller.UserId, Reason = "PUT /task" };
        var changed = false;
        if (RestBody.String(body, "name") is { } name && name != task.Name)
        {
            update = update with { Name = name };
            changed = true;
        }

        if (RestBody.Has(body, "due"))
        {
            var due = RestBody.String(body, "due") is { } text ? CamundaDates.Parse(text, "due", zone) : (DateTimeOffset?)null;
            update = update with { DueDate = due, ClearDueDate = due is null };
            changed |= due != task.DueAt;
        }

        if (RestBody.Has(body, "followUp"))
        {
            var followUp = RestBody.String(body, "followUp") is { } text ? CamundaDates.Parse(text, "followUp", zone) : (DateTimeOffset?)null;
            update = update with { FollowUpDate = followUp, ClearFollowUpDate = followUp is null };
            changed |= followUp != task.FollowUpAt;
        }

        if (body.TryGetProperty("priority", out var priority) && priority.ValueKind != JsonValueKind.Null)
        {
            var value = priority.ValueKind == JsonValueKind.Number && priority.TryGetInt32(out var p)
                ? p
                : throw RestException.BadRequest("'priority' harus bilangan bulat, misalnya 50.", "'priority' must be a whole number, e.g. 50.");
            update = update with { Priority = value };
            changed |= value != task.Priority;
        }

        var commands = new List<EngineCommand>();
        if (changed)
        {
            commands.Add(update);
        }

        if (RestBody.Has(body, "assignee") && RestBody.String(body, "assignee") is var assignee && assignee != task.Assignee)
        {
            commands.Add(new SetTaskAssignee(id, assignee) { UserId = caller.UserId });
        }

        if (commands.Count > 0)
        {
            await runtime.ExecuteOnTaskAsync(id, commands, cancellationToken).ConfigureAwait(false);
        }

        return Results.NoContent();
    }

    private static void RequireSelfUnlessManager(Caller caller, string userId)
    {
        if (!caller.ManagesAll && userId != caller.UserId)
        {
            throw RestException.Forbidden(
                $"Anda hanya dapat mengambil tugas untuk diri sendiri ('{caller.UserId}'), bukan untuk '{userId}'.",
                $"You may only take a task for yourself ('{caller.UserId}'), not for '{userId}'.");
        }
    }

    private static void RequireNotHeldByOther(Caller caller, UserTaskRecord task)
    {
        if (!caller.ManagesAll && task.Assignee is { } holder && holder != caller.UserId)
        {
            throw RestException.Forbidden(
                $"Tugas ini sedang dipegang oleh {holder}; hanya dia atau sekretariat yang dapat melepas atau menyelesaikannya.",
                $"This task is held by {holder}; only they or the secretariat may release or complete it.");
        }
    }
}
