using System.Globalization;

namespace Kks.Workflow.Web.Instruments.Exchange;

/// <summary>
/// A sheet (or CSV file) as rows of text under a header row, read by column title rather than position, so the
/// secretariat may reorder or add columns. Row numbers are the ones Excel shows (the header is row 1).
/// </summary>
internal sealed class SheetTable(string name, IReadOnlyList<string> header, IReadOnlyList<(int Row, IReadOnlyList<string?> Cells)> rows)
{
    public string Name { get; } = name;

    public IReadOnlyList<(int Row, IReadOnlyList<string?> Cells)> Rows { get; } = rows;

    /// <summary>The first row that is not empty is the header.</summary>
    public static SheetTable FromRows(string name, IReadOnlyList<(int Row, IReadOnlyList<string?> Cells)> all)
    {
        var start = 0;
        while (start < all.Count && all[start].Cells.All(string.IsNullOrWhiteSpace))
        {
            start++;
        }

        if (start == all.Count)
        {
            return new SheetTable(name, [], []);
        }

        var header = all[start].Cells.Select(c => Normalize(c ?? "")).ToList();
        var body = all.Skip(start + 1).Where(r => !r.Cells.All(string.IsNullOrWhiteSpace)).ToList();
        return new SheetTable(name, header, body);
    }

    public bool Has(string column) => IndexOf(column) >= 0;

    /// <summary>The trimmed text of a cell, or null when the column is absent or the cell empty.</summary>
    public string? Text(IReadOnlyList<string?> cells, string column)
    {
        var index = IndexOf(column);
        if (index < 0 || index >= cells.Count)
        {
            return null;
        }

        var value = cells[index]?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>A whole number cell; a problem (and null) when it holds something else.</summary>
    public int? Number(int row, IReadOnlyList<string?> cells, string column, List<ImportProblem> problems)
    {
        var text = Text(cells, column);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value == Math.Floor(value) && Math.Abs(value) < 1_000_000)
        {
            return (int)value;
        }

        problems.Add(ImportProblem.At(new SourceRow(Name, row), $"kolom '{column}' berisi '{text}', bukan bilangan bulat: tulis angka, misalnya 3.",
            $"column '{column}' holds '{text}', not a whole number: write a number, e.g. 3."));
        return null;
    }

    /// <summary>A problem for each required column the header lacks.</summary>
    public bool RequireColumns(List<ImportProblem> problems, params string[] columns)
    {
        var missing = columns.Where(c => !Has(c)).ToList();
        foreach (var column in missing)
        {
            problems.Add(ImportProblem.At(new SourceRow(Name, 1), $"kolom '{column}' tidak ada di baris judul: tambahkan kolom itu (judul kolom yang dikenal tertulis di README).",
                $"the header has no '{column}' column: add it (the README lists the known column titles)."));
        }

        return missing.Count == 0;
    }

    private int IndexOf(string column)
    {
        var wanted = Normalize(column);
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i] == wanted)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Normalize(string title) => string.Join(' ', title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
