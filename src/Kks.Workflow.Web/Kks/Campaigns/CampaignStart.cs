using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Api;
using Kks.Workflow.Web.Readiness;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Campaigns;

/// <summary>
/// "Mulai kampanye": starts the assessment workflow (<c>kks-penilaian</c>, latest version) for a campaign, with the
/// variable <c>kampanye</c> and the campaign id as business key, exactly as a start through /engine-rest would. A
/// campaign is started once: a second start (a double click, a second node) is refused, and the idempotency key makes a
/// retried request return the first start instead of a second instance.
/// </summary>
public sealed class CampaignStart(WorkflowDbContext db, WorkflowRuntime runtime)
{
    /// <summary>The campaigns whose workflow has been started (running or finished).</summary>
    public async Task<IReadOnlySet<string>> StartedAsync(CancellationToken cancellationToken)
    {
        var keys = await db.ProcessInstances.AsNoTracking().Where(i => i.ProcessKey == ReadinessReader.ProcessKey && i.BusinessKey != null)
            .Select(i => i.BusinessKey!).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        return keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The campaign's workflow instance id, or null when it has not been started.</summary>
    public Task<string?> InstanceOfAsync(string campaignId, CancellationToken cancellationToken) =>
        db.ProcessInstances.AsNoTracking().Where(i => i.ProcessKey == ReadinessReader.ProcessKey && i.BusinessKey == campaignId)
            .OrderByDescending(i => i.StartedAt).Select(i => i.Id).FirstOrDefaultAsync(cancellationToken);

    public async Task<string> StartAsync(string campaignId, string user, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Opds).FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken).ConfigureAwait(false)
            ?? throw RestException.NotFound($"Kampanye '{campaignId}' tidak ditemukan.", $"Campaign '{campaignId}' was not found.");
        if (await InstanceOfAsync(campaignId, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw RestException.Conflict($"Alur penilaian kampanye '{campaignId}' sudah dimulai: lanjutkan dari kotak masuk.",
                $"Campaign '{campaignId}''s assessment workflow has already been started: carry on from the inbox.");
        }

        // The workflow's assignment step dates every OPD's tasks on the documents date, and its last timer waits for the
        // verification date: without them it would stop half-way with an incident.
        var missing = new List<(string Indonesian, string English)>();
        if (campaign.DocumentsDueDate is null)
        {
            missing.Add(("tanggal batas dokumen", "the documents due date"));
        }

        if (campaign.VerificationDate is null)
        {
            missing.Add(("tanggal verifikasi", "the verification date"));
        }

        if (campaign.Opds.Count == 0)
        {
            missing.Add(("OPD yang ikut", "the OPDs taking part"));
        }

        if (missing.Count > 0)
        {
            throw RestException.BadRequest($"Kampanye belum dapat dimulai: isi dulu {string.Join(", ", missing.Select(m => m.Indonesian))} (Ubah kampanye).",
                $"The campaign cannot start yet: fill in {string.Join(", ", missing.Select(m => m.English))} first (Edit campaign).");
        }

        try
        {
            var outcome = await runtime.StartAsync(ReadinessReader.ProcessKey, new Dictionary<string, object?>(StringComparer.Ordinal) { ["kampanye"] = campaignId },
                campaignId, user, $"mulai-kampanye:{campaignId}", cancellationToken).ConfigureAwait(false);
            return outcome.InstanceId;
        }
        catch (NotFoundException)
        {
            throw RestException.BadRequest($"Alur '{ReadinessReader.ProcessKey}' belum diterapkan (deploy): terapkan workflows/kks-penilaian.bpmn di Desainer, lalu mulai lagi.",
                $"The workflow '{ReadinessReader.ProcessKey}' is not deployed: deploy workflows/kks-penilaian.bpmn in the Designer, then start again.");
        }
    }
}
