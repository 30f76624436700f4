using System.Globalization;
using System.Text;
using static Kks.Workflow.Web.Instruments.Exchange.InstrumentColumns;

namespace Kks.Workflow.Web.Instruments.Exchange;

/// <summary>
/// The indicators of an instrument as one CSV file (UTF-8, comma-separated, RFC 4180 quoting; a semicolon-separated
/// file as Excel writes it in an Indonesian locale is read too): the indicator columns plus Tatanan (its number) and
/// Nama Tatanan. Prerequisites and the kelembagaan checklist travel in the Excel form only.
/// </summary>
internal static class InstrumentCsv
{
    public static byte[] Write(InstrumentDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new StringBuilder();
        WriteRow(text, [Tatanan, TatananName, .. IndicatorHeader]);
        foreach (var tatanan in document.Tatanan)
        {
            foreach (var indicator in tatanan.Indicators)
            {
                WriteRow(text, [tatanan.Number, tatanan.Name, .. IndicatorCells(indicator)]);
            }
        }

        // A byte order mark, so Excel opens the file as UTF-8 ("≥" and "–" intact).
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>The tatanan and indicators of the file (the rest of the document stays empty).</summary>
    public static InstrumentDocument Read(string text, string id, List<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        var document = new InstrumentDocument { Id = id };
        var table = SheetTable.FromRows("CSV", Csv.Parse(text.TrimStart('\uFEFF')));
        if (!table.RequireColumns(problems, Tatanan, Code, Indicator, Opds))
        {
            return document;
        }

        foreach (var (row, cells) in table.Rows)
        {
            var number = table.Number(row, cells, Tatanan, problems);
            if (number is null)
            {
                problems.Add(ImportProblem.At(new SourceRow(table.Name, row), "kolom 'Tatanan' kosong: tulis nomor tatanan, misalnya 1.", "the 'Tatanan' column is empty: write the tatanan's number, e.g. 1."));
                continue;
            }

            var tatanan = document.Tatanan.FirstOrDefault(t => t.Number == number);
            if (tatanan is null)
            {
                tatanan = new TatananDocument { Number = number.Value, Name = table.Text(cells, TatananName) ?? "", Source = new SourceRow(table.Name, row) };
                document.Tatanan.Add(tatanan);
            }

            tatanan.Indicators.Add(ReadIndicator(table, row, cells, problems));
        }

        return document;
    }

    private static void WriteRow(StringBuilder text, IEnumerable<object?> cells)
    {
        text.AppendJoin(',', cells.Select(c => Quote(Convert.ToString(c, CultureInfo.InvariantCulture) ?? ""))).Append("\r\n");
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', ';', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}

/// <summary>
/// RFC 4180 reading: quoted fields may hold separators, quotes ("") and line breaks. The separator is the header
/// line's: ',' or ';'. Rows are numbered as a spreadsheet shows the file (a record with a line break is one row).
/// </summary>
internal static class Csv
{
    public static IReadOnlyList<(int Row, IReadOnlyList<string?> Cells)> Parse(string text)
    {
        var firstLine = text.AsSpan(0, Math.Max(0, text.IndexOf('\n', StringComparison.Ordinal) is var n and >= 0 ? n : text.Length));
        var separator = firstLine.Count(';') > firstLine.Count(',') ? ';' : ',';
        var rows = new List<(int, IReadOnlyList<string?>)>();
        var cells = new List<string?>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                cells.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                cells.Add(field.ToString());
                field.Clear();
                rows.Add((rows.Count + 1, cells));
                cells = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || cells.Count > 0)
        {
            cells.Add(field.ToString());
            rows.Add((rows.Count + 1, cells));
        }

        return rows;
    }
}
