using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Api.Designer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Pages.Desainer;

/// <summary>The Desainer list: every definition (latest version, deployed when and by whom, running instances per version) and my drafts.</summary>
public sealed class IndexModel(Texts texts, EngineOptions engine, WorkflowDbContext context) : DesignerPage(texts, engine)
{
    public IReadOnlyList<DesignerDefinition> Definitions { get; private set; } = [];

    public IReadOnlyList<(string Kind, string Key, string? Name, DateTimeOffset SavedAt)> Drafts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Allowed)
        {
            return Refuse();
        }

        Definitions = await DesignerCatalog.ListAsync(context, cancellationToken).ConfigureAwait(false);
        var user = Caller.From(User).UserId;
        var drafts = await context.DesignerDrafts.AsNoTracking().Where(d => d.UserId == user)
            .Select(d => new { d.Kind, d.Key, d.Name, d.SavedAt }).ToListAsync(cancellationToken).ConfigureAwait(false);
        Drafts = drafts.OrderByDescending(d => d.SavedAt).Select(d => (d.Kind, d.Key, d.Name, d.SavedAt)).ToList();
        return Page();
    }
}
