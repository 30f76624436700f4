using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Api.Access;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Kks.Workflow.Web.Evidence;

/// <summary>Evidence settings, the store, and the one download address: <c>GET /bukti/{id}</c>, authorized like the file's task.</summary>
internal static class EvidenceRegistration
{
    public static IServiceCollection AddKksEvidence(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(EvidenceOptions.Section);
        services.Configure<EvidenceOptions>(section);
        var maxBytes = section.GetValue<long?>(nameof(EvidenceOptions.MaxBytes)) ?? new EvidenceOptions().MaxBytes;
        // Several files per form post: leave room above one file's limit (the store enforces the limit per file).
        var requestLimit = Math.Max(30_000_000L, maxBytes * 4 + 1_000_000);
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = requestLimit);
        services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = requestLimit);
        services.AddScoped<EvidenceStore>();
        return services;
    }

    public static WebApplication MapEvidence(this WebApplication app)
    {
        app.MapGet("/bukti/{id}", DownloadAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Sends one stored file as an attachment with its safe name. The caller must be able to read the file's task,
    /// open or done (<see cref="AccessPolicy.HistoricTasks"/>), not merely its instance: the KKS workflow runs every OPD's
    /// tasks in one instance, so an opd user guessing another OPD's file id gets 404, as for a missing one.
    /// </summary>
    private static async Task<IResult> DownloadAsync(string id, HttpContext http, WorkflowDbContext db, EvidenceStore store, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var file = await db.EvidenceFiles.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken).ConfigureAwait(false);
        if (file is null || !await AccessPolicy.HistoricTasks(db, caller).AnyAsync(t => t.Id == file.TaskId, cancellationToken).ConfigureAwait(false))
        {
            return Results.NotFound();
        }

        var path = store.PathOf(file.ContentHash);
        if (!File.Exists(path))
        {
            return Results.NotFound();
        }

        http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        http.Response.Headers[HeaderNames.ContentSecurityPolicy] = "sandbox";
        return Results.File(path, file.ContentType, fileDownloadName: file.FileName);
    }
}
