using System.Xml;
using System.Xml.Linq;

namespace Kks.Workflow.Web.Api.Designer;

/// <summary>The element ids that differ between two versions of a model, for the Versi page's coloured diff.</summary>
public sealed record ModelDiffResult(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed);

/// <summary>
/// Compares two BPMN files element by element (by id): an element is changed when its own attributes or its
/// id-less children (conditions, extension elements, event definitions...) differ, or when its shape moved or was
/// resized. Only drawn elements are reported (they are what the page can colour); a drawn child is compared on its own,
/// so a changed task does not mark its sub-process.
/// </summary>
internal static class ModelDiff
{
    private const string BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";

    private const string BpmnModel = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    public static ModelDiffResult Compare(string olderXml, string newerXml)
    {
        var older = Fingerprints(olderXml);
        var newer = Fingerprints(newerXml);
        var added = newer.Keys.Where(id => !older.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        var removed = older.Keys.Where(id => !newer.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        var changed = newer.Where(e => older.TryGetValue(e.Key, out var before) && before != e.Value)
            .Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        return new ModelDiffResult(added, removed, changed);
    }

    private static Dictionary<string, string> Fingerprints(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        var root = XDocument.Load(reader).Root!;
        var shapes = root.Descendants().Where(e => e.Name.NamespaceName == BpmnDi && e.Name.LocalName is "BPMNShape" or "BPMNEdge")
            .Where(e => e.Attribute("bpmnElement") is not null)
            .GroupBy(e => e.Attribute("bpmnElement")!.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in root.Descendants().Where(e => e.Name.NamespaceName == BpmnModel))
        {
            // Only what is drawn can be coloured; what is not drawn (event definitions, conditions) is part of its owner.
            if (element.Attribute("id")?.Value is { } id && shapes.TryGetValue(id, out var shape))
            {
                result[id] = Canonical(element, shapes) + "|di:" + string.Join(";", shape.Descendants()
                    .Where(d => d.Name.LocalName is "Bounds" or "waypoint")
                    .Select(d => string.Join(",", d.Attributes().OrderBy(a => a.Name.ToString(), StringComparer.Ordinal).Select(a => a.Value))));
            }
        }

        return result;
    }

    private static string Canonical(XElement element, Dictionary<string, XElement> drawn)
    {
        var attributes = element.Attributes().Where(a => !a.IsNamespaceDeclaration)
            .OrderBy(a => a.Name.ToString(), StringComparer.Ordinal)
            .Select(a => a.Name + "=" + a.Value);
        // Drawn children (a sub-process's tasks) are compared on their own; the flows attached to an element
        // (incoming/outgoing) are marked as flows, not as a change of the element.
        var children = element.Elements()
            .Where(child => !(child.Attribute("id")?.Value is { } id && drawn.ContainsKey(id)))
            .Where(child => !(child.Name.NamespaceName == BpmnModel && child.Name.LocalName is "incoming" or "outgoing" or "flowNodeRef"))
            .Select(child => Canonical(child, drawn));
        var text = element.HasElements ? "" : element.Value.Trim();
        return element.Name + "[" + string.Join(" ", attributes) + "]{" + text + string.Join("", children) + "}";
    }
}
