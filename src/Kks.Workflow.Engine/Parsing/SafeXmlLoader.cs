using System.Xml;
using System.Xml.Linq;

namespace Kks.Workflow.Engine.Parsing;

/// <summary>
/// Turns untrusted XML into an element tree without ever resolving a DTD or an entity, and within bounds on size,
/// depth and node count, so a hostile upload ends as a clear <see cref="BpmnParseException"/>, never as a hang, a
/// stack overflow or an out-of-memory. The tree is built in a loop (no recursion) while the limits are checked.
/// </summary>
internal static class SafeXmlLoader
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    // Windows tools still save models as windows-1252; .NET knows that code page only once the provider is registered.
    private static readonly bool CodePagesRegistered = RegisterCodePages();

    public static XElement Load(Stream stream)
    {
        _ = CodePagesRegistered;
        if (stream.CanSeek && stream.Length - stream.Position > BpmnParser.MaxDocumentSize)
        {
            throw TooLarge();
        }

        using var bounded = new BoundedStream(stream, BpmnParser.MaxDocumentSize, TooLarge);
        using var reader = XmlReader.Create(bounded, Settings());
        return Build(reader);
    }

    public static XElement Load(string xml)
    {
        if (xml.Length > BpmnParser.MaxDocumentSize)
        {
            throw TooLarge();
        }

        using var text = new StringReader(xml);
        using var reader = XmlReader.Create(text, Settings());
        return Build(reader);
    }

    private static bool RegisterCodePages()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        return true;
    }

    private static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = BpmnParser.MaxDocumentSize,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    private static XElement Build(XmlReader reader)
    {
        XElement? root = null;
        XElement? current = null;
        var nodes = 0;
        try
        {
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (reader.Depth >= BpmnParser.MaxDepth)
                        {
                            throw TooDeep(reader);
                        }

                        var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
                        nodes += 1 + reader.AttributeCount;
                        CopyAttributes(reader, element);
                        if (current is null)
                        {
                            root = element;
                        }
                        else
                        {
                            current.Add(element);
                        }

                        if (!reader.IsEmptyElement)
                        {
                            current = element;
                        }

                        break;
                    case XmlNodeType.EndElement:
                        current = current?.Parent;
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                        nodes++;
                        current?.Add(new XText(reader.Value));
                        break;
                    default:
                        break;
                }

                if (nodes > BpmnParser.MaxNodes)
                {
                    throw TooManyNodes(reader);
                }
            }
        }
        catch (XmlException ex)
        {
            throw NotXml(ex);
        }
        catch (System.Text.DecoderFallbackException ex)
        {
            throw new BpmnParseException(
                new BilingualText(
                    "Berkas berisi karakter yang tidak sesuai dengan pengodeannya: simpan ulang sebagai UTF-8.",
                    "The file holds characters that do not match its encoding: save it again as UTF-8."),
                ex);
        }

        return root ?? throw new BpmnParseException(new BilingualText(
            "Berkas kosong: unggah berkas .bpmn yang berisi sebuah proses.",
            "The file is empty: upload a .bpmn file that holds a process."));
    }

    private static void CopyAttributes(XmlReader reader, XElement element)
    {
        if (!reader.MoveToFirstAttribute())
        {
            return;
        }

        do
        {
            // Namespace declarations are already resolved into names; keeping them would only cost memory.
            if (reader.NamespaceURI != XmlnsNamespace)
            {
                element.SetAttributeValue(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value);
            }
        }
        while (reader.MoveToNextAttribute());

        reader.MoveToElement();
    }

    private static BpmnParseException NotXml(XmlException ex)
    {
        int? line = ex.LineNumber > 0 ? ex.LineNumber : null;
        int? position = ex.LinePosition > 0 ? ex.LinePosition : null;
        var where = line is null ? string.Empty : $" (baris {line}, kolom {position})";
        var whereEn = line is null ? string.Empty : $" (line {line}, column {position})";

        // The reader's message is the only place that says a DTD was met; it is English in every .NET build.
        if (ex.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return new BpmnParseException(
                new BilingualText(
                    $"Berkas memuat DTD (<!DOCTYPE>){where}, yang ditolak demi keamanan: hapus deklarasi DOCTYPE dari berkas.",
                    $"The file holds a DTD (<!DOCTYPE>){whereEn}, which is refused for security: remove the DOCTYPE declaration from the file."),
                ex, line, position);
        }

        // The reader repeats the position at the end of its message; it is already given in both languages.
        var detail = ex.Message;
        var at = detail.LastIndexOf(" Line ", StringComparison.Ordinal);
        detail = at > 0 && line is not null ? detail[..at] : detail;
        return new BpmnParseException(
            new BilingualText(
                $"Berkas bukan XML yang sah{where}: {detail} Simpan ulang dari pemodel BPMN.",
                $"The file is not well-formed XML{whereEn}: {detail} Save it again from the BPMN modeler."),
            ex, line, position);
    }

    private static BpmnParseException TooLarge() => new(new BilingualText(
        $"Berkas terlalu besar (lebih dari {BpmnParser.MaxDocumentSize / (1024 * 1024)} MB): pecah model menjadi beberapa berkas atau hapus bagian yang tidak perlu.",
        $"The file is too large (over {BpmnParser.MaxDocumentSize / (1024 * 1024)} MB): split the model into several files or remove what is not needed."));

    private static BpmnParseException TooDeep(XmlReader reader)
    {
        var (line, position) = Position(reader);
        return new BpmnParseException(
            new BilingualText(
                $"Elemen XML bersarang lebih dari {BpmnParser.MaxDepth} tingkat (baris {line}): sederhanakan model, misalnya kurangi subproses bertingkat.",
                $"XML elements are nested more than {BpmnParser.MaxDepth} levels deep (line {line}): simplify the model, e.g. use fewer nested sub-processes."),
            line, position);
    }

    private static BpmnParseException TooManyNodes(XmlReader reader)
    {
        var (line, position) = Position(reader);
        return new BpmnParseException(
            new BilingualText(
                $"Berkas memuat lebih dari {BpmnParser.MaxNodes:N0} simpul XML (baris {line}): pecah model menjadi beberapa berkas.",
                $"The file holds more than {BpmnParser.MaxNodes:N0} XML nodes (line {line}): split the model into several files."),
            line, position);
    }

    private static (int? Line, int? Position) Position(XmlReader reader) =>
        reader is IXmlLineInfo info && info.HasLineInfo() ? (info.LineNumber, info.LinePosition) : (null, null);
}
