using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Kks.Workflow.Web.Tests.Designer;

/// <summary>
/// What a save by the editor must keep of a file: every element (by its nearest id-bearing ancestor, name, attributes
/// and text), every attribute value, and every diagram coordinate. Namespace prefixes may change (bpmn2: → bpmn:),
/// so names are compared by namespace URI, and xsi:type by its local type name.
/// </summary>
internal static class RoundTrip
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>The differences as sentences (empty when the saved file kept everything).</summary>
    public static IReadOnlyList<string> Lost(string original, string saved)
    {
        var before = Signatures(Load(original));
        var after = Signatures(Load(saved));
        var lost = new List<string>();
        foreach (var (signature, count) in before)
        {
            var kept = after.GetValueOrDefault(signature);
            if (kept < count)
            {
                lost.Add($"{count - kept} × {signature}");
            }
        }

        return lost;
    }

    private static XDocument Load(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        return XDocument.Load(reader);
    }

    private static Dictionary<string, int> Signatures(XDocument document)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var element in document.Root!.DescendantsAndSelf())
        {
            var owner = element.Ancestors().FirstOrDefault(a => a.Attribute("id") is not null)?.Attribute("id")!.Value ?? "";
            var attributes = element.Attributes().Where(a => !a.IsNamespaceDeclaration)
                .Select(a => a.Name + "=" + Value(a))
                .Order(StringComparer.Ordinal);
            var text = element.HasElements ? "" : element.Value.Trim();
            var signature = $"{owner} / {element.Name} [{string.Join(", ", attributes)}] {text}";
            result[signature] = result.GetValueOrDefault(signature) + 1;
        }

        return result;
    }

    private static string Value(XAttribute attribute)
    {
        if (attribute.Name == Xsi + "type")
        {
            return attribute.Value[(attribute.Value.IndexOf(':', StringComparison.Ordinal) + 1)..];
        }

        // Coordinates compare as numbers: "100" and "100.0" are the same point.
        return attribute.Parent!.Name.LocalName is "Bounds" or "waypoint"
               && double.TryParse(attribute.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number.ToString("R", CultureInfo.InvariantCulture)
            : attribute.Value;
    }
}
