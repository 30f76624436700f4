using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Instruments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kks.Workflow.Web.Pages.Admin.Instrumen;

/// <summary>One instrument: where it comes from, its prerequisites and checklist, and every indicator by tatanan.</summary>
public sealed class DetailModel(InstrumentStore store) : PageModel
{
    public InstrumentDocument? Instrument { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        if (!caller.ReadsAll && !caller.Roles.Contains(Identity.Roles.Verifikator))
        {
            return Forbid();
        }

        Instrument = await store.LoadAsync(id, cancellationToken).ConfigureAwait(false);
        return Instrument is null ? NotFound() : Page();
    }
}
