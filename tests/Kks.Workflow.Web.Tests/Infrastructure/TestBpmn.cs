namespace Kks.Workflow.Web.Tests.Infrastructure;

/// <summary>The BPMN file around a test's process body: one place for the namespaces and the definitions element.</summary>
internal static class TestBpmn
{
    private const string Namespaces =
        "xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    public static string Process(string id, string body, string? name = null, string extraRoot = "") =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bpmn:definitions {Namespaces} id=\"Defs_{id}\" targetNamespace=\"http://kks\">{extraRoot}" +
        $"<bpmn:process id=\"{id}\" name=\"{name ?? id}\" isExecutable=\"true\">{body}</bpmn:process></bpmn:definitions>";

    /// <summary>Sequence flows along a chain of node ids: Flows("s", "t", "e") links s→t→e.</summary>
    public static string Flows(params string[] chain) =>
        string.Concat(chain.Zip(chain.Skip(1), (a, b) => $"<bpmn:sequenceFlow id=\"f_{a}_{b}\" sourceRef=\"{a}\" targetRef=\"{b}\"/>"));
}
