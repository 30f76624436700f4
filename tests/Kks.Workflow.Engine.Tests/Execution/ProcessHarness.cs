using System.Text;
using Kks.Workflow.Engine.State;

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

    /// <summary>A timerEventDefinition: kind is timeDate, timeDuration or timeCycle.</summary>
    public static string Timer(string kind, string text) =>
        $"""<bpmn:timerEventDefinition><bpmn:{kind} xsi:type="bpmn:tFormalExpression">{System.Security.SecurityElement.Escape(text)}</bpmn:{kind}></bpmn:timerEventDefinition>""";

    /// <summary>A messageEventDefinition pointing at a root message declared with <see cref="Message"/>.</summary>
    public static string MessageRef(string messageId) => $"""<bpmn:messageEventDefinition messageRef="{messageId}" />""";

    /// <summary>A root bpmn:message (pass as extraRoot of <see cref="Process"/>).</summary>
    public static string Message(string id, string name) => $"""<bpmn:message id="{id}" name="{System.Security.SecurityElement.Escape(name)}" />""";

    public static string CatchEvent(string id, string definition) =>
        $"""<bpmn:intermediateCatchEvent id="{id}">{definition}</bpmn:intermediateCatchEvent>""";

    public static string Boundary(string id, string attachedTo, string definition, bool cancel = true) =>
        $"""<bpmn:boundaryEvent id="{id}" attachedToRef="{attachedTo}" cancelActivity="{(cancel ? "true" : "false")}">{definition}</bpmn:boundaryEvent>""";

    public static InMemoryRuntime Runtime(string xml, out ManualTimeProvider clock) => Runtime(xml, out clock, options: null);

    public static InMemoryRuntime Runtime(string xml, out ManualTimeProvider clock, EngineOptions? options)
    {
        clock = new ManualTimeProvider(Monday);
        var runtime = new InMemoryRuntime(clock, options) { VerifyStateRoundTrip = true };
        runtime.Deploy(xml);
        return runtime;
    }

    public static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    public static string TaskId(this InMemoryRuntime runtime, string instance, string nodeId) =>
        runtime.Tasks(instance).Single(t => t.NodeId == nodeId).Id;

    /// <summary>How often a node was started (entered) in an instance.</summary>
    public static int Count(this InMemoryRuntime runtime, string instance, string nodeId) =>
        runtime.Log(instance).Count(n => n == nodeId);

    public static int TimerCount(this InMemoryRuntime runtime, string instance) => runtime.Instance(instance).Timers.Count;

    /// <summary>History pairs up: every activity instance that ended was started, and ended exactly once.</summary>
    public static void AssertHistoryPairs(this InMemoryRuntime runtime)
    {
        var started = runtime.History.Where(h => h.Kind == HistoryKind.ActivityStarted).Select(h => h.ActivityInstanceId).ToList();
        Assert.Equal(started.Count, started.Distinct().Count());
        var ended = runtime.History.Where(h => h.Kind is HistoryKind.ActivityCompleted or HistoryKind.ActivityCancelled).ToList();
        Assert.All(ended, h => Assert.Contains(h.ActivityInstanceId, started));
        var twice = ended.GroupBy(h => h.ActivityInstanceId).Where(g => g.Count() > 1).Select(g => string.Join(",", g)).ToList();
        Assert.Empty(twice);

        // An ended instance leaves no activity open; a running one only has activities open where its executions are.
        foreach (var instance in runtime.Instances)
        {
            var current = instance.IsEnded ? [] : instance.Executions.Select(e => e.ActivityInstanceId).ToHashSet();
            var open = runtime.History
                .Where(h => h.InstanceId == instance.Id && h.Kind == HistoryKind.ActivityStarted)
                .Where(h => !ended.Exists(e => e.ActivityInstanceId == h.ActivityInstanceId) && !current.Contains(h.ActivityInstanceId))
                .Select(h => h.NodeId)
                .ToList();
            Assert.Empty(open);
        }
    }

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
