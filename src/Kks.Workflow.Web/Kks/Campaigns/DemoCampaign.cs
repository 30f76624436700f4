using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Instruments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kks.Workflow.Web.Campaigns;

/// <summary>
/// The demo regency's campaign (Seed:Demo): Kabupaten Kampar, 2023 cycle, its 18 OPDs, rakor 15 February 2023,
/// documents due 24 March 2023, the province's review 26 April 2023, verification in May 2023 (see KKS.md). Created
/// once; a campaign that exists is left as the secretariat changed it. Its instrument is kks-2023, which ships without
/// indicators (none are in the repository); Instruments:DemoCampaignInstrument may name another (kks-2025) so the demo's
/// evidence stage has tasks, and the campaign's note then says the instrument stands in.
/// </summary>
internal sealed class DemoCampaign(WorkflowDbContext db, TimeProvider clock, IOptions<InstrumentOptions> options)
{
    public const string Id = "kampar-2023";

    public Task SeedAsync(CancellationToken cancellationToken) => SeedAsync(Id, options.Value.DemoCampaignInstrument, cancellationToken);

    /// <summary>Creates the campaign unless it exists; <paramref name="instrumentId"/> is kks-2023 unless configured otherwise.</summary>
    public async Task SeedAsync(string id, string instrumentId, CancellationToken cancellationToken)
    {
        if (await db.Campaigns.AnyAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var items = await db.KelembagaanItems.AsNoTracking().Where(k => k.InstrumentId == instrumentId).OrderBy(k => k.Position)
            .Select(k => k.Code).ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        db.Campaigns.Add(new CampaignRecord
        {
            Id = id,
            Name = "Penilaian KKS Kabupaten Kampar 2023",
            RegencyName = "Kabupaten Kampar",
            Cycle = 2023,
            InstrumentId = instrumentId,
            RakorDate = new DateOnly(2023, 2, 15),
            DocumentsDueDate = new DateOnly(2023, 3, 24),
            ProvinceReviewDate = new DateOnly(2023, 4, 26),
            // The month is known (May 2023); the day is a demo choice, the first working day after 1 May.
            VerificationDate = new DateOnly(2023, 5, 2),
            DatesNote = "Data demo. Verifikasi: Mei 2023; tanggal 2 Mei dipilih untuk demo, ubah sesuai jadwal Tim Pembina Provinsi."
                        + (instrumentId == InstrumentOptions.Instrument2023 ? ""
                            : $" Instrumen {instrumentId} dipakai sebagai pengganti: daftar indikator 2023 belum ada di aplikasi."),
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedBy = "system",
            Opds = DemoRegency.Opds.Select(o => new CampaignOpdRecord { CampaignId = id, OpdCode = o.Code }).ToList(),
            Kelembagaan = items.Select(code => new CampaignKelembagaanRecord { CampaignId = id, ItemCode = code }).ToList(),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
