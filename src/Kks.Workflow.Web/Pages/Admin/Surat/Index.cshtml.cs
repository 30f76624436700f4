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

    /// <summary>Values shown in the message (the import counts, or the code or role just saved or deleted).</summary>
    public object[] MessageArguments => _messageArguments ?? [ImportedCreated, ImportedUpdated];

    private object[]? _messageArguments;

    /// <summary>The OPD or leader form's refusals (Bahasa Indonesia and English), with what was posted kept in the form.</summary>
    public IReadOnlyList<(string Id, string En)> OpdErrors { get; private set; } = [];

    public IReadOnlyList<(string Id, string En)> LeaderErrors { get; private set; } = [];

    /// <summary>The row the OPD form shows: the one chosen with Ubah (?ubahOpd=), or what was just posted.</summary>
    [BindProperty(SupportsGet = true, Name = "ubahOpd")]
    public string? EditOpd { get; set; }

    [BindProperty(SupportsGet = true, Name = "ubahPimpinan")]
    public string? EditLeader { get; set; }

    public OpdForm OpdValues { get; private set; } = new();

    public LeaderForm LeaderValues { get; private set; } = new();

    public sealed record OpdForm(string Code = "", string Name = "", string? HeadName = null, string? HeadEmail = null, bool Active = true);

    public sealed record LeaderForm(string Role = "", string Name = "", string? Title = null, string? Email = null, string? UserName = null, bool Active = true);

    /// <summary>Adds an OPD or changes one (by code): the same checks as PUT /api/admin/opds/{code}.</summary>
    public async Task<IActionResult> OnPostSaveOpdAsync([FromForm(Name = "kode")] string? code, [FromForm(Name = "nama")] string? name,
        [FromForm(Name = "kepala")] string? headName, [FromForm(Name = "emailKepala")] string? headEmail, [FromForm(Name = "aktif")] bool active,
        CancellationToken cancellationToken)
    {
        if (!IsAdmin())
        {
            return Forbid();
        }

        var key = code?.Trim() ?? "";
        var input = new OpdInput(name?.Trim(), Blank(headName), Blank(headEmail), active);
        OpdErrors = DirectoryRules.CheckOpd(key, input).ToList();
        if (OpdErrors.Count > 0)
        {
            OpdValues = new OpdForm(key, name ?? "", headName, headEmail, active);
            Message = "Invalid";
        }
        else
        {
            await DirectoryImport.UpsertOpdAsync(context, key, input, cancellationToken).ConfigureAwait(false);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            Say("OpdSaved", key);
        }

        await LoadAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }

    /// <summary>
    /// Removes an OPD that nothing depends on. One with focal points or in a campaign stays (its history and tasks name
    /// it): the message says so and suggests marking it inactive.
    /// </summary>
    public async Task<IActionResult> OnPostDeleteOpdAsync([FromForm(Name = "kode")] string? code, CancellationToken cancellationToken)
    {
        if (!IsAdmin())
        {
            return Forbid();
        }

        var key = code ?? "";
        if (!await context.Opds.AnyAsync(o => o.Code == key, cancellationToken).ConfigureAwait(false))
        {
            Say("NotFound", key);
        }
        else if (await context.Users.AnyAsync(u => u.OpdCode == key, cancellationToken).ConfigureAwait(false))
        {
            Say("OpdHasFocalPoints", key);
        }
        else if (await context.CampaignOpds.AnyAsync(c => c.OpdCode == key, cancellationToken).ConfigureAwait(false))
        {
            Say("OpdInCampaign", key);
        }
        else
        {
            await context.Opds.Where(o => o.Code == key).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            Say("OpdDeleted", key);
        }

        await LoadAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }

    /// <summary>Adds a leader (a rung of the ladder) or changes one (by role): the same checks as PUT /api/admin/leaders/{role}.</summary>
    public async Task<IActionResult> OnPostSaveLeaderAsync([FromForm(Name = "peran")] string? role, [FromForm(Name = "nama")] string? name,
        [FromForm(Name = "jabatan")] string? title, [FromForm(Name = "email")] string? email, [FromForm(Name = "pengguna")] string? userName,
        [FromForm(Name = "aktif")] bool active, CancellationToken cancellationToken)
    {
        if (!IsAdmin())
        {
            return Forbid();
        }

        var key = role?.Trim() ?? "";
        var input = new LeaderInput(name?.Trim(), Blank(title), Blank(email), Blank(userName), active);
        var userExists = input.UserName is null || await context.Users.AnyAsync(u => u.UserName == input.UserName, cancellationToken).ConfigureAwait(false);
        LeaderErrors = DirectoryRules.CheckLeader(key, input, userExists).ToList();
        if (LeaderErrors.Count > 0)
        {
            LeaderValues = new LeaderForm(key, name ?? "", title, email, userName, active);
            Message = "Invalid";
        }
        else
        {
            await DirectoryImport.UpsertLeaderAsync(context, key, input, cancellationToken).ConfigureAwait(false);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            Say("LeaderSaved", key);
        }

        await LoadAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteLeaderAsync([FromForm(Name = "peran")] string? role, CancellationToken cancellationToken)
    {
        if (!IsAdmin())
        {
            return Forbid();
        }

        var key = role ?? "";
        var deleted = await context.Leaders.Where(l => l.Role == key).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        Say(deleted == 0 ? "NotFound" : "LeaderDeleted", key);
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }

    private void Say(string message, string argument)
    {
        Message = message;
        _messageArguments = [argument];
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

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
        if (OpdErrors.Count == 0)
        {
            OpdValues = opds.Find(o => o.Code == EditOpd) is { } opd ? new OpdForm(opd.Code, opd.Name, opd.HeadName, opd.HeadEmail, opd.Active) : new OpdForm();
        }

        if (LeaderErrors.Count == 0)
        {
            LeaderValues = Leaders.FirstOrDefault(l => l.Role == EditLeader) is { } leader
                ? new LeaderForm(leader.Role, leader.Name, leader.Title, leader.Email, leader.UserName, leader.Active)
                : new LeaderForm();
        }

        var dead = await context.Outbox.AsNoTracking().Where(o => o.DeadAt != null && o.DeliveredAt == null)
            .OrderByDescending(o => o.DeadAt).Take(200).ToListAsync(cancellationToken).ConfigureAwait(false);
        DeadLetters = dead.Select(o => new DeadRow(o.Id, o.Kind,
            DeadLetterEndpoints.Summary(o.PayloadJson, "template") ?? DeadLetterEndpoints.Summary(o.PayloadJson, "step") ?? DeadLetterEndpoints.Summary(o.PayloadJson, "type"),
            DeadLetterEndpoints.Audience(o.PayloadJson), o.Attempts, o.LastError, o.DeadAt!.Value)).ToList();
    }
}
