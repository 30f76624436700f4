using Kks.Workflow.Engine;
using Kks.Workflow.Web.Api;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Campaigns;
using Kks.Workflow.Web.Evidence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kks.Workflow.Web.Pages.Kampanye;

/// <summary>
/// One campaign: its key dates in words, the OPDs taking part, the ODF share with every entry (who, when), the
/// kelembagaan checklist with its evidence files, and "Mulai kampanye" while the workflow has not started. Secretariat
/// and admin change it; leaders and verifiers read it. Every change goes through the API's services.
/// </summary>
public sealed class DetailModel(CampaignService campaigns, CampaignStart start, KelembagaanEvidence evidence, EngineOptions engine) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public CampaignView Campaign { get; private set; } = null!;

    public string? InstanceId { get; private set; }

    public bool CanChange { get; private set; }

    public TimeZoneInfo Zone => engine.TimeZone;

    [TempData]
    public string? Done { get; set; }

    public string? StartError { get; private set; }

    [BindProperty]
    public string? OdfPersen { get; set; }

    [BindProperty]
    public string? OdfTanggal { get; set; }

    [BindProperty]
    public string? OdfSumber { get; set; }

    public List<string> OdfErrors { get; } = [];

    [BindProperty]
    public string? Butir { get; set; }

    [BindProperty]
    public string? Ada { get; set; }

    [BindProperty]
    public string? Catatan { get; set; }

    [BindProperty]
    public IFormFile? Berkas { get; set; }

    public string? KelembagaanError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!CampaignPage.MaySee(Caller.From(User)))
        {
            return Forbid();
        }

        return await ShowAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Mulai kampanye: starts the assessment workflow once.</summary>
    public async Task<IActionResult> OnPostMulaiAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        if (!CampaignPage.MayChange(caller))
        {
            return Forbid();
        }

        try
        {
            await start.StartAsync(Id, caller.UserId, cancellationToken).ConfigureAwait(false);
            Done = "Started";
            return RedirectToPage(new { id = Id });
        }
        catch (RestException refused) when (refused.Status is 400 or 409)
        {
            StartError = CampaignPage.English ? refused.Text.English : refused.Text.Indonesian;
        }

        return await ShowAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A new ODF share entry; earlier entries stay in the history.</summary>
    public async Task<IActionResult> OnPostOdfAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        if (!CampaignPage.MayChange(caller))
        {
            return Forbid();
        }

        var english = CampaignPage.English;
        double? percent = null;
        if (CampaignPage.TryPercent(OdfPersen, out var parsed))
        {
            percent = parsed;
        }
        else if (!string.IsNullOrWhiteSpace(OdfPersen))
        {
            OdfErrors.Add(english ? $"'{OdfPersen}' is not a number: write the share like 84,5." : $"'{OdfPersen}' bukan angka: tulis persentasenya seperti 84,5.");
        }

        if (!CampaignPage.TryDay(OdfTanggal, out var asOf))
        {
            OdfErrors.Add(english ? $"The date '{OdfTanggal}' cannot be read: pick it from the calendar or write it like 10/03/2023." : $"Tanggal '{OdfTanggal}' tidak terbaca: pilih dari kalender atau tulis seperti 10/03/2023.");
        }

        if (OdfErrors.Count == 0)
        {
            try
            {
                await campaigns.AddOdfShareAsync(Id, new OdfShareInput(percent, asOf, OdfSumber), caller.UserId, cancellationToken).ConfigureAwait(false);
                Done = "Odf";
                return Redirect($"/kampanye/{Uri.EscapeDataString(Id)}#odf");
            }
            catch (RestException refused) when (refused.Status == 400)
            {
                OdfErrors.Add(english ? refused.Text.English : refused.Text.Indonesian);
            }
        }

        return await ShowAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One kelembagaan item: present or not, the evidence note, and optionally a file (checked like task evidence).</summary>
    public async Task<IActionResult> OnPostKelembagaanAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        if (!CampaignPage.MayChange(caller))
        {
            return Forbid();
        }

        var english = CampaignPage.English;
        bool? present = Ada switch { "ya" => true, "tidak" => false, _ => null };
        if (Ada is not (null or "" or "ya" or "tidak"))
        {
            KelembagaanError = english ? "Choose Present, Absent or Not checked yet." : "Pilih Ada, Tidak ada, atau Belum diperiksa.";
            return await ShowAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            if (Berkas is { Length: > 0 })
            {
                await using var stream = Berkas.OpenReadStream();
                await evidence.AddAsync(Id, Butir ?? "", Berkas.FileName, stream, caller.UserId, cancellationToken).ConfigureAwait(false);
            }

            await campaigns.SetKelembagaanAsync(Id, Butir ?? "", new KelembagaanInput(present, Catatan), caller.UserId, cancellationToken).ConfigureAwait(false);
            Done = "Kelembagaan";
            return Redirect($"/kampanye/{Uri.EscapeDataString(Id)}#butir-{Uri.EscapeDataString(Butir ?? "")}");
        }
        catch (EvidenceRejectedException rejected)
        {
            KelembagaanError = rejected.For(english);
        }
        catch (RestException refused) when (refused.Status is 400 or 404)
        {
            KelembagaanError = english ? refused.Text.English : refused.Text.Indonesian;
        }

        return await ShowAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        var campaign = await campaigns.GetAsync(Id, cancellationToken).ConfigureAwait(false);
        if (campaign is null)
        {
            return NotFound();
        }

        Campaign = campaign;
        CanChange = CampaignPage.MayChange(Caller.From(User));
        InstanceId = await start.InstanceOfAsync(Id, cancellationToken).ConfigureAwait(false);
        return Page();
    }
}
