using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Instruments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kks.Workflow.Web.Pages.Admin.Instrumen;

/// <summary>
/// The instruments: the list (with how many indicators still hold placeholder text), download as Excel/CSV/JSON,
/// and for admin and secretariat an upload that replaces an instrument (all or nothing, every bad row listed).
/// </summary>
public sealed class IndexModel(InstrumentStore store, InstrumentImporter importer) : PageModel
{
    public IReadOnlyList<InstrumentSummary> Instruments { get; private set; } = [];

    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    public bool CanWrite { get; private set; }

    [BindProperty]
    public string InstrumentId { get; set; } = "";

    [BindProperty]
    public IFormFile? Berkas { get; set; }

    [TempData]
    public string? Imported { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Reads())
        {
            return Forbid();
        }

        await LoadAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        if (!caller.ManagesAll)
        {
            return Forbid();
        }

        var id = InstrumentId.Trim();
        var format = Path.GetExtension(Berkas?.FileName ?? "").ToLowerInvariant() switch
        {
            ".xlsx" => InstrumentFormat.Xlsx,
            ".csv" => InstrumentFormat.Csv,
            ".json" => InstrumentFormat.Json,
            _ => (InstrumentFormat?)null,
        };
        if (Berkas is null || format is null || id.Length == 0 || Berkas.Length > InstrumentEndpoints.MaxImportBytes)
        {
            Problems = [ImportProblem.At(null, "Pilih instrumen tujuan dan berkas .xlsx, .csv atau .json (paling besar 10 MB).", "Choose the target instrument and an .xlsx, .csv or .json file (at most 10 MB).")];
        }
        else
        {
            try
            {
                var stream = Berkas.OpenReadStream();
                await using (stream.ConfigureAwait(false))
                {
                    var document = await importer.ImportAsync(id, format.Value, stream, caller.UserId, null, null, cancellationToken).ConfigureAwait(false);
                    Imported = $"{id}: {document.Indicators().Count()}";
                    return RedirectToPage();
                }
            }
            catch (InstrumentImportException refused)
            {
                Problems = refused.Problems;
            }
        }

        await LoadAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }

    private bool Reads()
    {
        var caller = Caller.From(User);
        CanWrite = caller.ManagesAll;
        return caller.ReadsAll || caller.Roles.Contains(Identity.Roles.Verifikator);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CanWrite = Caller.From(User).ManagesAll;
        Instruments = await store.ListAsync(cancellationToken).ConfigureAwait(false);
    }
}
