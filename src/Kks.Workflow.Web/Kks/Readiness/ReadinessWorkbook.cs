using Kks.Workflow.Web.Instruments.Exchange;

namespace Kks.Workflow.Web.Readiness;

/// <summary>
/// The readiness report as Excel in the Kemenkes sheets' column order (Tatanan, No, Kode, Indikator, Skala, Nilai
/// Mandiri, Tautan Bukti, Nilai Provinsi, Catatan Provinsi), then this application's columns (OPD, Status, Catatan
/// Reviu). One sheet for all indicators (Laporan Kesiapan), one summary sheet per tatanan (Ringkasan). The province
/// may fill in Nilai Provinsi and Catatan Provinsi and the file imports back as its results.
/// </summary>
internal static class ReadinessWorkbook
{
    public const string ReportSheet = "Laporan Kesiapan";
    public const string SummarySheet = "Ringkasan";

    public static readonly IReadOnlyList<string> Header =
    [
        "Tatanan", "No", ProvinceResults.CodeColumn, "Indikator", "Target", "Skala", "Nilai Mandiri", "Tautan Bukti",
        ProvinceResults.ScoreColumn, ProvinceResults.NoteColumn, "OPD Penanggung Jawab", "Status", "Catatan Reviu Sekretariat",
    ];

    public static byte[] Write(CampaignReadiness readiness, string baseUrl, params Xlsx.Sheet[] extra)
    {
        ArgumentNullException.ThrowIfNull(readiness);
        var rows = new List<object?[]> { Header.Cast<object?>().ToArray() };
        foreach (var i in readiness.Indicators)
        {
            rows.Add([
                $"{i.TatananNumber}. {i.TatananName}", i.Number, i.Code, i.Name, i.Target, "0/25/50/75/100", i.SelfScore,
                i.Evidence.Count == 0 ? null : string.Join("\n", i.Evidence.Select(e => $"{baseUrl}/bukti/{e.Id} ({e.FileName})")),
                i.ProvinceScore, i.ProvinceNote,
                string.Join(", ", i.Parts.Select(p => p.OpdName)), ReadinessFigures.StateWord(i.State),
                string.Join("\n", i.Parts.Where(p => p.ReviewNote is not null).Select(p => $"{p.OpdName}: {p.ReviewNote}")) is { Length: > 0 } notes ? notes : null,
            ]);
        }

        var figures = ReadinessFigures.Compute(readiness);
        var summary = new List<object?[]> { new object?[] { "Tatanan", "Nama Tatanan", "Jumlah Indikator", "Bukti Disetujui", "Bukti Disetujui (%)", "Nilai Mandiri (%)", "Nilai Provinsi (%)" } };
        summary.AddRange(figures.Tatanan.OrderBy(t => t.Number).Select(t => new object?[]
        {
            t.Number, t.Name, t.Indicators, t.Approved, Round(t.ApprovedPercent), Round(t.ScorePercent), Round(t.ProvincePercent),
        }));
        summary.Add(["", "Seluruh kampanye", figures.Indicators, figures.Approved, Round(figures.ApprovedPercent), Round(figures.ScorePercent), Round(figures.ProvincePercent)]);
        return Xlsx.Write([
            new Xlsx.Sheet(ReportSheet, rows, [30, 5, 8, 50, 12, 14, 10, 50, 10, 40, 30, 12, 40]),
            new Xlsx.Sheet(SummarySheet, summary, [8, 40, 12, 12, 12, 12, 12]),
            .. extra,
        ]);
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;
}
