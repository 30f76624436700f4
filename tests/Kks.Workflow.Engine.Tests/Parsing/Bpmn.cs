using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Tests.Parsing;

/// <summary>Small inline BPMN files for the catalogue: a process body is wrapped in definitions with the usual namespaces.</summary>
internal static class Bpmn
{
    public const string Namespaces =
        "xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" " +
        "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" " +
        "xmlns:kks=\"http://kks-workflow.id/schema/1.0/bpmn\" " +
        "xmlns:activiti=\"http://activiti.org/bpmn\" " +
        "xmlns:signavio=\"http://www.signavio.com\" " +
        "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" " +
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

    /// <summary>A definitions element holding <paramref name="content"/> (processes, messages, errors...).</summary>
    public static string Definitions(string content) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bpmn:definitions {Namespaces} id=\"Defs\" targetNamespace=\"http://bpmn.io/schema/bpmn\">\n{content}\n</bpmn:definitions>";

    public static string Process(string body, string rootElements = "", bool executable = true) =>
        Definitions($"{rootElements}<bpmn:process id=\"P\" name=\"Proses\" isExecutable=\"{(executable ? "true" : "false")}\">{body}</bpmn:process>");

    /// <summary>start → (the given nodes, chained by flows in order) → end.</summary>
    public static string Chain(string nodes, string rootElements = "", string extra = "")
    {
        var ids = System.Xml.Linq.XElement.Parse($"<nodes {Namespaces}>{nodes}</nodes>").Elements()
            .Select(e => (string)e.Attribute("id")!)
            .ToList();
        var all = new List<string> { "Start" };
        all.AddRange(ids);
        all.Add("End");
        var flows = string.Concat(all.Zip(all.Skip(1), (a, b) => $"<bpmn:sequenceFlow id=\"F_{a}_{b}\" sourceRef=\"{a}\" targetRef=\"{b}\"/>"));
        return Process($"<bpmn:startEvent id=\"Start\"/>{nodes}<bpmn:endEvent id=\"End\"/>{flows}{extra}", rootElements);
    }

    public static BpmnDefinitions Parse(string xml) => BpmnParser.Parse(xml);

    public static ProcessModel ParseProcess(string xml) => BpmnParser.Parse(xml).Processes.Single();

    public static T Node<T>(string xml, string id) where T : FlowNode => (T)ParseProcess(xml).GetNode(id);

    public static IReadOnlyList<ModelProblem> Validate(string xml) => BpmnValidator.Validate(BpmnParser.Parse(xml));
}
