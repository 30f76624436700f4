using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api;
using Kks.Workflow.Web.Instruments;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Campaigns;

/// <summary>Campaigns: create and change them, record ODF shares and kelembagaan answers, read them whole.</summary>
public sealed partial class CampaignService(WorkflowDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<CampaignSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var campaigns = await db.Campaigns.AsNoTracking().Include(c => c.Opds).OrderByDescending(c => c.Cycle).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return campaigns.Select(c => new CampaignSummary(c.Id, c.Name, c.RegencyName, c.Cycle, c.InstrumentId, c.Opds.Count, c.RakorDate, c.VerificationDate)).ToList();
    }

    public async Task<CampaignView?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().AsSplitQuery().Include(c => c.Opds).Include(c => c.OdfShares).Include(c => c.Kelembagaan)
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        if (campaign is null)
        {
            return null;
        }

        var instrument = await db.Instruments.AsNoTracking().FirstAsync(i => i.Id == campaign.InstrumentId, cancellationToken).ConfigureAwait(false);
        var items = await db.KelembagaanItems.AsNoTracking().Where(k => k.InstrumentId == campaign.InstrumentId).OrderBy(k => k.Position)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var prerequisites = await db.InstrumentPrerequisites.AsNoTracking().Where(p => p.InstrumentId == campaign.InstrumentId)
            .Select(p => new PrerequisiteDocument { AwardLevel = p.AwardLevel, Rank = p.Rank, MinOdfPercent = p.MinOdfPercent, MinScorePercent = p.MinScorePercent, MaxScorePercent = p.MaxScorePercent })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var codes = campaign.Opds.Select(o => o.OpdCode).ToList();
        var opdNames = await db.Opds.AsNoTracking().Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, o => o.Name, cancellationToken).ConfigureAwait(false);
        var files = (await db.KelembagaanFiles.AsNoTracking().Where(f => f.CampaignId == id).ToListAsync(cancellationToken).ConfigureAwait(false))
            .OrderByDescending(f => f.UploadedAt).ToLookup(f => f.ItemCode, f => new KelembagaanFileView(f.Id, f.FileName, f.ContentType, f.SizeBytes, f.UploadedBy, f.UploadedAt), StringComparer.Ordinal);
        var odf = campaign.OdfShares.OrderByDescending(o => o.AsOf).ThenByDescending(o => o.RecordedAt)
            .Select(o => new OdfShareView(o.Id, o.Percent, o.AsOf, o.Source, o.RecordedBy, o.RecordedAt)).ToList();
        return new CampaignView(
            campaign.Id, campaign.Name, campaign.RegencyName, campaign.Cycle, campaign.InstrumentId, instrument.Name,
            campaign.RakorDate, campaign.DocumentsDueDate, campaign.ProvinceReviewDate, campaign.VerificationDate, campaign.DatesNote,
            codes.Order(StringComparer.Ordinal).Select(c => new CampaignOpdView(c, opdNames.GetValueOrDefault(c, c))).ToList(),
            odf.FirstOrDefault(), odf,
            items.Select(item =>
            {
                var answer = campaign.Kelembagaan.FirstOrDefault(k => k.ItemCode == item.Code);
                return new KelembagaanView(item.Code, item.Body, item.Name, answer?.Present, answer?.EvidenceNote, answer?.UpdatedBy, answer?.UpdatedAt) { Files = files[item.Code].ToList() };
            }).ToList(),
            AwardProjection.Project(prerequisites, odf.Count > 0 ? odf[0].Percent : null, null));
    }

    public async Task<CampaignView> CreateAsync(CampaignInput input, string user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var id = input.Id?.Trim() ?? "";
        if (await IdProblemAsync(id, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            throw problem.Exists ? Refused(409, "OptimisticLockingException", problem.Problem) : Refused(400, "InvalidRequestException", problem.Problem);
        }

        var now = clock.GetUtcNow();
        var campaign = new CampaignRecord { Id = id, Name = "", RegencyName = "", InstrumentId = "", CreatedAt = now };
        await ApplyAsync(campaign, input, user, cancellationToken).ConfigureAwait(false);
        var items = await db.KelembagaanItems.AsNoTracking().Where(k => k.InstrumentId == campaign.InstrumentId).Select(k => k.Code).ToListAsync(cancellationToken).ConfigureAwait(false);
        campaign.Kelembagaan = items.Select(code => new CampaignKelembagaanRecord { CampaignId = id, ItemCode = code }).ToList();
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (await GetAsync(id, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<CampaignView> UpdateAsync(string id, CampaignInput input, string user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var campaign = await db.Campaigns.Include(c => c.Opds).FirstOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        if (input.InstrumentId is not null && input.InstrumentId != campaign.InstrumentId)
        {
            throw RestException.BadRequest("Instrumen kampanye tidak dapat diganti: buat kampanye baru untuk instrumen lain.", "A campaign's instrument cannot be changed: create a new campaign for another instrument.");
        }

        await ApplyAsync(campaign, input with { InstrumentId = campaign.InstrumentId }, user, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return (await GetAsync(id, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<OdfShareView> AddOdfShareAsync(string id, OdfShareInput input, string user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await RequireAsync(id, cancellationToken).ConfigureAwait(false);
        if (input.Percent is not { } percent || double.IsNaN(percent) || percent is < 0 or > 100)
        {
            throw RestException.BadRequest("'percent' wajib, 0 sampai 100: persentase desa/kelurahan ODF, misalnya 84.5.", "'percent' is required, 0 to 100: the share of ODF desa/kelurahan, e.g. 84.5.");
        }

        if (input.AsOf is not { } asOf)
        {
            throw RestException.BadRequest("'asOf' wajib: tanggal data ODF itu, misalnya \"2023-03-10\".", "'asOf' is required: the date of the ODF figure, e.g. \"2023-03-10\".");
        }

        if (string.IsNullOrWhiteSpace(input.Source))
        {
            throw RestException.BadRequest("'source' wajib: dari mana angka ODF itu, misalnya \"Aplikasi STBM, unduhan 10 Maret 2023\".", "'source' is required: where the ODF figure comes from.");
        }

        var record = new OdfShareRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            CampaignId = id,
            Percent = Math.Round(percent, 2),
            AsOf = asOf,
            Source = input.Source.Trim(),
            RecordedBy = user,
            RecordedAt = clock.GetUtcNow(),
        };
        db.OdfShares.Add(record);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new OdfShareView(record.Id, record.Percent, record.AsOf, record.Source, record.RecordedBy, record.RecordedAt);
    }

    public async Task<KelembagaanView> SetKelembagaanAsync(string id, string itemCode, KelembagaanInput input, string user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var campaign = await RequireAsync(id, cancellationToken).ConfigureAwait(false);
        var item = await db.KelembagaanItems.AsNoTracking().FirstOrDefaultAsync(k => k.InstrumentId == campaign.InstrumentId && k.Code == itemCode, cancellationToken).ConfigureAwait(false)
                   ?? throw RestException.NotFound($"Butir kelembagaan '{itemCode}' tidak ada di instrumen {campaign.InstrumentId}.", $"Kelembagaan item '{itemCode}' is not in instrument {campaign.InstrumentId}.");
        var answer = await db.CampaignKelembagaan.FirstOrDefaultAsync(k => k.CampaignId == id && k.ItemCode == itemCode, cancellationToken).ConfigureAwait(false);
        if (answer is null)
        {
            answer = new CampaignKelembagaanRecord { CampaignId = id, ItemCode = itemCode };
            db.CampaignKelembagaan.Add(answer);
        }

        answer.Present = input.Present;
        answer.EvidenceNote = string.IsNullOrWhiteSpace(input.EvidenceNote) ? null : input.EvidenceNote.Trim();
        answer.UpdatedBy = user;
        answer.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new KelembagaanView(item.Code, item.Body, item.Name, answer.Present, answer.EvidenceNote, answer.UpdatedBy, answer.UpdatedAt);
    }

    /// <summary>Where a refusal carries its problems by field: one message for API clients, each input's reason for the page.</summary>
    public const string ProblemsKey = "problems";

    /// <summary>The problems a refusal of this service carries (empty for other errors).</summary>
    public static IReadOnlyList<CampaignProblem> ProblemsOf(RestException exception) =>
        exception?.Extra?.GetValueOrDefault(ProblemsKey) as IReadOnlyList<CampaignProblem> ?? [];

    private static RestException Refused(int status, string type, CampaignProblem problem) =>
        new(status, type, new($"Kampanye tidak dapat disimpan: {problem.Indonesian}.", $"The campaign cannot be saved: {problem.English}.")) { Extra = new Dictionary<string, object?>(StringComparer.Ordinal) { [ProblemsKey] = new[] { problem } } };

    private async Task<CampaignRecord> RequireAsync(string id, CancellationToken cancellationToken) =>
        await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);

    private static RestException NotFound(string id) =>
        RestException.NotFound($"Kampanye '{id}' tidak ditemukan.", $"Campaign '{id}' was not found.");

    /// <summary>
    /// Every problem of an input without saving anything (the page uses it to list all problems at once when one of its
    /// own inputs, such as a date, could not even be read). For an existing campaign pass its instrument as the input's.
    /// </summary>
    public async Task<IReadOnlyList<CampaignProblem>> CheckAsync(CampaignInput input, bool creating, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (problems, _, _) = await ValidateAsync(input, cancellationToken).ConfigureAwait(false);
        if (creating && await IdProblemAsync(input.Id?.Trim() ?? "", cancellationToken).ConfigureAwait(false) is { } id)
        {
            problems.Insert(0, id.Problem);
        }

        return problems;
    }

    private async Task<(CampaignProblem Problem, bool Exists)?> IdProblemAsync(string id, CancellationToken cancellationToken)
    {
        if (!InstrumentValidator.OpdPattern().IsMatch(id))
        {
            return (new("id", "kode kampanye ('id') wajib: huruf kecil, angka dan tanda minus, misalnya kampar-2025", "a campaign 'id' is required: lower-case letters, digits and '-', e.g. kampar-2025"), false);
        }

        if (await db.Campaigns.AnyAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false))
        {
            return (new("id", $"kampanye '{id}' sudah ada: ubah kampanye itu atau pilih kode lain", $"campaign '{id}' exists: change it or choose another id"), true);
        }

        return null;
    }

    private async Task ApplyAsync(CampaignRecord campaign, CampaignInput input, string user, CancellationToken cancellationToken)
    {
        var (problems, instrument, opds) = await ValidateAsync(input, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            throw new RestException(400, "InvalidRequestException", new("Kampanye tidak dapat disimpan: " + string.Join("; ", problems.Select(p => p.Indonesian)) + ".",
                "The campaign cannot be saved: " + string.Join("; ", problems.Select(p => p.English)) + "."))
            {
                Extra = new Dictionary<string, object?>(StringComparer.Ordinal) { [ProblemsKey] = problems },
            };
        }

        campaign.Name = input.Name!.Trim();
        campaign.RegencyName = input.RegencyName!.Trim();
        campaign.InstrumentId = instrument!.Id;
        campaign.Cycle = instrument.Cycle;
        campaign.RakorDate = input.RakorDate;
        campaign.DocumentsDueDate = input.DocumentsDueDate;
        campaign.ProvinceReviewDate = input.ProvinceReviewDate;
        campaign.VerificationDate = input.VerificationDate;
        campaign.DatesNote = string.IsNullOrWhiteSpace(input.DatesNote) ? null : input.DatesNote.Trim();
        campaign.UpdatedAt = clock.GetUtcNow();
        campaign.UpdatedBy = user;
        campaign.Opds.RemoveAll(o => !opds.Contains(o.OpdCode));
        foreach (var code in opds.Where(c => campaign.Opds.All(o => o.OpdCode != c)))
        {
            campaign.Opds.Add(new CampaignOpdRecord { CampaignId = campaign.Id, OpdCode = code });
        }
    }

    private async Task<(List<CampaignProblem> Problems, InstrumentRecord? Instrument, List<string> Opds)> ValidateAsync(CampaignInput input, CancellationToken cancellationToken)
    {
        var problems = new List<CampaignProblem>();
        var name = input.Name?.Trim();
        var regency = input.RegencyName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            problems.Add(new("name", "nama kampanye ('name') wajib diisi, misalnya \"Penilaian KKS Kabupaten Kampar 2025\"", "'name' is required, e.g. \"Penilaian KKS Kabupaten Kampar 2025\""));
        }

        if (string.IsNullOrEmpty(regency))
        {
            problems.Add(new("regencyName", "nama kabupaten/kota ('regencyName') wajib diisi, misalnya \"Kabupaten Kampar\"", "'regencyName' is required, e.g. \"Kabupaten Kampar\""));
        }

        var instrument = input.InstrumentId is null ? null
            : await db.Instruments.AsNoTracking().FirstOrDefaultAsync(i => i.Id == input.InstrumentId, cancellationToken).ConfigureAwait(false);
        if (instrument is null)
        {
            var known = await db.Instruments.AsNoTracking().Select(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            var list = string.Join(", ", known.Order(StringComparer.Ordinal));
            problems.Add(new("instrumentId", $"instrumen ('instrumentId') wajib dan harus salah satu instrumen yang ada ({list})", $"'instrumentId' is required and must be an existing instrument ({list})"));
        }

        var opds = (input.Opds ?? []).Select(o => o.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (opds.Count == 0)
        {
            problems.Add(new("opds", "pilih paling sedikit satu OPD yang ikut ('opds': kode OPD), misalnya [\"dinkes\", \"dlh\"]", "'opds' is required: the codes of the OPDs taking part, e.g. [\"dinkes\", \"dlh\"]"));
        }

        var knownOpds = await db.Opds.AsNoTracking().Where(o => opds.Contains(o.Code)).Select(o => o.Code).ToListAsync(cancellationToken).ConfigureAwait(false);
        var unknown = opds.Except(knownOpds, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            problems.Add(new("opds", $"OPD tidak terdaftar: {string.Join(", ", unknown)} (daftarkan dulu atau perbaiki kodenya)", $"OPDs not registered: {string.Join(", ", unknown)} (register them first or fix the codes)"));
        }

        var dates = new[] { input.RakorDate, input.DocumentsDueDate, input.ProvinceReviewDate, input.VerificationDate }.Where(d => d is not null).ToList();
        if (!dates.SequenceEqual(dates.Order()))
        {
            problems.Add(new("dates", "tanggal harus berurutan: rakor, batas dokumen, telaah provinsi, verifikasi", "the dates must be in order: rakor, documents due, province review, verification"));
        }

        return (problems, instrument, opds);
    }
}
