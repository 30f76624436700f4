using System.Text.Json;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Api;
using Kks.Workflow.Web.Api.Access;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Notifications.Mail.Admin;

/// <summary>
/// Outbox rows that failed every attempt (dead letters), for admins: the list with the last error, and re-send,
/// which makes the row due again now with a fresh count of attempts. It keeps its idempotency key, so the
/// messages it sends carry the same Message-IDs as any that did get through before.
/// </summary>
internal static class DeadLetterEndpoints
{
    public static RouteGroupBuilder MapDeadLetters(this RouteGroupBuilder admin)
    {
        admin.MapGet("/outbox/dead", ListAsync);
        admin.MapGet("/outbox/dead/count", CountAsync);
        admin.MapPost("/outbox/{id}/resend", ResendEndpointAsync);
        return admin;
    }

    private static async Task<IResult> ListAsync(HttpContext http, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        var (first, max) = RestQuery.Page(http.Request);
        var rows = await context.Outbox.AsNoTracking().Where(o => o.DeadAt != null && o.DeliveredAt == null)
            .OrderByDescending(o => o.DeadAt).ThenBy(o => o.Id).Skip(first).Take(max).ToListAsync(cancellationToken).ConfigureAwait(false);
        var zone = CamundaDates.Engine(http).TimeZone;
        return RestJson.Result(rows.Select(o => new
        {
            id = o.Id,
            kind = o.Kind,
            idempotencyKey = o.IdempotencyKey,
            processInstanceId = o.InstanceId,
            attempts = o.Attempts,
            lastError = o.LastError,
            createdAt = CamundaDates.Format(o.CreatedAt, zone),
            deadAt = CamundaDates.Format(o.DeadAt!.Value, zone),
            template = Summary(o.PayloadJson, "template") ?? Summary(o.PayloadJson, "step") ?? Summary(o.PayloadJson, "type"),
            to = Audience(o.PayloadJson),
        }));
    }

    private static async Task<IResult> CountAsync(HttpContext http, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        return RestJson.Result(new { count = await context.Outbox.CountAsync(o => o.DeadAt != null && o.DeliveredAt == null, cancellationToken).ConfigureAwait(false) });
    }

    private static async Task<IResult> ResendEndpointAsync(HttpContext http, string id, WorkflowDbContext context, TimeProvider clock, IDispatcherSignal signal, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        var changed = await ResendAsync(context, id, clock.GetUtcNow(), signal, cancellationToken).ConfigureAwait(false);
        if (!changed)
        {
            throw RestException.NotFound(
                $"Pesan keluar '{id}' tidak ada di daftar gagal kirim: mungkin sudah terkirim atau sudah dikirim ulang.",
                $"Outbox message '{id}' is not a dead letter: it may have been delivered or re-sent already.");
        }

        return Results.NoContent();
    }

    /// <summary>Makes a dead letter due now with a fresh count of attempts and wakes the outbox dispatcher; false when it is not a dead letter.</summary>
    public static async Task<bool> ResendAsync(WorkflowDbContext context, string id, DateTimeOffset now, IDispatcherSignal signal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(signal);
        var changed = await context.Outbox.Where(o => o.Id == id && o.DeadAt != null && o.DeliveredAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.DeadAt, (DateTimeOffset?)null).SetProperty(o => o.Attempts, 0).SetProperty(o => o.NextAttemptAt, now)
                .SetProperty(o => o.LeaseOwner, (string?)null).SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), cancellationToken).ConfigureAwait(false);
        if (changed > 0)
        {
            signal.Committed(new DispatchWork(null, false, true));
        }

        return changed > 0;
    }

    internal static string? Summary(string payload, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return MailJson.Text(document.RootElement, name);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static IReadOnlyList<string> Audience(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return MailJson.Strings(document.RootElement, "to");
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
