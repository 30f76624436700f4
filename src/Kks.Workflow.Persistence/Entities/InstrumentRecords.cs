namespace Kks.Workflow.Persistence.Entities;

/// <summary>
/// A KKS assessment instrument: the tatanan, indicators, prerequisites and institutional checklist of one cycle
/// (e.g. 2025). Instruments are data, versioned per cycle, never code: indicators change between cycles.
/// </summary>
public sealed class InstrumentRecord
{
    /// <summary>Stable id, e.g. <c>kks-2025</c>.</summary>
    public required string Id { get; set; }

    public int Cycle { get; set; }

    public required string Name { get; set; }

    /// <summary>False while the content is a transcription not checked against the Kemenkes instrument.</summary>
    public bool Official { get; set; }

    /// <summary>Where the content comes from and how far to trust it (shown beside it).</summary>
    public string? Provenance { get; set; }

    /// <summary>What last wrote it: <c>file:kks-2025.json</c> (the shipped file), <c>xlsx</c> or <c>csv</c> (an import).</summary>
    public required string Origin { get; set; }

    /// <summary>SHA-256 of the shipped file last loaded: an unchanged file is not loaded again.</summary>
    public string? SourceHash { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    public List<TatananRecord> Tatanan { get; set; } = [];

    public List<InstrumentPrerequisiteRecord> Prerequisites { get; set; } = [];

    public List<KelembagaanItemRecord> KelembagaanItems { get; set; } = [];
}

/// <summary>One of an instrument's settings (tatanan), e.g. 1 "Kehidupan Masyarakat Sehat Mandiri".</summary>
public sealed class TatananRecord
{
    public required string InstrumentId { get; set; }

    public int Number { get; set; }

    public required string Name { get; set; }

    /// <summary>The sheet's name in the Kemenkes workbook (Excel cuts names at 31 characters).</summary>
    public string? SheetName { get; set; }

    /// <summary>How many indicators the source says this tatanan has (to show what is still missing).</summary>
    public int? ExpectedIndicatorCount { get; set; }

    public List<IndicatorRecord> Indicators { get; set; } = [];
}

/// <summary>An indicator (code T{tatanan}.{number}) with its definition, data source, evidence, scale and owners.</summary>
public sealed class IndicatorRecord
{
    public required string InstrumentId { get; set; }

    public required string Code { get; set; }

    public int TatananNumber { get; set; }

    public int Number { get; set; }

    public required string Name { get; set; }

    /// <summary>Definisi operasional.</summary>
    public required string Definition { get; set; }

    /// <summary>Sumber data: the owning OPD(s) and national system as the instrument writes them.</summary>
    public required string DataSource { get; set; }

    /// <summary>Bukti dukung.</summary>
    public required string RequiredEvidence { get; set; }

    /// <summary>The threshold the indicator is tested against, as the source writes it (e.g. "≥90%").</summary>
    public string? Target { get; set; }

    /// <summary>A note for the secretariat (e.g. why an owner was assumed).</summary>
    public string? Note { get; set; }

    public List<IndicatorScaleStepRecord> ScaleSteps { get; set; } = [];

    public List<IndicatorOpdRecord> Opds { get; set; } = [];
}

/// <summary>One step of an indicator's scale (skala): a score (0, 25, 50, 75, 100) and the condition that earns it.</summary>
public sealed class IndicatorScaleStepRecord
{
    public required string InstrumentId { get; set; }

    public required string IndicatorCode { get; set; }

    public int Score { get; set; }

    public required string Condition { get; set; }
}

/// <summary>An OPD that owns (supplies data and evidence for) an indicator; position 0 is the main one.</summary>
public sealed class IndicatorOpdRecord
{
    public required string InstrumentId { get; set; }

    public required string IndicatorCode { get; set; }

    public required string OpdCode { get; set; }

    public int Position { get; set; }
}

/// <summary>A prerequisite per award level: the ODF share and indicator score a regency needs (Padapa, Wiwerda, Wistara).</summary>
public sealed class InstrumentPrerequisiteRecord
{
    public required string InstrumentId { get; set; }

    public required string AwardLevel { get; set; }

    /// <summary>1 = lowest level.</summary>
    public int Rank { get; set; }

    public int MinOdfPercent { get; set; }

    public int MinScorePercent { get; set; }

    public int? MaxScorePercent { get; set; }
}

/// <summary>An item of the institutional checklist (kelembagaan), e.g. "Forum KKS: SK".</summary>
public sealed class KelembagaanItemRecord
{
    public required string InstrumentId { get; set; }

    public required string Code { get; set; }

    /// <summary>The body the item is about: Forum KKS, Tim Pembina, Forum Komunikasi Kecamatan Sehat, Pokja Desa/Kelurahan.</summary>
    public required string Body { get; set; }

    public required string Name { get; set; }

    public int Position { get; set; }
}
