using System.Globalization;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

// CA1304/CA1311/CA1862: ToLower()/Contains() are translated to SQL on both providers. CA1309: string.Compare is SQL's text order.
#pragma warning disable CA1304, CA1311, CA1862, CA1309

namespace Kks.Workflow.Web.Pages.Proses;

/// <summary>Proses (secretariat and leaders): running or finished instances, newest first, by process and business key, in keyset pages.</summary>
public sealed class IndexModel(WorkflowDbContext db, EngineOptions engine) : PageModel
{
    public const int PageSize = 25;

    [FromQuery(Name = "status")]
    public string? Status { get; set; }

    [FromQuery(Name = "proses")]
    public string? ProcessKey { get; set; }

    [FromQuery(Name = "cari")]
    public string? Search { get; set; }

    [FromQuery(Name = "setelah")]
    public string? After { get; set; }

    public bool Allowed { get; private set; }

    public List<ProcessInstanceRecord> Rows { get; private set; } = [];

    public Dictionary<string, string?> DefinitionNames { get; private set; } = [];

    public List<string> Keys { get; private set; } = [];

    public Dictionary<string, int> OpenIncidents { get; private set; } = [];

    public string? Next { get; private set; }

    public TimeZoneInfo Zone => engine.TimeZone;

    public bool Finished => Status == "selesai";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        Allowed = caller.ReadsAll;
        if (!Allowed)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var instances = AccessPolicy.HistoricInstances(db, caller).AsNoTracking();
        instances = Finished ? instances.Where(i => i.EndedAt != null) : instances.Where(i => i.EndedAt == null);
        if (!string.IsNullOrWhiteSpace(ProcessKey))
        {
            instances = instances.Where(i => i.ProcessKey == ProcessKey);
        }

        if (!string.IsNullOrWhiteSpace(Search))
        {
            var search = Search.Trim().ToLowerInvariant();
            instances = instances.Where(i => i.BusinessKey != null && i.BusinessKey.ToLower().Contains(search));
        }

        var parts = After?.Split('.', 2);
        if (parts is [var ticks, var id] && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
        {
            var started = new DateTimeOffset(t, TimeSpan.Zero);
            instances = instances.Where(i => i.StartedAt < started || (i.StartedAt == started && string.Compare(i.Id, id) > 0));
        }

        Rows = await instances.OrderByDescending(i => i.StartedAt).ThenBy(i => i.Id).Take(PageSize + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (Rows.Count > PageSize)
        {
            Rows = Rows[..PageSize];
            Next = string.Create(CultureInfo.InvariantCulture, $"{Rows[^1].StartedAt.UtcTicks}.{Rows[^1].Id}");
        }

        var definitionIds = Rows.Select(r => r.DefinitionId).Distinct().ToList();
        DefinitionNames = await db.ProcessDefinitions.AsNoTracking().Where(d => definitionIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken).ConfigureAwait(false);
        Keys = await db.ProcessDefinitions.AsNoTracking().Select(d => d.Key).Distinct().OrderBy(k => k).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = Rows.Select(r => r.Id).ToList();
        OpenIncidents = (await db.Incidents.AsNoTracking().Where(i => ids.Contains(i.InstanceId)).Select(i => i.InstanceId).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
    }

    public string Link(string? status = null, string? after = null) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/proses", new Dictionary<string, string?>
        {
            ["status"] = status ?? Status,
            ["proses"] = ProcessKey,
            ["cari"] = Search,
            ["setelah"] = after,
        }.Where(p => !string.IsNullOrEmpty(p.Value)));
}
