using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Campaigns;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kks.Workflow.Web.Pages.Kampanye;

/// <summary>The campaigns: one row each with its key dates and whether its workflow has started.</summary>
public sealed class IndexModel(CampaignService campaigns, CampaignStart start) : PageModel
{
    public IReadOnlyList<CampaignSummary> Campaigns { get; private set; } = [];

    public IReadOnlySet<string> Started { get; private set; } = new HashSet<string>();

    public bool CanChange { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        if (!CampaignPage.MaySee(caller))
        {
            return Forbid();
        }

        CanChange = CampaignPage.MayChange(caller);
        Campaigns = await campaigns.ListAsync(cancellationToken).ConfigureAwait(false);
        Started = await start.StartedAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }
}
