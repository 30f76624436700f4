using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Campaigns;

/// <summary>
/// The demo regency's campaign (Seed:Demo): Kabupaten Kampar, 2023 cycle, its 18 OPDs, rakor 15 February 2023,
/// documents due 24 March 2023, the province's review 26 April 2023, verification in May 2023 (see KKS.md). Created
/// once; a campaign that exists is left as the secretariat changed it.
/// </summary>
internal sealed class DemoCampaign(WorkflowDbContext db, TimeProvider clock)
{
    public const string Id = "kampar-2023";

    public const string InstrumentId = "kks-2023";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Campaigns.AnyAsync(c => c.Id == Id, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var items = await db.KelembagaanItems.AsNoTracking().Where(k => k.InstrumentId == InstrumentId).OrderBy(k => k.Position)
            .Select(k => k.Code).ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        db.Campaigns.Add(new CampaignRecord
        {
            Id = Id,
            Name = "Penilaian KKS Kabupaten Kampar 2023",
            RegencyName = "Kabupaten Kampar",
            Cycle = 2023,
            InstrumentId = InstrumentId,
            RakorDate = new DateOnly(2023, 2, 15),
            DocumentsDueDate = new DateOnly(2023, 3, 24),
            ProvinceReviewDate = new DateOnly(2023, 4, 26),
            // The month is known (May 2023); the day is a demo choice, the first working day after 1 May.
            VerificationDate = new DateOnly(2023, 5, 2),
            DatesNote = "Data demo. Verifikasi: Mei 2023; tanggal 2 Mei dipilih untuk demo, ubah sesuai jadwal Tim Pembina Provinsi.",
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedBy = "system",
            Opds = DemoRegency.Opds.Select(o => new CampaignOpdRecord { CampaignId = Id, OpdCode = o.Code }).ToList(),
            Kelembagaan = items.Select(code => new CampaignKelembagaanRecord { CampaignId = Id, ItemCode = code }).ToList(),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
