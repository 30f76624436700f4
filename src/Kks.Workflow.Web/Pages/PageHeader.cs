using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Hosting;
using Kks.Workflow.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kks.Workflow.Web.Pages;

/// <summary>What the shared layout shows on every page: the regency, who is signed in, and how many of their tasks are late.</summary>
public sealed record HeaderModel(string RegencyName, bool SignedIn, string? DisplayName, IReadOnlyList<string> Roles, string? OpdCode, string? OpdName, int Overdue)
{
    public bool Sees(string role) => Roles.Contains(role);

    /// <summary>Leaders, secretariat and admin see the Proses pages.</summary>
    public bool ReadsAll => Sees(Identity.Roles.Admin) || Sees(Identity.Roles.Sekretariat) || Sees(Identity.Roles.Pimpinan);

    public bool Designs => Sees(Identity.Roles.Admin) || Sees(Identity.Roles.Sekretariat);

    /// <summary>The inbox: everyone who may see tasks (a verifier sees nothing of the engine yet).</summary>
    public bool HasInbox => ReadsAll || Sees(Identity.Roles.Opd);
}

/// <summary>Reads the layout's header once per request (the overdue count goes through <see cref="AccessPolicy"/> like every task read).</summary>
public sealed class PageHeader(WorkflowDbContext db, IOptions<AppOptions> app, TimeProvider clock, KotakMasuk.TaskCountCache counts, KotakMasuk.InboxQuery inbox)
{
    private HeaderModel? _model;

    public async Task<HeaderModel> ReadAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (_model is not null)
        {
            return _model;
        }

        var regency = app.Value.RegencyName;
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return _model = new HeaderModel(regency, false, null, [], null, null, 0);
        }

        var caller = Caller.From(http.User);
        var now = clock.GetUtcNow();
        // Kept until the database changes (TaskCountCache): counting a focal point's tasks on every page was most of a page's cost.
        var version = inbox.RequestVersion(); // once for both values, and the inbox page's own reading
        var overdue = await counts.GetAsync(KotakMasuk.InboxQuery.CountKey(caller, "overdue"), () =>
            AccessPolicy.Tasks(db, caller).CountAsync(t => t.DueAt != null && t.DueAt < now, http.RequestAborted), version).ConfigureAwait(false);
        var opdName = caller.OpdCode is null
            ? null
            : (await counts.GetAsync("opd-names", () => db.Opds.AsNoTracking().ToDictionaryAsync(o => o.Code, o => o.Name, http.RequestAborted), version).ConfigureAwait(false))
                .GetValueOrDefault(caller.OpdCode);
        var displayName = http.User.FindFirst(AccountClaimsFactory.DisplayNameClaim)?.Value ?? caller.UserId;
        var roles = Identity.Roles.All.Where(caller.Roles.Contains).ToList();
        return _model = new HeaderModel(regency, true, displayName, roles, caller.OpdCode, opdName, overdue);
    }
}
