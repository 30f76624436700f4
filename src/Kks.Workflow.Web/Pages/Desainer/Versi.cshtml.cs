using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Web.Api.Designer;
using Microsoft.AspNetCore.Mvc;

namespace Kks.Workflow.Web.Pages.Desainer;

/// <summary>Versi: the versions of a definition, one viewed read-only (lihat), or two compared (dari, ke) with the changes coloured.</summary>
public sealed class VersiModel(Texts texts, EngineOptions engine, WorkflowDbContext context) : DesignerPage(texts, engine)
{
    [BindProperty(SupportsGet = true, Name = "kunci")]
    public string Key { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "lihat")]
    public int? View { get; set; }

    [BindProperty(SupportsGet = true, Name = "dari")]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "ke")]
    public int? To { get; set; }

    public DesignerDefinition? Definition { get; private set; }

    public ModelDiffResult? Diff { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Allowed)
        {
            return Refuse();
        }

        Definition = (await DesignerCatalog.ListAsync(context, cancellationToken, Key).ConfigureAwait(false)).SingleOrDefault();
        if (Definition is null)
        {
            return NotFound();
        }

        var versions = Definition.Versions.Select(v => v.Version).ToHashSet();
        if (View is { } view && !versions.Contains(view))
        {
            View = null;
        }

        if (From is { } from && To is { } to && versions.Contains(from) && versions.Contains(to))
        {
            var older = await DesignerCatalog.VersionAsync(context, Key, from, cancellationToken).ConfigureAwait(false);
            var newer = await DesignerCatalog.VersionAsync(context, Key, to, cancellationToken).ConfigureAwait(false);
            Diff = ModelDiff.Compare(
                await DeploymentService.XmlAsync(context, older.DeploymentId, older.ResourceName, cancellationToken).ConfigureAwait(false),
                await DeploymentService.XmlAsync(context, newer.DeploymentId, newer.ResourceName, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            From = Definition.Versions.Count > 1 ? Definition.Versions[1].Version : Definition.LatestVersion;
            To = Definition.LatestVersion;
        }

        return Page();
    }

    public string XmlUrl(int version) => $"/api/designer/definitions/{Uri.EscapeDataString(Key)}/xml?version={version}";

    /// <summary>The older version shows what was removed and changed; the newer what was added and changed.</summary>
    public string Markers(bool older) => Diff is null
        ? "{}"
        : JsonSerializer.Serialize(older
            ? new Dictionary<string, IReadOnlyList<string>> { ["removed"] = Diff.Removed, ["changed"] = Diff.Changed }
            : new Dictionary<string, IReadOnlyList<string>> { ["added"] = Diff.Added, ["changed"] = Diff.Changed });
}
