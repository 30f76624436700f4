using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Kks.Workflow.Web.Instruments.Exchange;

/// <summary>Plain .xlsx reading and writing with the Open XML SDK: text and whole numbers, a bold header, no formulas.</summary>
internal static class Xlsx
{
    public sealed record Sheet(string Name, IReadOnlyList<object?[]> Rows, IReadOnlyList<double>? Widths = null);

    public static byte[] Write(IEnumerable<Sheet> sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var list = workbook.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var sheet in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < sheet.Rows.Count; r++)
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    for (var c = 0; c < sheet.Rows[r].Length; c++)
                    {
                        if (Cell(sheet.Rows[r][c], Column(c) + (r + 1).ToString(CultureInfo.InvariantCulture), header: r == 0) is { } cell)
                        {
                            row.Append(cell);
                        }
                    }

                    data.Append(row);
                }

                var worksheet = new Worksheet();
                if (sheet.Widths is { Count: > 0 } widths)
                {
                    worksheet.Append(new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })));
                }

                worksheet.Append(data);
                part.Worksheet = worksheet;
                list.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = sheet.Name });
            }
        }

        return stream.ToArray();
    }

    /// <summary>Every sheet's rows (1-based numbers as Excel shows them) as text; null when the bytes are not a workbook.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<(int Row, IReadOnlyList<string?> Cells)> Rows)>? Read(Stream stream)
    {
        try
        {
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart;
            if (workbook?.Workbook.Sheets is null)
            {
                return null;
            }

            var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var result = new List<(string, IReadOnlyList<(int, IReadOnlyList<string?>)>)>();
            foreach (var sheet in workbook.Workbook.Sheets.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>())
            {
                if (sheet.Id?.Value is not { } partId || workbook.GetPartById(partId) is not WorksheetPart part)
                {
                    continue;
                }

                var rows = new List<(int, IReadOnlyList<string?>)>();
                foreach (var row in part.Worksheet.Descendants<Row>())
                {
                    var cells = new List<string?>();
                    foreach (var cell in row.Elements<Cell>())
                    {
                        var index = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
                        while (cells.Count < index)
                        {
                            cells.Add(null);
                        }

                        cells.Add(Value(cell, strings));
                    }

                    rows.Add(((int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1)), cells));
                }

                result.Add((sheet.Name?.Value ?? "", rows));
            }

            return result;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or ArgumentException)
        {
            return null;
        }
    }

    private static string? Value(Cell cell, List<string> strings)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText;
        }

        var raw = cell.CellValue?.Text;
        if (raw is null)
        {
            return null;
        }

        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count ? strings[i] : null;
        }

        return raw;
    }

    private static Cell? Cell(object? value, string reference, bool header)
    {
        Cell? cell = value switch
        {
            null => null,
            int n => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(n) },
            double d => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(d) },
            bool b => new Cell { CellReference = reference, InlineString = new InlineString(new Text(b ? "ya" : "tidak")), DataType = CellValues.InlineString },
            _ => new Cell
            {
                CellReference = reference,
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "") { Space = SpaceProcessingModeValues.Preserve }),
            },
        };
        if (cell is not null)
        {
            // Style 1: bold header; style 2: wrapped text, top-aligned (long definitions stay readable).
            cell.StyleIndex = header ? 1U : 2U;
        }

        return cell;
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true }) { Count = 3 });

    public static string Column(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter))
        {
            index = (index * 26) + (char.ToUpperInvariant(ch) - 'A' + 1);
        }

        return index - 1;
    }
}
