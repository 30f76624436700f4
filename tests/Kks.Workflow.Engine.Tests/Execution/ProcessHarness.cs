using System.Text;

namespace Kks.Workflow.Engine.Tests.Execution;

/// <summary>Writes small BPMN files for the catalogue and hosts them in an in-memory runtime with a manual clock.</summary>
internal static class Bpmn
{
    public static readonly DateTimeOffset Monday = new(2023, 2, 13, 8, 0, 0, TimeSpan.FromHours(7));

    /// <summary>A definitions file with one executable process holding the given elements.</summary>
    public static string Process(string body, string id = "p", string extraRoot = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            id="d_{id}" targetNamespace="http://bpmn.io/schema/bpmn">
          {extraRoot}
          <bpmn:process id="{id}" isExecutable="true">
            {body}
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>Sequence flows from a chain "a->b->c" (ids f_a_b...), with optional condition per flow as "a->b:${x}".</summary>
    public static string Flows(params string[] chains)
    {
        var text = new StringBuilder();
        foreach (var chain in chains)
        {
            var condition = (string?)null;
            var path = chain;
            var colon = chain.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                condition = chain[(colon + 1)..];
                path = chain[..colon];
            }

            var nodes = path.Split("->");
            for (var i = 0; i + 1 < nodes.Length; i++)
            {
                var id = $"f_{nodes[i]}_{nodes[i + 1]}";
                text.Append(condition is not null && i == nodes.Length - 2
                    ? $"""<bpmn:sequenceFlow id="{id}" sourceRef="{nodes[i]}" targetRef="{nodes[i + 1]}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{System.Security.SecurityElement.Escape(condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>"""
                    : $"""<bpmn:sequenceFlow id="{id}" sourceRef="{nodes[i]}" targetRef="{nodes[i + 1]}" />""");
                text.AppendLine();
            }
        }

        return text.ToString();
    }

    public static string Task(string id, string group = "sekretariat", string extra = "", string inner = "") =>
        $"""<bpmn:userTask id="{id}" name="{id}" camunda:candidateGroups="{group}" {extra}>{inner}</bpmn:userTask>""";

    public static InMemoryRuntime Runtime(string xml, out ManualTimeProvider clock)
    {
        clock = new ManualTimeProvider(Monday);
        var runtime = new InMemoryRuntime(clock) { VerifyStateRoundTrip = true };
        runtime.Deploy(xml);
        return runtime;
    }

    public static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    public static string TaskId(this InMemoryRuntime runtime, string instance, string nodeId) =>
        runtime.Tasks(instance).Single(t => t.NodeId == nodeId).Id;

    public static void Complete(this InMemoryRuntime runtime, string instance, string nodeId, params (string Name, object? Value)[] variables) =>
        runtime.CompleteTask(runtime.TaskId(instance, nodeId), Vars(variables));
}

/// <summary>More element writers for the catalogue (gateways, sub-processes, multi-instance, call activities).</summary>
internal static class Elements
{
    public static string Start(string id = "s") => $"""<bpmn:startEvent id="{id}" />""";

    public static string End(string id = "e") => $"""<bpmn:endEvent id="{id}" />""";

    public static string TerminateEnd(string id) => $"""<bpmn:endEvent id="{id}"><bpmn:terminateEventDefinition /></bpmn:endEvent>""";

    public static string Exclusive(string id, string? defaultFlow = null) => Gateway("exclusiveGateway", id, defaultFlow);

    public static string Parallel(string id) => Gateway("parallelGateway", id, null);

    public static string Inclusive(string id, string? defaultFlow = null) => Gateway("inclusiveGateway", id, defaultFlow);

    public static string Pass(string id) => $"""<bpmn:task id="{id}" />""";

    /// <summary>Several pass-through tasks at once.</summary>
    public static string Passes(params string[] ids) => string.Concat(ids.Select(Pass));

    /// <summary>Several user tasks at once.</summary>
    public static string Tasks(params string[] ids) => string.Concat(ids.Select(id => Bpmn.Task(id)));

    public static string SubProcess(string id, string inner, string extra = "", string before = "") =>
        $"""<bpmn:subProcess id="{id}" {extra}>{before}{inner}</bpmn:subProcess>""";

    /// <summary>multiInstanceLoopCharacteristics; put it in a task's or sub-process's content.</summary>
    public static string Loop(string? collection = null, string? element = null, bool sequential = false, string? cardinality = null, string? completion = null) =>
        $"""<bpmn:multiInstanceLoopCharacteristics isSequential="{(sequential ? "true" : "false")}"{(collection is null ? "" : $" camunda:collection=\"{collection}\"")}{(element is null ? "" : $" camunda:elementVariable=\"{element}\"")}>{(cardinality is null ? "" : $"<bpmn:loopCardinality>{cardinality}</bpmn:loopCardinality>")}{(completion is null ? "" : $"<bpmn:completionCondition xsi:type=\"bpmn:tFormalExpression\">{System.Security.SecurityElement.Escape(completion)}</bpmn:completionCondition>")}</bpmn:multiInstanceLoopCharacteristics>""";

    /// <summary>camunda:inputOutput with input parameters ("name=${expr}") and output parameters.</summary>
    public static string InputOutput(string[]? inputs = null, string[]? outputs = null) =>
        "<bpmn:extensionElements><camunda:inputOutput>"
        + string.Concat((inputs ?? []).Select(i => Parameter("inputParameter", i)))
        + string.Concat((outputs ?? []).Select(o => Parameter("outputParameter", o)))
        + "</camunda:inputOutput></bpmn:extensionElements>";

    private static string Parameter(string kind, string definition)
    {
        var eq = definition.IndexOf('=', StringComparison.Ordinal);
        return $"""<camunda:{kind} name="{definition[..eq]}">{System.Security.SecurityElement.Escape(definition[(eq + 1)..])}</camunda:{kind}>""";
    }

    private static string Gateway(string element, string id, string? defaultFlow) =>
        $"""<bpmn:{element} id="{id}"{(defaultFlow is null ? "" : $" default=\"{defaultFlow}\"")} />""";
}
