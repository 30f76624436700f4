using System.Xml.Linq;

namespace Kks.Workflow.Engine.Parsing;

/// <summary>Names and small readers over the element tree, so the readers say what they mean in one call.</summary>
internal static class Xml
{
    public static readonly XNamespace Bpmn = BpmnParser.BpmnNamespace;
    public static readonly XNamespace Camunda = BpmnParser.CamundaNamespace;
    public static readonly XNamespace Activiti = BpmnParser.ActivitiNamespace;
    public static readonly XNamespace Kks = BpmnParser.KksNamespace;

    public static bool IsBpmn(this XElement e) => e.Name.Namespace == Bpmn;

    /// <summary>Camunda's namespace, or Activiti's which older Camunda files still use for the same attributes.</summary>
    public static bool IsCamunda(this XNamespace ns) => ns == Camunda || ns == Activiti;

    public static bool IsCamunda(this XElement e) => e.Name.Namespace.IsCamunda();

    /// <summary>A BPMN attribute (BPMN writes its own attributes without a namespace).</summary>
    public static string? Attr(this XElement e, string name) => e.Attribute(name)?.Value;

    public static string? CamundaAttr(this XElement e, string name) =>
        e.Attribute(Camunda + name)?.Value ?? e.Attribute(Activiti + name)?.Value;

    public static bool HasCamundaAttr(this XElement e, string name) => e.CamundaAttr(name) is not null;

    /// <summary>xsd:boolean: "true" or "1" (case-insensitive, like Camunda); anything else is false.</summary>
    public static bool IsTrue(string? value) =>
        value is not null && (value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) || value.Trim() == "1");

    public static bool BoolAttr(this XElement e, string name, bool whenMissing) =>
        e.Attr(name) is { } v ? IsTrue(v) : whenMissing;

    public static bool CamundaBool(this XElement e, string name) => IsTrue(e.CamundaAttr(name));

    public static IEnumerable<XElement> BpmnChildren(this XElement e, string name) => e.Elements(Bpmn + name);

    public static XElement? BpmnChild(this XElement e, string name) => e.Element(Bpmn + name);

    /// <summary>The camunda:* elements inside the element's bpmn:extensionElements.</summary>
    public static IEnumerable<XElement> CamundaExtensions(this XElement e) =>
        e.BpmnChildren("extensionElements").Elements().Where(x => x.IsCamunda());

    public static IEnumerable<XElement> CamundaExtensions(this XElement e, string name) =>
        e.CamundaExtensions().Where(x => x.Name.LocalName == name);

    public static IEnumerable<XElement> CamundaChildren(this XElement e, string name) =>
        e.Elements().Where(x => x.IsCamunda() && x.Name.LocalName == name);

    /// <summary>The element's own text (not its children's), trimmed; null when blank.</summary>
    public static string? OwnText(this XElement e)
    {
        var text = string.Concat(e.Nodes().OfType<XText>().Select(t => t.Value)).Trim();
        return text.Length == 0 ? null : text;
    }

    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
