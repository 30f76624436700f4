using System.Xml.Linq;
using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Parsing;

/// <summary>
/// Turns one BPMN element of a process or sub-process into a model node. Elements the engine does not run but
/// that sit in the flow (scriptTask, complexGateway...) become pass-through placeholders recorded as unsupported,
/// so their sequence flows stay connected and the validator does not add noise about dangling flows.
/// </summary>
internal static class NodeReader
{
    /// <summary>Elements that may sit in a process but carry no behaviour: tolerated and skipped.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "sequenceFlow", "laneSet", "lane", "dataObject", "dataObjectReference", "dataStoreReference", "textAnnotation",
        "association", "group", "ioSpecification", "property", "documentation", "extensionElements", "incoming",
        "outgoing", "dataInputAssociation", "dataOutputAssociation", "auditing", "monitoring", "categoryValueRef",
        "supportedInterfaceRef", "ioBinding", "resourceRole", "performer", "humanPerformer", "potentialOwner",
        "multiInstanceLoopCharacteristics", "standardLoopCharacteristics", "correlationSubscription", "dataInput",
        "dataOutput", "inputSet", "outputSet",
    };

    private static readonly Dictionary<string, BilingualText> Placeholders = new(StringComparer.Ordinal)
    {
        ["scriptTask"] = Advice.ScriptTask,
        ["businessRuleTask"] = Advice.BusinessRuleTask,
        ["transaction"] = Advice.Transaction,
        ["adHocSubProcess"] = Advice.AdHocSubProcess,
        ["complexGateway"] = Advice.ComplexGateway,
    };

    /// <summary>The node for the element, or null when the element is not a node (or is skipped entirely).</summary>
    public static FlowNode? Read(XElement e, ParseContext ctx)
    {
        var type = e.Name.LocalName;
        if (!e.IsBpmn() || Ignored.Contains(type))
        {
            return null;
        }

        if (type == "subProcess" && e.BoolAttr("triggeredByEvent", whenMissing: false))
        {
            // Nothing flows into an event sub-process, so leaving it out keeps the rest of the scope intact.
            ctx.IdOf(e);
            ctx.Unsupport(e, "bpmn:subProcess triggeredByEvent=\"true\"", Advice.EventSubProcess);
            return null;
        }

        var known = type is "startEvent" or "endEvent" or "intermediateCatchEvent" or "intermediateThrowEvent" or "boundaryEvent"
            or "task" or "manualTask" or "userTask" or "serviceTask" or "sendTask" or "receiveTask" or "subProcess" or "callActivity"
            or "exclusiveGateway" or "parallelGateway" or "inclusiveGateway" or "eventBasedGateway";
        if (!known && !Placeholders.ContainsKey(type) && !LooksLikeNode(type))
        {
            return null;
        }

        var id = ctx.IdOf(e);
        ExtensionScanner.Scan(e, ctx);
        if (e.BoolAttr("isForCompensation", whenMissing: false))
        {
            ctx.Unsupport(e, "isForCompensation=\"true\"", Advice.ForCompensation);
        }

        var b = NodeBasics.Read(e, id, ctx);
        if (!known)
        {
            ctx.Unsupport(e, "bpmn:" + type, Placeholders.GetValueOrDefault(type, Advice.UnknownElement));
            return Placeholder(b);
        }

        return type switch
        {
            "startEvent" or "endEvent" or "intermediateCatchEvent" or "intermediateThrowEvent" or "boundaryEvent" => EventReader.Read(e, b, ctx),
            "userTask" => UserTaskReader.Read(e, b, ctx),
            "serviceTask" or "sendTask" => ServiceTaskReader.Read(e, b, ctx),
            "callActivity" => CallActivityReader.Read(e, b, ctx),
            "receiveTask" => ReceiveTask(e, b, ctx),
            "subProcess" => SubProcess(e, b, ctx),
            "task" or "manualTask" => PassThrough(e, b, ctx),
            _ => Gateway(e, b, ctx),
        };
    }

    /// <summary>A BPMN flow node this reader does not know (a newer or vendor type): kept as a placeholder, reported.</summary>
    private static bool LooksLikeNode(string type) =>
        type.EndsWith("Task", StringComparison.Ordinal) || type.EndsWith("Event", StringComparison.Ordinal)
        || type.EndsWith("Gateway", StringComparison.Ordinal) || type.EndsWith("SubProcess", StringComparison.Ordinal);

    private static PassThroughTask Placeholder(NodeBasics b) => new()
    {
        Id = b.Id, Name = b.Name, Documentation = b.Documentation, ElementType = b.ElementType,
        Properties = b.Properties, ExtensionAttributes = b.ExtensionAttributes,
        AsyncBefore = b.AsyncBefore, AsyncAfter = b.AsyncAfter, Inputs = b.Inputs, Outputs = b.Outputs,
    };

    private static PassThroughTask PassThrough(XElement e, NodeBasics b, ParseContext ctx) => new()
    {
        Id = b.Id, Name = b.Name, Documentation = b.Documentation, ElementType = b.ElementType,
        Properties = b.Properties, ExtensionAttributes = b.ExtensionAttributes,
        AsyncBefore = b.AsyncBefore, AsyncAfter = b.AsyncAfter, Inputs = b.Inputs, Outputs = b.Outputs,
        MultiInstance = MultiInstanceReader.Read(e, ctx), DefaultFlowRef = Xml.Trimmed(e.Attr("default")),
    };

    private static ReceiveTask ReceiveTask(XElement e, NodeBasics b, ParseContext ctx)
    {
        if (e.BoolAttr("instantiate", whenMissing: false))
        {
            ctx.Unsupport(e, "bpmn:receiveTask instantiate=\"true\"", Advice.Instantiate);
        }

        return new ReceiveTask
        {
            Id = b.Id, Name = b.Name, Documentation = b.Documentation, ElementType = b.ElementType,
            Properties = b.Properties, ExtensionAttributes = b.ExtensionAttributes,
            AsyncBefore = b.AsyncBefore, AsyncAfter = b.AsyncAfter, Inputs = b.Inputs, Outputs = b.Outputs,
            MultiInstance = MultiInstanceReader.Read(e, ctx), DefaultFlowRef = Xml.Trimmed(e.Attr("default")),
            Message = EventDefinitionReader.Message(e, e.Attr("messageRef"), ctx),
        };
    }

    /// <summary>The sub-process itself; its content is read by <see cref="ScopeBuilder"/>.</summary>
    private static SubProcess SubProcess(XElement e, NodeBasics b, ParseContext ctx) => new()
    {
        Id = b.Id, Name = b.Name, Documentation = b.Documentation, ElementType = b.ElementType,
        Properties = b.Properties, ExtensionAttributes = b.ExtensionAttributes,
        AsyncBefore = b.AsyncBefore, AsyncAfter = b.AsyncAfter, Inputs = b.Inputs, Outputs = b.Outputs,
        MultiInstance = MultiInstanceReader.Read(e, ctx), DefaultFlowRef = Xml.Trimmed(e.Attr("default")),
    };

    private static Gateway Gateway(XElement e, NodeBasics b, ParseContext ctx)
    {
        var kind = e.Name.LocalName switch
        {
            "parallelGateway" => GatewayKind.Parallel,
            "inclusiveGateway" => GatewayKind.Inclusive,
            "eventBasedGateway" => GatewayKind.EventBased,
            _ => GatewayKind.Exclusive,
        };
        if (kind == GatewayKind.EventBased
            && (e.BoolAttr("instantiate", whenMissing: false) || e.Attr("eventGatewayType") == "Parallel"))
        {
            ctx.Unsupport(e, "bpmn:eventBasedGateway instantiate/eventGatewayType", Advice.Instantiate);
        }

        return new Gateway
        {
            Id = b.Id, Name = b.Name, Documentation = b.Documentation, ElementType = b.ElementType,
            Properties = b.Properties, ExtensionAttributes = b.ExtensionAttributes,
            AsyncBefore = b.AsyncBefore, AsyncAfter = b.AsyncAfter, Inputs = b.Inputs, Outputs = b.Outputs,
            Kind = kind,
            DefaultFlowRef = Xml.Trimmed(e.Attr("default")),
        };
    }
}
