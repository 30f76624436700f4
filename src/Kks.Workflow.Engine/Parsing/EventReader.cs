using System.Xml.Linq;
using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Parsing;

/// <summary>Start, end, intermediate and boundary events with their definition.</summary>
internal static class EventReader
{
    public static EventNode Read(XElement e, NodeBasics b, ParseContext ctx)
    {
        var definition = EventDefinitionReader.Read(e, ctx);
        return e.Name.LocalName switch
        {
            "startEvent" => new StartEvent
            {
                Id = b.Id, Name = b.Name, Documentation = b.Documentation, ElementType = b.ElementType,
                Properties = b.Properties, ExtensionAttributes = b.ExtensionAttributes,
                AsyncBefore = b.AsyncBefore, AsyncAfter = b.AsyncAfter, Inputs = b.Inputs, Outputs = b.Outputs,
                Definition = definition,
                IsInterrupting = e.BoolAttr("isInterrupting", whenMissing: true),
                Form = FormReader.Read(e, ctx),
            },
            "endEvent" => new EndEvent
            {
                Id = b.Id, Name = b.Name, Documentation = b.Documentation, ElementType = b.ElementType,
                Properties = b.Properties, ExtensionAttributes = b.ExtensionAttributes,
                AsyncBefore = b.AsyncBefore, AsyncAfter = b.AsyncAfter, Inputs = b.Inputs, Outputs = b.Outputs,
                Definition = definition,
            },
            "intermediateCatchEvent" => new IntermediateCatchEvent
            {
                Id = b.Id, Name = b.Name, Documentation = b.Documentation, ElementType = b.ElementType,
                Properties = b.Properties, ExtensionAttributes = b.ExtensionAttributes,
                AsyncBefore = b.AsyncBefore, AsyncAfter = b.AsyncAfter, Inputs = b.Inputs, Outputs = b.Outputs,
                Definition = definition,
            },
            "intermediateThrowEvent" => new IntermediateThrowEvent
            {
                Id = b.Id, Name = b.Name, Documentation = b.Documentation, ElementType = b.ElementType,
                Properties = b.Properties, ExtensionAttributes = b.ExtensionAttributes,
                AsyncBefore = b.AsyncBefore, AsyncAfter = b.AsyncAfter, Inputs = b.Inputs, Outputs = b.Outputs,
                Definition = definition,
            },
            _ => new BoundaryEvent
            {
                Id = b.Id, Name = b.Name, Documentation = b.Documentation, ElementType = b.ElementType,
                Properties = b.Properties, ExtensionAttributes = b.ExtensionAttributes,
                AsyncBefore = b.AsyncBefore, AsyncAfter = b.AsyncAfter, Inputs = b.Inputs, Outputs = b.Outputs,
                Definition = definition,
                AttachedToRef = Xml.Trimmed(e.Attr("attachedToRef")) ?? string.Empty,
                CancelActivity = e.BoolAttr("cancelActivity", whenMissing: true),
            },
        };
    }
}
