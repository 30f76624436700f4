using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api.Access;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.Tasks;

/// <summary>A comment as Camunda 7's REST API writes it (CommentDto).</summary>
public sealed record CommentDto(string Id, string? UserId, string TaskId, string ProcessInstanceId, string? RootProcessInstanceId, string Time, string? RemovalTime, string Message);

/// <summary>
/// A task's comment thread between the OPD and the secretariat: <c>GET /task/{id}/comment</c>, <c>GET /task/{id}/comment/{commentId}</c>
/// and <c>POST /task/{id}/comment/create</c>. Reading needs the task in reach; writing needs a role that works tasks.
/// </summary>
internal static class TaskCommentEndpoints
{
    /// <summary>Longer than a comment should be; evidence goes in as files, not as text.</summary>
    public const int MaxMessageLength = 4000;

    public static RouteGroupBuilder MapTaskComments(this RouteGroupBuilder rest)
    {
        rest.MapGet("/task/{id}/comment", ListAsync);
        rest.MapGet("/task/{id}/comment/{commentId}", GetAsync);
        rest.MapPost("/task/{id}/comment/create", CreateAsync);
        return rest;
    }

    private static async Task<IResult> ListAsync(string id, HttpContext http, WorkflowDbContext db, EngineOptions engine, CancellationToken cancellationToken)
    {
        await AccessPolicy.TaskAsync(db, http.Caller(), id, cancellationToken).ConfigureAwait(false);
        // Newest first, as Camunda's engine answers (its comment query orders by time descending).
        var comments = await db.TaskComments.AsNoTracking().Where(c => c.TaskId == id).OrderByDescending(c => c.Time).ThenByDescending(c => c.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(comments.Select(c => Dto(c, engine.TimeZone)).ToList(), RestJson.Options);
    }

    private static async Task<IResult> GetAsync(string id, string commentId, HttpContext http, WorkflowDbContext db, EngineOptions engine, CancellationToken cancellationToken)
    {
        await AccessPolicy.TaskAsync(db, http.Caller(), id, cancellationToken).ConfigureAwait(false);
        var comment = await db.TaskComments.AsNoTracking().FirstOrDefaultAsync(c => c.TaskId == id && c.Id == commentId, cancellationToken).ConfigureAwait(false)
            ?? throw RestException.NotFound($"Komentar '{commentId}' tidak ada pada tugas '{id}'.", $"Task comment '{commentId}' of task '{id}' does not exist.");
        return Results.Json(Dto(comment, engine.TimeZone), RestJson.Options);
    }

    private static async Task<IResult> CreateAsync(string id, HttpContext http, WorkflowDbContext db, EngineOptions engine, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var task = await AccessPolicy.TaskToWorkAsync(db, caller, id, cancellationToken).ConfigureAwait(false);
        var body = await RestBody.ObjectAsync(http.Request, "{\"message\": \"Bukti sudah diunggah.\"}", cancellationToken).ConfigureAwait(false);
        var message = RestBody.String(body, "message")?.Trim();
        if (string.IsNullOrEmpty(message))
        {
            throw RestException.BadRequest("'message' wajib diisi, misalnya {\"message\": \"Bukti sudah diunggah.\"}.", "'message' is required, e.g. {\"message\": \"Evidence uploaded.\"}.");
        }

        if (message.Length > MaxMessageLength)
        {
            throw RestException.BadRequest($"Komentar paling panjang {MaxMessageLength} karakter; lampirkan berkas untuk isi yang lebih panjang.",
                $"A comment may be at most {MaxMessageLength} characters; attach a file for longer content.");
        }

        var comment = new TaskCommentRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            TaskId = task.Id,
            InstanceId = task.InstanceId,
            UserId = caller.UserId,
            Time = clock.GetUtcNow(),
            Message = message,
        };
        db.TaskComments.Add(comment);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(Dto(comment, engine.TimeZone), RestJson.Options);
    }

    private static CommentDto Dto(TaskCommentRecord c, TimeZoneInfo zone) =>
        new(c.Id, c.UserId, c.TaskId, c.InstanceId, c.InstanceId, CamundaDates.Format(c.Time, zone), null, c.Message);
}
