using System.Text.Json.Serialization;

namespace Kks.Workflow.Web.Instruments;

/// <summary>
/// An instrument as exchanged: the shape of the shipped JSON files (Data/kks-2025.json), of the API's answer, and
/// what the Excel and CSV readers produce before validation. Mutable so the readers can fill it row by row.
/// </summary>
public sealed class InstrumentDocument
{
    public string Id { get; set; } = "";

    public int Cycle { get; set; }

    public string Name { get; set; } = "";

    public bool Official { get; set; }

    public string? Provenance { get; set; }

    /// <summary>Placeholder texts for fields a source lacks; filled in (marked [TEMPLAT]) when the instrument is stored.</summary>
    public InstrumentTemplates? Templates { get; set; }

    public IList<TatananDocument> Tatanan { get; init; } = [];

    public IList<PrerequisiteDocument> Prerequisites { get; init; } = [];

    public IList<KelembagaanDocument> Kelembagaan { get; init; } = [];

    public IEnumerable<IndicatorDocument> Indicators() => Tatanan.SelectMany(t => t.Indicators);
}

public sealed class TatananDocument
{
    public int Number { get; set; }

    public string Name { get; set; } = "";

    public string? SheetName { get; set; }

    public int? ExpectedIndicatorCount { get; set; }

    public IList<IndicatorDocument> Indicators { get; init; } = [];

    [JsonIgnore]
    public SourceRow? Source { get; set; }
}

public sealed class IndicatorDocument
{
    public string Code { get; set; } = "";

    public int Number { get; set; }

    public string Name { get; set; } = "";

    public string? Definition { get; set; }

    public string? DataSource { get; set; }

    public string? RequiredEvidence { get; set; }

    public string? Target { get; set; }

    public string? Note { get; set; }

    /// <summary>Missing in a file: the template scale is used.</summary>
    public IList<ScaleStepDocument>? Scale { get; set; }

    /// <summary>The owning OPDs' codes, the main one first.</summary>
    public IList<string> Opds { get; init; } = [];

    /// <summary>Where the row came from (sheet and row number), for error messages.</summary>
    [JsonIgnore]
    public SourceRow? Source { get; set; }
}

public sealed record ScaleStepDocument(int Score, string Condition);

public sealed class PrerequisiteDocument
{
    public string AwardLevel { get; set; } = "";

    public int Rank { get; set; }

    public int MinOdfPercent { get; set; }

    public int MinScorePercent { get; set; }

    public int? MaxScorePercent { get; set; }

    [JsonIgnore]
    public SourceRow? Source { get; set; }
}

public sealed class KelembagaanDocument
{
    public string Code { get; set; } = "";

    public string Body { get; set; } = "";

    public string Name { get; set; } = "";

    [JsonIgnore]
    public SourceRow? Source { get; set; }
}

/// <summary>A row of an imported sheet or CSV file: the place an error message points to (row numbers as Excel shows them).</summary>
public sealed record SourceRow(string Sheet, int Row);
