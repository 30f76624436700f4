using Kks.Workflow.Engine;
using Kks.Workflow.Web.Api.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kks.Workflow.Web.Pages.KotakMasuk;

/// <summary>Kotak Masuk: the caller's tasks by group, with counts, search, an OPD filter (secretariat and leaders), sort and keyset pages.</summary>
public sealed class IndexModel(InboxQuery inbox, TimeProvider clock, EngineOptions engine) : PageModel
{
    public string? Group { get; set; }

    public string? Search { get; set; }

    public string? Opd { get; set; }

    public string? Sort { get; set; }

    public string? After { get; set; }

    public IReadOnlyList<string> Groups { get; private set; } = [];

    public InboxPage Result { get; private set; } = new([], null, new Dictionary<string, int>());

    public Dictionary<string, string> OpdNames { get; private set; } = [];

    public bool ChoosesOpd { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public TimeZoneInfo Zone => engine.TimeZone;

    public async Task OnGetAsync()
    {
        // Read by hand rather than by model binding (a twentieth of the page's CPU for five strings), with its rules:
        // the first value, an empty one as none.
        Group = Query("kelompok");
        Search = Query("cari");
        Opd = Query("opd");
        Sort = Query("urut");
        After = Query("setelah");
        var cancellationToken = HttpContext.RequestAborted;
        var caller = Caller.From(User);
        Groups = InboxQuery.GroupsFor(caller);
        Group = Group is not null && Groups.Contains(Group) ? Group : Groups[0];
        Sort = Sort is InboxSorts.Priority or InboxSorts.Created ? Sort : InboxSorts.Due;
        ChoosesOpd = caller.ReadsAll;
        Opd = ChoosesOpd && !string.IsNullOrWhiteSpace(Opd) ? Opd.Trim() : null;
        Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();
        Now = clock.GetUtcNow();
        Result = await inbox.ReadAsync(caller, new InboxRequest(Group, Search, Opd, Sort, After), cancellationToken).ConfigureAwait(false);
        OpdNames = ChoosesOpd ? await inbox.OpdNamesAsync(cancellationToken).ConfigureAwait(false) : [];
    }

    private string? Query(string name)
    {
        var values = Request.Query[name];
        return values.Count == 0 || string.IsNullOrEmpty(values[0]) ? null : values[0];
    }

    /// <summary>The inbox's address with one thing changed (the page cursor is dropped unless given).</summary>
    public string Link(string? group = null, string? sort = null, string? after = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["kelompok"] = group ?? Group,
            ["cari"] = Search,
            ["opd"] = Opd,
            ["urut"] = (sort ?? Sort) == InboxSorts.Due ? null : sort ?? Sort,
            ["setelah"] = after,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/kotak-masuk", query.Where(p => p.Value is not null));
    }
}
