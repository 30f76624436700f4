using System.Xml.Linq;
using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Parsing;

/// <summary>multiInstanceLoopCharacteristics with Camunda's collection attributes, or BPMN's own loopDataInputRef.</summary>
internal static class MultiInstanceReader
{
    public static MultiInstance? Read(XElement activity, ParseContext ctx)
    {
        if (activity.BpmnChild("standardLoopCharacteristics") is not null)
        {
            ctx.Unsupport(activity, "bpmn:standardLoopCharacteristics", Advice.StandardLoop);
        }

        var mi = activity.BpmnChild("multiInstanceLoopCharacteristics");
        if (mi is null)
        {
            return null;
        }

        // BPMN's loopDataInputRef names the collection variable and inputDataItem the element variable; Camunda reads both.
        var collection = mi.CamundaAttr("collection") ?? mi.BpmnChild("loopDataInputRef")?.OwnText();
        var elementVariable = Xml.Trimmed(mi.CamundaAttr("elementVariable"))
            ?? Xml.Trimmed(mi.BpmnChild("inputDataItem")?.Attr("name"));
        return new MultiInstance(
            mi.BoolAttr("isSequential", whenMissing: false),
            ctx.Expression(activity, mi.BpmnChild("loopCardinality")?.OwnText(), new("loopCardinality", "the loop cardinality")),
            ctx.Expression(activity, collection, new("camunda:collection", "the collection")),
            elementVariable,
            ctx.Expression(activity, mi.BpmnChild("completionCondition")?.OwnText(), new("completionCondition", "the completion condition")));
    }
}
