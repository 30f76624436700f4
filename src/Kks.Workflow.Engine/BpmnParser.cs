using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.Parsing;

namespace Kks.Workflow.Engine;

/// <summary>
/// Reads a BPMN 2.0 file (Camunda 7 flavour) into the engine's model. Only a file that is not XML, is hostile XML
/// or is not BPMN at all throws; everything else (unsupported elements, broken references, bad expressions) ends up
/// in <see cref="BpmnDefinitions.Unsupported"/> and <see cref="BpmnDefinitions.ParseProblems"/>, for
/// <see cref="BpmnValidator"/> to report.
/// </summary>
public static class BpmnParser
{
    public const string BpmnNamespace = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    public const string CamundaNamespace = "http://camunda.org/schema/1.0/bpmn";

    /// <summary>Camunda's predecessor wrote the same attributes in this namespace; old files still use it.</summary>
    public const string ActivitiNamespace = "http://activiti.org/bpmn";

    /// <summary>The namespace of KKS's own attributes (e.g. kks:deadlinePolicy), kept in FlowElement.ExtensionAttributes.</summary>
    public const string KksNamespace = "http://kks-workflow.id/schema/1.0/bpmn";

    /// <summary>Largest file accepted: bytes for a stream, characters for a string. Real models are a few hundred KB.</summary>
    public const int MaxDocumentSize = 20 * 1024 * 1024;

    /// <summary>Deepest element nesting accepted. Deeply nested sub-processes stay far below it.</summary>
    public const int MaxDepth = 256;

    /// <summary>Most XML nodes (elements, attributes, texts) accepted, so a small file cannot build a huge tree.</summary>
    public const int MaxNodes = 500_000;

    public static BpmnDefinitions Parse(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return DefinitionsReader.Read(SafeXmlLoader.Load(stream));
    }

    public static BpmnDefinitions Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        return DefinitionsReader.Read(SafeXmlLoader.Load(xml));
    }
}
