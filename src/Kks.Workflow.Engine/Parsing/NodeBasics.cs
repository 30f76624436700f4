using System.Xml.Linq;
using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Parsing;

/// <summary>
/// What every flow element carries whatever its type (id, name, documentation, properties, kks attributes,
/// async flags, input/output). Read once here; each node type copies it into its initializer, since the model's
/// properties are init-only.
/// </summary>
internal sealed record NodeBasics(
    string Id,
    string? Name,
    string? Documentation,
    string ElementType,
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyDictionary<string, string> ExtensionAttributes,
    bool AsyncBefore,
    bool AsyncAfter,
    IReadOnlyList<IoParameter> Inputs,
    IReadOnlyList<IoParameter> Outputs)
{
    public static NodeBasics Read(XElement e, string id, ParseContext ctx)
    {
        var (inputs, outputs) = InputOutputReader.Read(e, ctx);
        return new NodeBasics(
            id,
            Xml.Trimmed(e.Attr("name")),
            ReadDocumentation(e),
            e.Name.LocalName,
            CamundaProperties(e),
            KksAttributes(e),
            // camunda:async is the name Camunda used before asyncBefore existed.
            e.CamundaBool("asyncBefore") || e.CamundaBool("async"),
            e.CamundaBool("asyncAfter"),
            inputs,
            outputs);
    }

    public static string? ReadDocumentation(XElement e)
    {
        var texts = e.BpmnChildren("documentation").Select(d => d.OwnText()).OfType<string>().ToList();
        return texts.Count == 0 ? null : string.Join("\n", texts);
    }

    /// <summary>camunda:properties: a later property with the same name wins, as in Camunda's own map view.</summary>
    public static IReadOnlyDictionary<string, string> CamundaProperties(XElement e)
    {
        Dictionary<string, string>? result = null;
        foreach (var property in e.CamundaExtensions("properties").SelectMany(p => p.CamundaChildren("property")))
        {
            if (Xml.Trimmed(property.Attr("name")) is { } name)
            {
                result ??= new Dictionary<string, string>(StringComparer.Ordinal);
                result[name] = property.Attr("value") ?? string.Empty;
            }
        }

        return result ?? FlowElement.EmptyProperties;
    }

    private static IReadOnlyDictionary<string, string> KksAttributes(XElement e)
    {
        Dictionary<string, string>? result = null;
        foreach (var attribute in e.Attributes().Where(a => a.Name.Namespace == Xml.Kks))
        {
            result ??= new Dictionary<string, string>(StringComparer.Ordinal);
            result[attribute.Name.LocalName] = attribute.Value;
        }

        return result ?? FlowElement.EmptyProperties;
    }
}
