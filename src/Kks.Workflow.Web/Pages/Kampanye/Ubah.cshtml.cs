using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Api;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Campaigns;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Pages.Kampanye;

/// <summary>The campaign form as posted: strings, so a value that cannot be read is shown back as typed.</summary>
public sealed class CampaignForm
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? RegencyName { get; set; }

    public string? InstrumentId { get; set; }

    public List<string> Opds { get; set; } = [];

    public string? RakorDate { get; set; }

    public string? DocumentsDueDate { get; set; }

    public string? ProvinceReviewDate { get; set; }

    public string? VerificationDate { get; set; }

    public string? DatesNote { get; set; }
}

/// <summary>
/// Creates a campaign (/kampanye/ubah) or changes one (/kampanye/ubah/{id}): secretariat and admin only. The rules are
/// <see cref="CampaignService"/>'s, shown beside each input; a refused form comes back with everything as typed.
/// </summary>
public sealed class UbahModel(CampaignService campaigns, WorkflowDbContext db) : PageModel
{
    public static readonly string[] DateFields = ["rakorDate", "documentsDueDate", "provinceReviewDate", "verificationDate"];

    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    [BindProperty]
    public CampaignForm Form { get; set; } = new();

    public bool Creating => string.IsNullOrEmpty(Id);

    public IReadOnlyList<(string Id, string Name, int Cycle)> Instruments { get; private set; } = [];

    public IReadOnlyList<(string Code, string Name)> Opds { get; private set; } = [];

    /// <summary>Problems by field (id, name, regencyName, instrumentId, opds, dates and each date field).</summary>
    public ILookup<string, CampaignProblem> Problems { get; private set; } = Array.Empty<CampaignProblem>().ToLookup(p => p.Field);

    public bool HasProblems { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!CampaignPage.MayChange(Caller.From(User)))
        {
            return Forbid();
        }

        if (!Creating)
        {
            var campaign = await campaigns.GetAsync(Id!, cancellationToken).ConfigureAwait(false);
            if (campaign is null)
            {
                return NotFound();
            }

            Form = new CampaignForm
            {
                Id = campaign.Id,
                Name = campaign.Name,
                RegencyName = campaign.RegencyName,
                InstrumentId = campaign.InstrumentId,
                Opds = campaign.Opds.Select(o => o.Code).ToList(),
                RakorDate = CampaignPage.Iso(campaign.RakorDate),
                DocumentsDueDate = CampaignPage.Iso(campaign.DocumentsDueDate),
                ProvinceReviewDate = CampaignPage.Iso(campaign.ProvinceReviewDate),
                VerificationDate = CampaignPage.Iso(campaign.VerificationDate),
                DatesNote = campaign.DatesNote,
            };
        }

        await LoadChoicesAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        if (!CampaignPage.MayChange(caller))
        {
            return Forbid();
        }

        var unreadable = new List<CampaignProblem>();
        var texts = new[] { Form.RakorDate, Form.DocumentsDueDate, Form.ProvinceReviewDate, Form.VerificationDate };
        var days = new DateOnly?[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            if (!CampaignPage.TryDay(texts[i], out days[i]))
            {
                unreadable.Add(new(DateFields[i], $"tanggal '{texts[i]}' tidak terbaca: pilih dari kalender atau tulis seperti 24/03/2023",
                    $"the date '{texts[i]}' cannot be read: pick it from the calendar or write it like 24/03/2023"));
            }
        }

        if (!Creating)
        {
            // The instrument of an existing campaign is fixed (the service refuses a change); the form shows it read-only.
            var stored = await db.Campaigns.AsNoTracking().Where(c => c.Id == Id).Select(c => c.InstrumentId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return NotFound();
            }

            Form.InstrumentId = stored;
        }

        var input = new CampaignInput(Creating ? Form.Id : Id, Form.Name, Form.RegencyName, Form.InstrumentId, days[0], days[1], days[2], days[3], Form.DatesNote, Form.Opds);
        var problems = new List<CampaignProblem>(unreadable);
        if (problems.Count > 0)
        {
            problems.AddRange(await campaigns.CheckAsync(input, Creating, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            try
            {
                var saved = Creating
                    ? await campaigns.CreateAsync(input, caller.UserId, cancellationToken).ConfigureAwait(false)
                    : await campaigns.UpdateAsync(Id!, input, caller.UserId, cancellationToken).ConfigureAwait(false);
                TempData["Done"] = "Saved";
                return RedirectToPage("/Kampanye/Detail", new { id = saved.Id });
            }
            catch (RestException refused) when (refused.Status is 400 or 409)
            {
                var byField = CampaignService.ProblemsOf(refused);
                problems.AddRange(byField.Count > 0 ? byField : [new CampaignProblem("", refused.Text.Indonesian, refused.Text.English)]);
            }
        }

        Problems = problems.ToLookup(p => p.Field);
        HasProblems = true;
        await LoadChoicesAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }

    public string Message(CampaignProblem problem) => CampaignPage.English ? problem.English : problem.Indonesian;

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        var instruments = await db.Instruments.AsNoTracking().OrderByDescending(i => i.Cycle).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.Name, i.Cycle }).ToListAsync(cancellationToken).ConfigureAwait(false);
        Instruments = instruments.Select(i => (i.Id, i.Name, i.Cycle)).ToList();
        var chosen = Form.Opds;
        var opds = await db.Opds.AsNoTracking().Where(o => o.Active || chosen.Contains(o.Code)).OrderBy(o => o.Name).Select(o => new { o.Code, o.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
        Opds = opds.Select(o => (o.Code, o.Name)).ToList();
    }
}
