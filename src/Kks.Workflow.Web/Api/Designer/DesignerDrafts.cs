using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.Designer;

/// <summary>"Simpan draf": each user's unfinished models and forms, kept without deploying them.</summary>
internal static class DesignerDrafts
{
    public sealed record DraftBody(string? Name, string? Content);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/drafts", ListAsync);
        api.MapGet("/drafts/{kind}/{key}", GetAsync);
        api.MapPut("/drafts/{kind}/{key}", SaveAsync);
        api.MapDelete("/drafts/{kind}/{key}", DeleteAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        var user = http.Caller().UserId;
        var drafts = await context.DesignerDrafts.AsNoTracking().Where(d => d.UserId == user)
            .Select(d => new { d.Kind, d.Key, d.Name, d.SavedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return RestJson.Result(drafts.OrderByDescending(d => d.SavedAt));
    }

    private static async Task<IResult> GetAsync(string kind, string key, HttpContext http, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        var draft = await FindAsync(context, http.Caller().UserId, RequireKind(kind), key, cancellationToken).ConfigureAwait(false)
                    ?? throw RestException.NotFound($"Tidak ada draf '{key}' milik Anda.", $"You have no draft '{key}'.");
        return RestJson.Result(new { draft.Kind, draft.Key, draft.Name, draft.Content, draft.SavedAt });
    }

    private static async Task<IResult> SaveAsync(string kind, string key, DraftBody body, HttpContext http, WorkflowDbContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        kind = RequireKind(kind);
        if (string.IsNullOrWhiteSpace(body?.Content))
        {
            throw RestException.BadRequest("Draf kosong: kirim {\"name\": ..., \"content\": \"<isi model atau formulir>\"}.",
                "The draft is empty: send {\"name\": ..., \"content\": \"<the model or form>\"}.");
        }

        var user = http.Caller().UserId;
        var draft = await FindAsync(context, user, kind, key, cancellationToken, tracking: true).ConfigureAwait(false);
        if (draft is null)
        {
            draft = new DesignerDraftRecord { Id = Guid.NewGuid().ToString("N"), UserId = user, Kind = kind, Key = key, Content = body.Content };
            context.DesignerDrafts.Add(draft);
        }

        draft.Name = body.Name;
        draft.Content = body.Content;
        draft.SavedAt = clock.GetUtcNow();
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return RestJson.Result(new { draft.Kind, draft.Key, draft.Name, draft.SavedAt });
    }

    private static async Task<IResult> DeleteAsync(string kind, string key, HttpContext http, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        await RemoveAsync(context, http.Caller().UserId, RequireKind(kind), key, cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    public static async Task RemoveAsync(WorkflowDbContext context, string user, string kind, string key, CancellationToken cancellationToken) =>
        await context.DesignerDrafts.Where(d => d.UserId == user && d.Kind == kind && d.Key == key)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);

    private static Task<DesignerDraftRecord?> FindAsync(WorkflowDbContext context, string user, string kind, string key, CancellationToken cancellationToken, bool tracking = false)
    {
        var drafts = tracking ? context.DesignerDrafts : context.DesignerDrafts.AsNoTracking();
        return drafts.FirstOrDefaultAsync(d => d.UserId == user && d.Kind == kind && d.Key == key, cancellationToken);
    }

    private static string RequireKind(string kind) =>
        kind is DeploymentResourceKinds.Bpmn or DeploymentResourceKinds.Form
            ? kind
            : throw RestException.BadRequest($"Jenis draf '{kind}' tidak dikenal: pakai 'bpmn' atau 'form'.", $"Unknown draft kind '{kind}': use 'bpmn' or 'form'.");
}
