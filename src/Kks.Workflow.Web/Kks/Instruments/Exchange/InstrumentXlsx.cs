using System.Globalization;
using System.Text.RegularExpressions;
using static Kks.Workflow.Web.Instruments.Exchange.InstrumentColumns;

namespace Kks.Workflow.Web.Instruments.Exchange;

/// <summary>
/// An instrument as an Excel workbook: a sheet "Instrumen" (id, cycle, name, official, provenance), "Tatanan" (the
/// list), one sheet per tatanan named as the Kemenkes workbook names it (e.g. "Tatanan 1 Sehat Mandiri") with one
/// indicator per row, "Prasyarat" (ODF and score per award level) and "Kelembagaan" (the checklist).
/// </summary>
internal static partial class InstrumentXlsx
{
    public const string InfoSheet = "Instrumen";
    public const string TatananSheet = "Tatanan";
    public const string PrerequisiteSheet = "Prasyarat";
    public const string KelembagaanSheet = "Kelembagaan";

    public static byte[] Write(InstrumentDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sheets = new List<Xlsx.Sheet>
        {
            new(InfoSheet, [
                ["Kolom", "Isi"], ["Id", document.Id], ["Siklus", document.Cycle], ["Nama", document.Name],
                ["Resmi", document.Official ? "ya" : "tidak"], ["Keterangan", document.Provenance],
            ], [14, 120]),
            new(TatananSheet, [
                [No, "Nama Tatanan", "Nama Sheet", "Jumlah Indikator Menurut Sumber"],
                .. document.Tatanan.Select(t => new object?[] { t.Number, t.Name, SheetName(t), t.ExpectedIndicatorCount }),
            ], [6, 50, 36, 16]),
        };
        foreach (var tatanan in document.Tatanan)
        {
            sheets.Add(new Xlsx.Sheet(SheetName(tatanan), [[.. IndicatorHeader], .. tatanan.Indicators.Select(IndicatorCells)],
                [6, 8, 40, 50, 24, 50, 30, 30, 30, 30, 30, 14, 20, 40]));
        }

        sheets.Add(new Xlsx.Sheet(PrerequisiteSheet, [
            ["Tingkat", "Urutan", "ODF Minimal (%)", "Nilai Minimal (%)", "Nilai Maksimal (%)"],
            .. document.Prerequisites.Select(p => new object?[] { p.AwardLevel, p.Rank, p.MinOdfPercent, p.MinScorePercent, p.MaxScorePercent }),
        ], [14, 10, 16, 16, 18]));
        sheets.Add(new Xlsx.Sheet(KelembagaanSheet, [
            ["Kode", "Lembaga", "Butir"],
            .. document.Kelembagaan.Select(k => new object?[] { k.Code, k.Body, k.Name }),
        ], [12, 36, 50]));
        return Xlsx.Write(sheets);
    }

    /// <summary>
    /// Reads a workbook into a document; problems found while reading (not a workbook, missing columns, text where
    /// a number belongs) are added to <paramref name="problems"/>. <paramref name="id"/> is the instrument the upload is for.
    /// </summary>
    public static InstrumentDocument Read(Stream stream, string id, List<ImportProblem> problems)
    {
        var document = new InstrumentDocument { Id = id };
        var sheets = Xlsx.Read(stream);
        if (sheets is null)
        {
            problems.Add(ImportProblem.At(null, "Berkas bukan buku kerja Excel (.xlsx) yang sah: simpan ulang sebagai .xlsx lalu unggah lagi.",
                "The file is not a valid Excel workbook (.xlsx): save it again as .xlsx and upload it again."));
            return document;
        }

        var tables = sheets.Select(s => SheetTable.FromRows(s.Name, s.Rows)).ToList();
        ReadInfo(tables.FirstOrDefault(t => t.Name == InfoSheet), document, problems);
        ReadTatanan(tables, document, problems);
        if (tables.FirstOrDefault(t => t.Name == PrerequisiteSheet) is { } prerequisites)
        {
            foreach (var (row, cells) in prerequisites.Rows)
            {
                document.Prerequisites.Add(new PrerequisiteDocument
                {
                    AwardLevel = prerequisites.Text(cells, "Tingkat") ?? "",
                    Rank = prerequisites.Number(row, cells, "Urutan", problems) ?? 0,
                    MinOdfPercent = prerequisites.Number(row, cells, "ODF Minimal (%)", problems) ?? 0,
                    MinScorePercent = prerequisites.Number(row, cells, "Nilai Minimal (%)", problems) ?? 0,
                    MaxScorePercent = prerequisites.Number(row, cells, "Nilai Maksimal (%)", problems),
                    Source = new SourceRow(prerequisites.Name, row),
                });
            }
        }

        if (tables.FirstOrDefault(t => t.Name == KelembagaanSheet) is { } kelembagaan)
        {
            foreach (var (row, cells) in kelembagaan.Rows)
            {
                document.Kelembagaan.Add(new KelembagaanDocument
                {
                    Code = kelembagaan.Text(cells, "Kode") ?? "",
                    Body = kelembagaan.Text(cells, "Lembaga") ?? "",
                    Name = kelembagaan.Text(cells, "Butir") ?? "",
                    Source = new SourceRow(kelembagaan.Name, row),
                });
            }
        }

        return document;
    }

    private static void ReadInfo(SheetTable? info, InstrumentDocument document, List<ImportProblem> problems)
    {
        if (info is null)
        {
            problems.Add(ImportProblem.At(null, $"Sheet '{InfoSheet}' tidak ada: tambahkan sheet dengan baris Id, Siklus, Nama (unduh ekspor untuk contohnya).",
                $"There is no '{InfoSheet}' sheet: add one with rows Id, Siklus, Nama (download an export for an example)."));
            return;
        }

        var values = info.Rows.ToDictionary(r => (info.Text(r.Cells, "Kolom") ?? "").ToUpperInvariant(), r => (r.Row, Value: info.Text(r.Cells, "Isi")));
        if (values.TryGetValue("ID", out var id) && id.Value is not null && id.Value != document.Id)
        {
            problems.Add(ImportProblem.At(new SourceRow(InfoSheet, id.Row), $"Id '{id.Value}' berbeda dengan instrumen yang diimpor ('{document.Id}'): samakan atau kosongkan.",
                $"Id '{id.Value}' differs from the instrument being imported ('{document.Id}'): make them agree or leave it empty."));
        }

        if (values.TryGetValue("SIKLUS", out var cycle))
        {
            document.Cycle = info.Number(cycle.Row, [null, cycle.Value], "Isi", problems) ?? 0;
        }

        document.Name = values.GetValueOrDefault("NAMA").Value ?? "";
        document.Official = values.GetValueOrDefault("RESMI").Value?.ToUpperInvariant() is "YA" or "YES" or "TRUE" or "1";
        document.Provenance = values.GetValueOrDefault("KETERANGAN").Value;
    }

    private static void ReadTatanan(List<SheetTable> tables, InstrumentDocument document, List<ImportProblem> problems)
    {
        var list = tables.FirstOrDefault(t => t.Name == TatananSheet);
        var used = new HashSet<string>(StringComparer.Ordinal);
        if (list is not null && list.RequireColumns(problems, No, "Nama Tatanan"))
        {
            foreach (var (row, cells) in list.Rows)
            {
                var tatanan = new TatananDocument
                {
                    Number = list.Number(row, cells, No, problems) ?? 0,
                    Name = list.Text(cells, "Nama Tatanan") ?? "",
                    SheetName = list.Text(cells, "Nama Sheet"),
                    ExpectedIndicatorCount = list.Number(row, cells, "Jumlah Indikator Menurut Sumber", problems),
                    Source = new SourceRow(list.Name, row),
                };
                var sheet = tables.FirstOrDefault(t => t.Name == SheetName(tatanan))
                            ?? tables.FirstOrDefault(t => TatananSheetPattern().Match(t.Name) is { Success: true } m && m.Groups[1].Value == tatanan.Number.ToString(CultureInfo.InvariantCulture));
                if (sheet is not null)
                {
                    used.Add(sheet.Name);
                    ReadIndicators(sheet, tatanan, problems);
                }

                document.Tatanan.Add(tatanan);
            }
        }
        else if (list is null)
        {
            problems.Add(ImportProblem.At(null, $"Sheet '{TatananSheet}' tidak ada: tambahkan daftar tatanan (kolom No, Nama Tatanan, Nama Sheet).",
                $"There is no '{TatananSheet}' sheet: add the list of tatanan (columns No, Nama Tatanan, Nama Sheet)."));
        }

        foreach (var orphan in tables.Where(t => !used.Contains(t.Name) && TatananSheetPattern().IsMatch(t.Name) && t.Rows.Count > 0))
        {
            problems.Add(ImportProblem.At(new SourceRow(orphan.Name, 1), "sheet ini tidak cocok dengan tatanan mana pun di sheet 'Tatanan': tambahkan tatanannya di sana atau samakan nama sheet.",
                "this sheet matches no tatanan in the 'Tatanan' sheet: add the tatanan there or make the sheet names agree."));
        }
    }

    private static void ReadIndicators(SheetTable sheet, TatananDocument tatanan, List<ImportProblem> problems)
    {
        if (sheet.Rows.Count == 0 || !sheet.RequireColumns(problems, Code, Indicator, Opds))
        {
            return;
        }

        foreach (var (row, cells) in sheet.Rows)
        {
            tatanan.Indicators.Add(ReadIndicator(sheet, row, cells, problems));
        }
    }

    /// <summary>Excel allows 31 characters and no []:*?/\ in a sheet's name.</summary>
    public static string SheetName(TatananDocument tatanan)
    {
        var name = tatanan.SheetName ?? "Tatanan " + tatanan.Number.ToString(CultureInfo.InvariantCulture);
        name = string.Concat(name.Where(c => "[]:*?/\\".IndexOf(c, StringComparison.Ordinal) < 0));
        return name.Length > 31 ? name[..31] : name;
    }

    [GeneratedRegex(@"^Tatanan (\d+)\b")]
    private static partial Regex TatananSheetPattern();
}
