using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Notifications.Mail.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Pages.Admin.Surat;

/// <summary>
/// /admin/surat: who gets mail (the OPDs with their Kepala OPD and focal points, the leaders of the ladder), their
/// CSV imports (all or nothing, bad rows listed), and the mail that could not be sent (dead letters) with re-send.
/// Admins only: the same rules and code as /api/admin.
/// </summary>
public sealed class IndexModel(WorkflowDbContext context, TimeProvider clock, IDispatcherSignal signal) : PageModel
{
    public sealed record OpdRow(OpdRecord Opd, IReadOnlyList<string> FocalPoints);

    public sealed record DeadRow(string Id, string Kind, string? Template, IReadOnlyList<string> To, int Attempts, string? LastError, DateTimeOffset DeadAt);

    public IReadOnlyList<OpdRow> Opds { get; private set; } = [];

    public IReadOnlyList<LeaderRecord> Leaders { get; private set; } = [];

    public IReadOnlyList<DeadRow> DeadLetters { get; private set; } = [];

    /// <summary>The outcome of the last import or re-send, shown above the tables.</summary>
    public string? Message { get; private set; }

    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!IsAdmin())
        {
            return Forbid();
        }

        await LoadAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }

    public Task<IActionResult> OnPostImportOpdsAsync(IFormFile? berkas, CancellationToken cancellationToken) =>
        ImportAsync(berkas, DirectoryImport.OpdsAsync, cancellationToken);

    public Task<IActionResult> OnPostImportLeadersAsync(IFormFile? berkas, CancellationToken cancellationToken) =>
        ImportAsync(berkas, DirectoryImport.LeadersAsync, cancellationToken);

    public async Task<IActionResult> OnPostResendAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsAdmin())
        {
            return Forbid();
        }

        var resent = await DeadLetterEndpoints.ResendAsync(context, id, clock.GetUtcNow(), signal, cancellationToken).ConfigureAwait(false);
        Message = resent ? "Resent" : "NotDead";
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }

    private async Task<IActionResult> ImportAsync(IFormFile? file, Func<WorkflowDbContext, string, CancellationToken, Task<ImportResult>> import, CancellationToken cancellationToken)
    {
        if (!IsAdmin())
        {
            return Forbid();
        }

        if (file is null || file.Length == 0)
        {
            Message = "NoFile";
        }
        else
        {
            string text;
            using (var reader = new StreamReader(file.OpenReadStream()))
            {
                text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            }

            var result = await import(context, text, cancellationToken).ConfigureAwait(false);
            Problems = result.Problems;
            Message = result.Problems.Count > 0 ? "ImportRefused" : "Imported";
            ImportedCreated = result.Created;
            ImportedUpdated = result.Updated;
        }

        await LoadAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }

    public int ImportedCreated { get; private set; }

    public int ImportedUpdated { get; private set; }

    private bool IsAdmin() => Caller.From(User).IsAdmin;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var opds = await context.Opds.AsNoTracking().OrderBy(o => o.Code).ToListAsync(cancellationToken).ConfigureAwait(false);
        var focal = (await context.Users.AsNoTracking().Where(u => u.OpdCode != null).Select(u => new { u.OpdCode, u.UserName })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(u => u.OpdCode!, u => u.UserName ?? "", StringComparer.Ordinal);
        Opds = opds.Select(o => new OpdRow(o, focal[o.Code].Order(StringComparer.Ordinal).ToList())).ToList();
        Leaders = await context.Leaders.AsNoTracking().OrderBy(l => l.Role).ToListAsync(cancellationToken).ConfigureAwait(false);
        var dead = await context.Outbox.AsNoTracking().Where(o => o.DeadAt != null && o.DeliveredAt == null)
            .OrderByDescending(o => o.DeadAt).Take(200).ToListAsync(cancellationToken).ConfigureAwait(false);
        DeadLetters = dead.Select(o => new DeadRow(o.Id, o.Kind,
            DeadLetterEndpoints.Summary(o.PayloadJson, "template") ?? DeadLetterEndpoints.Summary(o.PayloadJson, "step") ?? DeadLetterEndpoints.Summary(o.PayloadJson, "type"),
            DeadLetterEndpoints.Audience(o.PayloadJson), o.Attempts, o.LastError, o.DeadAt!.Value)).ToList();
    }
}
