using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Pages.Desainer;

/// <summary>Formulir: the form-js editor with a live preview; a form is saved as a draft or deployed as a .form file.</summary>
public sealed class FormulirModel(Texts texts, EngineOptions engine, WorkflowDbContext context) : DesignerPage(texts, engine)
{
    [BindProperty(SupportsGet = true, Name = "kunci")]
    public string? Key { get; set; }

    [BindProperty(SupportsGet = true, Name = "draf")]
    public string? Draft { get; set; }

    public IReadOnlyList<(string Key, int Version)> Forms { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Allowed)
        {
            return Refuse();
        }

        var forms = await context.DeploymentResources.AsNoTracking().Where(r => r.FormKey != null)
            .Select(r => new { r.FormKey, r.FormVersion }).ToListAsync(cancellationToken).ConfigureAwait(false);
        Forms = forms.GroupBy(f => f.FormKey!, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Max(f => f.FormVersion) ?? 1))
            .OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        return Page();
    }
}
