using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api;
using Kks.Workflow.Web.Evidence;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Campaigns;

/// <summary>
/// Evidence files of a campaign's kelembagaan items (the Forum KKS's SK, the Tim Pembina's work plan...). The bytes go
/// through the same <see cref="EvidenceStore"/> as a task's evidence: the same size limit and the same check of the
/// type by content. The checklist has no task, so the row is the campaign's own.
/// </summary>
public sealed class KelembagaanEvidence(WorkflowDbContext db, EvidenceStore store, TimeProvider clock)
{
    /// <summary>Stores one file for the item; <see cref="EvidenceRejectedException"/> says why a file is refused.</summary>
    public async Task<KelembagaanFileView> AddAsync(string campaignId, string itemCode, string fileName, Stream content, string user, CancellationToken cancellationToken)
    {
        var instrumentId = await db.Campaigns.AsNoTracking().Where(c => c.Id == campaignId).Select(c => c.InstrumentId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw RestException.NotFound($"Kampanye '{campaignId}' tidak ditemukan.", $"Campaign '{campaignId}' was not found.");
        if (!await db.KelembagaanItems.AsNoTracking().AnyAsync(k => k.InstrumentId == instrumentId && k.Code == itemCode, cancellationToken).ConfigureAwait(false))
        {
            throw RestException.NotFound($"Butir kelembagaan '{itemCode}' tidak ada di instrumen {instrumentId}.", $"Kelembagaan item '{itemCode}' is not in instrument {instrumentId}.");
        }

        var stored = await store.StoreAsync(fileName, content, cancellationToken).ConfigureAwait(false);
        var record = new KelembagaanFileRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            CampaignId = campaignId,
            ItemCode = itemCode,
            FileName = stored.FileName,
            ContentType = stored.ContentType,
            SizeBytes = stored.Size,
            ContentHash = stored.Hash,
            UploadedBy = user,
            UploadedAt = clock.GetUtcNow(),
        };
        db.KelembagaanFiles.Add(record);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new KelembagaanFileView(record.Id, record.FileName, record.ContentType, record.SizeBytes, record.UploadedBy, record.UploadedAt);
    }

    /// <summary>The stored file of a campaign's item evidence, or null when there is none (or its bytes are gone).</summary>
    public async Task<(KelembagaanFileView File, string Path)?> OpenAsync(string campaignId, string fileId, CancellationToken cancellationToken)
    {
        var file = await db.KelembagaanFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.CampaignId == campaignId, cancellationToken).ConfigureAwait(false);
        if (file is null || !File.Exists(store.PathOf(file.ContentHash)))
        {
            return null;
        }

        return (new KelembagaanFileView(file.Id, file.FileName, file.ContentType, file.SizeBytes, file.UploadedBy, file.UploadedAt), store.PathOf(file.ContentHash));
    }
}
