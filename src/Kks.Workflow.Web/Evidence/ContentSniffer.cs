using System.IO.Compression;

namespace Kks.Workflow.Web.Evidence;

/// <summary>A type recognised from a file's bytes: its short name (configuration), MIME type and usual extension.</summary>
public sealed record SniffedType(string Name, string ContentType, string Extension);

/// <summary>
/// Recognises evidence types by content, never by name or the browser's claim: PDF (%PDF-), JPEG (FF D8 FF), PNG (its
/// 8-byte signature), and the Office Open XML packages XLSX and DOCX (a ZIP holding [Content_Types].xml and xl/ or word/).
/// </summary>
public static class ContentSniffer
{
    public static readonly IReadOnlyList<string> Known = ["pdf", "jpeg", "png", "xlsx", "docx"];

    private static readonly SniffedType Pdf = new("pdf", "application/pdf", ".pdf");
    private static readonly SniffedType Jpeg = new("jpeg", "image/jpeg", ".jpg");
    private static readonly SniffedType Png = new("png", "image/png", ".png");
    private static readonly SniffedType Xlsx = new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
    private static readonly SniffedType Docx = new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");

    /// <summary>The file's type, or null when it is none of the known ones.</summary>
    public static SniffedType? Sniff(string path)
    {
        Span<byte> head = stackalloc byte[8];
        int read;
        using (var file = File.OpenRead(path))
        {
            read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        head = head[..read];
        if (head.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        return head.StartsWith("PK\u0003\u0004"u8) ? OfficePackage(path) : null;
    }

    private static SniffedType? OfficePackage(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.GetEntry("[Content_Types].xml") is null)
            {
                return null;
            }

            if (zip.Entries.Any(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal)))
            {
                return Xlsx;
            }

            return zip.Entries.Any(e => e.FullName.StartsWith("word/", StringComparison.Ordinal)) ? Docx : null;
        }
        catch (InvalidDataException)
        {
            return null; // starts like a ZIP but is not one
        }
    }
}
