namespace Kks.Workflow.Web.Instruments.Exchange;

/// <summary>
/// The column titles of an indicator row, shared by the Excel sheets and the CSV file. The first six follow the
/// fields of the Kemenkes instrument sheets (No, Indikator, Definisi Operasional, Sumber Data, Bukti Dukung, Skala);
/// the scale is split into one column per step, and Kode, Target, OPD Penanggung Jawab and Catatan are this
/// application's additions.
/// </summary>
internal static class InstrumentColumns
{
    public const string Tatanan = "Tatanan";
    public const string TatananName = "Nama Tatanan";
    public const string No = "No";
    public const string Code = "Kode";
    public const string Indicator = "Indikator";
    public const string Definition = "Definisi Operasional";
    public const string DataSource = "Sumber Data";
    public const string Evidence = "Bukti Dukung";
    public const string Target = "Target";
    public const string Opds = "OPD Penanggung Jawab";
    public const string Note = "Catatan";

    public static string Scale(int score) => "Skala " + score.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The indicator columns in the order the exports write them.</summary>
    public static IReadOnlyList<string> IndicatorHeader { get; } =
        [No, Code, Indicator, Definition, DataSource, Evidence, .. InstrumentTemplates.Scores.Select(Scale), Target, Opds, Note];

    public static object?[] IndicatorCells(IndicatorDocument i) =>
    [
        i.Number, i.Code, i.Name, i.Definition, i.DataSource, i.RequiredEvidence,
        .. InstrumentTemplates.Scores.Select(s => (object?)i.Scale?.FirstOrDefault(x => x.Score == s)?.Condition),
        i.Target, string.Join(", ", i.Opds), i.Note,
    ];

    /// <summary>Reads one indicator row; number problems go to <paramref name="problems"/>, the rest is checked by the validator.</summary>
    public static IndicatorDocument ReadIndicator(SheetTable table, int row, IReadOnlyList<string?> cells, List<ImportProblem> problems)
    {
        var indicator = new IndicatorDocument
        {
            Code = table.Text(cells, Code) ?? "",
            Number = table.Number(row, cells, No, problems) ?? 0,
            Name = table.Text(cells, Indicator) ?? "",
            Definition = table.Text(cells, Definition),
            DataSource = table.Text(cells, DataSource),
            RequiredEvidence = table.Text(cells, Evidence),
            Target = table.Text(cells, Target),
            Note = table.Text(cells, Note),
            // No scale columns at all: the template scale (marked [TEMPLAT]); a column present but a cell empty is an error.
            Scale = InstrumentTemplates.Scores.Any(s => table.Has(Scale(s)))
                ? InstrumentTemplates.Scores.Select(s => new ScaleStepDocument(s, table.Text(cells, Scale(s)) ?? "")).ToList()
                : null,
            Source = new SourceRow(table.Name, row),
        };
        foreach (var opd in (table.Text(cells, Opds) ?? "").Split([',', ';', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            indicator.Opds.Add(opd.ToLowerInvariant());
        }

        return indicator;
    }
}
