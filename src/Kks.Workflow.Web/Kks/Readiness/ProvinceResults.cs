using System.Globalization;
using System.Text;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Instruments;
using Kks.Workflow.Web.Instruments.Exchange;

namespace Kks.Workflow.Web.Readiness;

/// <summary>The province's verdict on one indicator.</summary>
public sealed record ProvinceLine(string Code, int? Score, string? Note)
{
    /// <summary>The province flagged it when it wrote a note: the owning OPDs get "Perbaiki temuan provinsi".</summary>
    public bool Flagged => !string.IsNullOrWhiteSpace(Note);

    /// <summary>Where it was read from (sheet and row), for the problem list; null when entered on the page.</summary>
    public SourceRow? Source { get; init; }
}

/// <summary>
/// The province's review results (message <c>HasilReviuProvinsi</c>): one score (0/25/50/75/100) and note per
/// indicator, entered on the dashboard's form, posted as JSON, or imported from a sheet (.xlsx or .csv with the
/// columns Kode, Nilai Provinsi, Catatan Provinsi: the readiness export filled in by the province reads back as is).
/// All or nothing: every bad row is reported with its number and nothing is sent. Accepted results are delivered as
/// the message's variables (<c>hasilProvinsi</c>, <c>opdPerbaikan</c>: the taking-part OPDs owning a flagged
/// indicator, <c>hasilProvinsiDiterima</c>), so they are stored in the very transaction that moves the workflow on.
/// </summary>
public sealed class ProvinceResults(ReadinessReader reader, WorkflowRuntime runtime, TimeProvider clock)
{
    public const string MessageName = "HasilReviuProvinsi";
    public const string CodeColumn = "Kode";
    public const string ScoreColumn = "Nilai Provinsi";
    public const string NoteColumn = "Catatan Provinsi";
    private static readonly int[] Scale = [0, 25, 50, 75, 100];

    /// <summary>The province scores on the instrument's scale: 0, 25, 50, 75, 100.</summary>
    public static bool OnScale(int score) => Scale.Contains(score);

    /// <summary>Reads a sheet or CSV into lines; problems for every bad row (an empty list when all is well).</summary>
    public static IReadOnlyList<ProvinceLine> Parse(Stream content, string format, List<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(problems);
        List<SheetTable> tables;
        if (format == "xlsx")
        {
            var sheets = Xlsx.Read(content);
            if (sheets is null)
            {
                problems.Add(ImportProblem.At(null, "Berkas bukan buku kerja Excel (.xlsx) yang bisa dibaca.", "The file is not a readable Excel workbook (.xlsx)."));
                return [];
            }

            tables = sheets.Select(s => SheetTable.FromRows(s.Name, s.Rows)).Where(t => t.Has(CodeColumn) && t.Has(ScoreColumn)).ToList();
        }
        else
        {
            using var text = new StreamReader(content, Encoding.UTF8);
            var table = SheetTable.FromRows("CSV", Csv.Parse(text.ReadToEnd()));
            tables = table.Has(CodeColumn) && table.Has(ScoreColumn) ? [table] : [];
        }

        if (tables.Count == 0)
        {
            problems.Add(ImportProblem.At(null,
                $"Tidak ada sheet dengan kolom '{CodeColumn}' dan '{ScoreColumn}' (opsional '{NoteColumn}'): pakai ekspor laporan kesiapan dan isi kedua kolom provinsi.",
                $"No sheet has the columns '{CodeColumn}' and '{ScoreColumn}' (optionally '{NoteColumn}'): use the readiness export and fill in the province columns."));
            return [];
        }

        var lines = new List<ProvinceLine>();
        foreach (var table in tables)
        {
            foreach (var (row, cells) in table.Rows)
            {
                var code = table.Text(cells, CodeColumn);
                var scoreText = table.Text(cells, ScoreColumn);
                var note = table.Text(cells, NoteColumn);
                if (code is null)
                {
                    continue;
                }

                int? score = null;
                if (scoreText is not null)
                {
                    score = int.TryParse(scoreText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
                }

                lines.Add(new ProvinceLine(code, score, note) { Source = new SourceRow(table.Name, row) });
            }
        }

        return lines;
    }

    /// <summary>Checks the lines against the campaign's indicators; delivers the message when none is bad.</summary>
    public async Task<int> SubmitAsync(string campaignId, IReadOnlyList<ProvinceLine> lines, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(problems);
        var readiness = await reader.ReadAsync(campaignId, cancellationToken).ConfigureAwait(false)
            ?? throw Api.RestException.NotFound($"Kampanye '{campaignId}' tidak ditemukan.", $"Campaign '{campaignId}' was not found.");
        var indicators = readiness.Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var accepted = new List<ProvinceLine>();
        foreach (var line in lines)
        {
            var source = line.Source;
            if (!indicators.ContainsKey(line.Code))
            {
                problems.Add(ImportProblem.At(source, $"kode '{line.Code}' bukan indikator kampanye ini: periksa kodenya (misalnya T1.3).",
                    $"code '{line.Code}' is not an indicator of this campaign: check it (e.g. T1.3)."));
                continue;
            }

            if (!seen.Add(line.Code))
            {
                problems.Add(ImportProblem.At(source, $"indikator {line.Code} muncul lebih dari sekali: sisakan satu baris.", $"indicator {line.Code} appears more than once: keep one row."));
                continue;
            }

            if (line.Score is { } score && !Scale.Contains(score))
            {
                problems.Add(ImportProblem.At(source, $"nilai provinsi indikator {line.Code} harus 0, 25, 50, 75 atau 100.", $"the province score of {line.Code} must be 0, 25, 50, 75 or 100."));
                continue;
            }

            if (line.Score is null && line.Note is null)
            {
                continue;
            }

            accepted.Add(line);
        }

        if (problems.Count == 0 && accepted.Count == 0)
        {
            problems.Add(ImportProblem.At(null, "Tidak ada satu pun nilai atau catatan provinsi: isi kolom Nilai Provinsi.", "No province score or note at all: fill in the Nilai Provinsi column."));
        }

        if (problems.Count > 0)
        {
            return 0;
        }

        var flaggedOpds = accepted.Where(l => l.Flagged).SelectMany(l => indicators[l.Code].Parts.Select(p => p.OpdCode)).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).Select(c => (object?)c).ToList();
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [ReadinessReader.ProvinceVariable] = accepted.Select(l => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["kode"] = l.Code,
                ["nilai"] = l.Score is { } s ? (long)s : null,
                ["catatan"] = l.Note,
            }).ToList(),
            ["opdPerbaikan"] = flaggedOpds,
            [ReadinessReader.ProvinceReceivedVariable] = clock.GetUtcNow(),
        };
        try
        {
            await runtime.CorrelateMessageAsync(MessageName, campaignId, null, variables, all: false, cancellationToken).ConfigureAwait(false);
        }
        catch (MismatchingMessageCorrelationException)
        {
            problems.Add(ImportProblem.At(null,
                $"Penilaian kampanye '{campaignId}' belum menunggu hasil reviu provinsi (langkah 'Kirim penilaian mandiri ke provinsi' belum selesai): selesaikan dulu, lalu kirim lagi.",
                $"Campaign '{campaignId}''s assessment is not waiting for the province's results yet (finish 'Kirim penilaian mandiri ke provinsi' first), then send again."));
            return 0;
        }

        return accepted.Count;
    }

    /// <summary>The lines held in the process variable (a list of {kode, nilai, catatan}), by code.</summary>
    public static IReadOnlyDictionary<string, ProvinceLine> FromVariable(object? value)
    {
        var result = new Dictionary<string, ProvinceLine>(StringComparer.Ordinal);
        if (value is not IEnumerable<object?> items)
        {
            return result;
        }

        foreach (var item in items.OfType<IReadOnlyDictionary<string, object?>>())
        {
            if (item.GetValueOrDefault("kode") is string code)
            {
                var score = ReadinessReader.Number(item.GetValueOrDefault("nilai"));
                result[code] = new ProvinceLine(code, score is { } s ? (int)s : null, item.GetValueOrDefault("catatan") as string);
            }
        }

        return result;
    }
}
