using System.Text;

namespace Kks.Workflow.Web.Notifications.Mail.Admin;

/// <summary>
/// A small CSV reader for the directory imports: a header row, then data rows; fields may be quoted ("a, b" and
/// "" for a quote). The separator is ',' unless the header has ';' and no ',' (spreadsheets in Indonesian locale
/// save with ';'). Row numbers are the file's line numbers as a spreadsheet shows them (the header is row 1).
/// </summary>
internal sealed class CsvTable
{
    private CsvTable(IReadOnlyList<string> header, IReadOnlyList<(int Row, string[] Fields)> rows)
    {
        Header = header;
        Rows = rows;
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<(int Row, string[] Fields)> Rows { get; }

    public static CsvTable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.TrimStart('\uFEFF');
        var firstLine = text.Split('\n', 2)[0];
        var separator = firstLine.Contains(';', StringComparison.Ordinal) && !firstLine.Contains(',', StringComparison.Ordinal) ? ';' : ',';
        var records = Records(text, separator).Where(r => r.Fields.Any(f => f.Length > 0)).ToList();
        if (records.Count == 0)
        {
            return new CsvTable([], []);
        }

        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant().Replace(' ', '_')).ToList();
        return new CsvTable(header, records.Skip(1).ToList());
    }

    /// <summary>The column index of the first of these names in the header, or -1.</summary>
    public int Column(params string[] names) =>
        names.Select(n => Header.ToList().IndexOf(n)).FirstOrDefault(i => i >= 0, -1);

    public static string? Field(string[] fields, int column) =>
        column >= 0 && column < fields.Length && fields[column].Trim() is { Length: > 0 } value ? value : null;

    private static IEnumerable<(int Row, string[] Fields)> Records(string text, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var startLine = 1;
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
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return (startLine, fields.ToArray());
                    fields.Clear();
                    line++;
                    startLine = line;
                    break;
                default:
                    if (c == separator)
                    {
                        fields.Add(field.ToString());
                        field.Clear();
                    }
                    else
                    {
                        field.Append(c);
                    }

                    break;
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (startLine, fields.ToArray());
        }
    }
}
