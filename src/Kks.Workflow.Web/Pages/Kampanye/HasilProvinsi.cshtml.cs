using System.Globalization;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Instruments;
using Kks.Workflow.Web.Readiness;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kks.Workflow.Web.Pages.Kampanye;

/// <summary>One row of the province results form.</summary>
public sealed class ProvinceRow
{
    public string? Kode { get; set; }

    public string? Nilai { get; set; }

    public string? Catatan { get; set; }
}

/// <summary>
/// The province's results entered indicator by indicator (/kampanye/{id}/hasil-provinsi), in a table grouped by tatanan
/// and filtered by tatanan or OPD. "Simpan draf" keeps what was typed; "Kirim hasil provinsi" sends every drafted line as
/// the message HasilReviuProvinsi through <see cref="ProvinceResults"/>, the upload's own code path (same checks, all or
/// nothing). What was sent before (by upload, API or this page) is shown beside each row.
/// </summary>
public sealed class HasilProvinsiModel(ReadinessReader reader, ProvinceDrafts drafts, IndicatorCatalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public int? Tatanan { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Opd { get; set; }

    [BindProperty]
    public List<ProvinceRow> Baris { get; set; } = [];

    [TempData]
    public string? Done { get; set; }

    public CampaignReadiness Readiness { get; private set; } = null!;

    /// <summary>The rows shown (after the filters), in instrument order.</summary>
    public IReadOnlyList<IndicatorReadiness> Shown { get; private set; } = [];

    /// <summary>Owning OPDs taking part, per indicator code.</summary>
    public IReadOnlyDictionary<string, List<string>> Owners { get; private set; } = new Dictionary<string, List<string>>();

    public IReadOnlyDictionary<string, ProvinceLine> Drafts { get; private set; } = new Dictionary<string, ProvinceLine>();

    /// <summary>The values as posted when a post was refused, so nothing typed is lost.</summary>
    public IReadOnlyDictionary<string, ProvinceRow> Posted { get; private set; } = new Dictionary<string, ProvinceRow>();

    public List<ImportProblem> Problems { get; } = [];

    public bool CanChange { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!CampaignPage.MaySee(Caller.From(User)))
        {
            return Forbid();
        }

        return await ShowAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IActionResult> OnPostDrafAsync(CancellationToken cancellationToken) => SaveAsync(send: false, cancellationToken);

    public Task<IActionResult> OnPostKirimAsync(CancellationToken cancellationToken) => SaveAsync(send: true, cancellationToken);

    private async Task<IActionResult> SaveAsync(bool send, CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        if (!CampaignPage.MayChange(caller))
        {
            return Forbid();
        }

        var readiness = await reader.ReadAsync(Id, cancellationToken).ConfigureAwait(false);
        if (readiness is null)
        {
            return NotFound();
        }

        var lines = Baris.Where(b => !string.IsNullOrWhiteSpace(b.Kode)).Select(Line).ToList();
        var codes = readiness.Indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        await drafts.SaveAsync(Id, codes, lines, caller.UserId, Problems, cancellationToken).ConfigureAwait(false);
        var sent = 0;
        if (send && Problems.Count == 0)
        {
            sent = await drafts.SendAsync(Id, Problems, cancellationToken).ConfigureAwait(false);
        }

        if (Problems.Count > 0)
        {
            Posted = Baris.Where(b => b.Kode is not null).GroupBy(b => b.Kode!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
            return await ShowAsync(cancellationToken).ConfigureAwait(false);
        }

        Done = send ? "Sent:" + sent.ToString(CultureInfo.InvariantCulture) : "Draft";
        return RedirectToPage(new { id = Id, tatanan = Tatanan, opd = Opd });
    }

    /// <summary>A posted row as a line: an empty score is "none", anything not a whole number is off the scale (-1), so the check names it.</summary>
    private static ProvinceLine Line(ProvinceRow row)
    {
        int? score = null;
        if (!string.IsNullOrWhiteSpace(row.Nilai))
        {
            score = int.TryParse(row.Nilai.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
        }

        var note = string.IsNullOrWhiteSpace(row.Catatan) ? null : row.Catatan.Trim();
        return new ProvinceLine(row.Kode!.Trim(), score, note);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        var readiness = await reader.ReadAsync(Id, cancellationToken).ConfigureAwait(false);
        if (readiness is null)
        {
            return NotFound();
        }

        Readiness = readiness;
        CanChange = CampaignPage.MayChange(Caller.From(User));
        var assignments = await catalog.AssignmentsAsync(Id, cancellationToken).ConfigureAwait(false);
        Owners = assignments.SelectMany(a => a.Value.Select(code => (Code: code, Opd: a.Key)))
            .GroupBy(p => p.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Opd).ToList(), StringComparer.Ordinal);
        Drafts = await drafts.ReadAsync(Id, cancellationToken).ConfigureAwait(false);
        Shown = readiness.Indicators
            .Where(i => Tatanan is null || i.TatananNumber == Tatanan)
            .Where(i => string.IsNullOrEmpty(Opd) || (Owners.TryGetValue(i.Code, out var owners) && owners.Contains(Opd)))
            .ToList();
        return Page();
    }

    /// <summary>The score to show in the row's select: as posted, else the draft, else what was sent.</summary>
    public string ScoreOf(IndicatorReadiness indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        if (Posted.TryGetValue(indicator.Code, out var posted))
        {
            return posted.Nilai?.Trim() ?? "";
        }

        var score = Drafts.TryGetValue(indicator.Code, out var draft) ? draft.Score : indicator.ProvinceScore;
        return score?.ToString(CultureInfo.InvariantCulture) ?? "";
    }

    public string? NoteOf(IndicatorReadiness indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        if (Posted.TryGetValue(indicator.Code, out var posted))
        {
            return posted.Catatan;
        }

        return Drafts.TryGetValue(indicator.Code, out var draft) ? draft.Note : indicator.ProvinceNote;
    }
}
