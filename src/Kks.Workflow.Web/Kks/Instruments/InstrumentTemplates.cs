namespace Kks.Workflow.Web.Instruments;

/// <summary>
/// Placeholder texts for what a source does not give (the 2025 reference lists names and source OPDs only). Every
/// placeholder starts with <see cref="Marker"/>, so any page, export or import shows it is not official text and the
/// secretariat sees what is still to be replaced.
/// </summary>
public sealed class InstrumentTemplates
{
    public const string Marker = "[TEMPLAT]";

    /// <summary>The scores of a KKS scale.</summary>
    public static readonly IReadOnlyList<int> Scores = [0, 25, 50, 75, 100];

    public string Definition { get; set; } = Marker + " Definisi operasional belum diisi: salin dari Instrumen KKS resmi Kemenkes untuk siklus ini.";

    public string DataSource { get; set; } = Marker + " Sumber data belum diisi: salin dari instrumen resmi.";

    public string RequiredEvidence { get; set; } = Marker + " Bukti dukung belum diisi: salin dari instrumen resmi.";

    public IList<ScaleStepDocument> Scale { get; init; } =
    [
        new(0, Marker + " Belum ada data"),
        new(25, Marker + " Data ada sebagian"),
        new(50, Marker + " Data lengkap, belum ada bukti dukung"),
        new(75, Marker + " Data dan bukti dukung lengkap, belum tervalidasi"),
        new(100, Marker + " Lengkap dan tervalidasi Kepala OPD"),
    ];

    public static bool IsTemplate(string? text) => text?.StartsWith(Marker, StringComparison.Ordinal) == true;

    /// <summary>Fills what each indicator lacks from the document's templates (or these defaults).</summary>
    public static void FillMissing(InstrumentDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var templates = document.Templates ?? new InstrumentTemplates();
        foreach (var indicator in document.Indicators())
        {
            indicator.Definition = string.IsNullOrWhiteSpace(indicator.Definition) ? templates.Definition : indicator.Definition;
            indicator.DataSource = string.IsNullOrWhiteSpace(indicator.DataSource) ? templates.DataSource : indicator.DataSource;
            indicator.RequiredEvidence = string.IsNullOrWhiteSpace(indicator.RequiredEvidence) ? templates.RequiredEvidence : indicator.RequiredEvidence;
            indicator.Scale ??= [.. templates.Scale];
        }
    }
}
