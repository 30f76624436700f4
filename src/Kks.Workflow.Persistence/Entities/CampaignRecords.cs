namespace Kks.Workflow.Persistence.Entities;

/// <summary>
/// A campaign: one regency's run of one KKS cycle with one instrument: the OPDs taking part, the key dates (WIB
/// calendar days), the ODF share as entered over time and the institutional checklist with its evidence.
/// </summary>
public sealed class CampaignRecord
{
    /// <summary>Stable id, e.g. <c>kampar-2023</c>.</summary>
    public required string Id { get; set; }

    public required string Name { get; set; }

    public required string RegencyName { get; set; }

    public int Cycle { get; set; }

    public required string InstrumentId { get; set; }

    /// <summary>Rapat koordinasi persiapan penilaian.</summary>
    public DateOnly? RakorDate { get; set; }

    /// <summary>Documents due at the secretariat (Dinas Kesehatan).</summary>
    public DateOnly? DocumentsDueDate { get; set; }

    /// <summary>The province's document review results are expected.</summary>
    public DateOnly? ProvinceReviewDate { get; set; }

    /// <summary>Verification (assessment) starts.</summary>
    public DateOnly? VerificationDate { get; set; }

    /// <summary>What is known about the dates (e.g. "Mei 2023; tanggal pasti menunggu provinsi").</summary>
    public string? DatesNote { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    public List<CampaignOpdRecord> Opds { get; set; } = [];

    public List<OdfShareRecord> OdfShares { get; set; } = [];

    public List<CampaignKelembagaanRecord> Kelembagaan { get; set; } = [];
}

/// <summary>An OPD taking part in a campaign.</summary>
public sealed class CampaignOpdRecord
{
    public required string CampaignId { get; set; }

    public required string OpdCode { get; set; }
}

/// <summary>An ODF share entry: the share of open-defecation-free desa/kelurahan on a date, from a source.</summary>
public sealed class OdfShareRecord
{
    public required string Id { get; set; }

    public required string CampaignId { get; set; }

    /// <summary>0 to 100.</summary>
    public double Percent { get; set; }

    /// <summary>The date the figure describes.</summary>
    public DateOnly AsOf { get; set; }

    /// <summary>Where it comes from, e.g. "Aplikasi STBM, unduhan 10 Maret 2023".</summary>
    public required string Source { get; set; }

    public string? RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A campaign's answer to one kelembagaan checklist item: present or not (null: not yet checked) and its evidence.</summary>
public sealed class CampaignKelembagaanRecord
{
    public required string CampaignId { get; set; }

    public required string ItemCode { get; set; }

    public bool? Present { get; set; }

    public string? EvidenceNote { get; set; }

    public string? UpdatedBy { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
}
