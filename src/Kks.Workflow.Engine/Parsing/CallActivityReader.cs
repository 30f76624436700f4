using System.Xml.Linq;
using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Parsing;

/// <summary>callActivity: which process to start (calledElement, binding, version) and the camunda:in / camunda:out mappings.</summary>
internal static class CallActivityReader
{
    private static readonly string[] Bindings = ["latest", "deployment", "version"];

    public static CallActivity Read(XElement e, NodeBasics b, ParseContext ctx)
    {
        var binding = Xml.Trimmed(e.CamundaAttr("calledElementBinding")) ?? "latest";
        if (!Bindings.Contains(binding))
        {
            ctx.Unsupport(e, $"camunda:calledElementBinding=\"{binding}\"", Advice.CalledElementBinding);
        }

        if (e.HasCamundaAttr("caseRef"))
        {
            ctx.Unsupport(e, "camunda:caseRef", Advice.CaseRef);
        }

        foreach (var attribute in new[] { "variableMappingClass", "variableMappingDelegateExpression" })
        {
            if (e.HasCamundaAttr(attribute))
            {
                ctx.Unsupport(e, "camunda:" + attribute, Advice.VariableMappingDelegate);
            }
        }

        return new CallActivity
        {
            Id = b.Id, Name = b.Name, Documentation = b.Documentation, ElementType = b.ElementType,
            Properties = b.Properties, ExtensionAttributes = b.ExtensionAttributes,
            AsyncBefore = b.AsyncBefore, AsyncAfter = b.AsyncAfter, Inputs = b.Inputs, Outputs = b.Outputs,
            MultiInstance = MultiInstanceReader.Read(e, ctx), DefaultFlowRef = Xml.Trimmed(e.Attr("default")),
            CalledElement = ctx.Expression(e, e.Attr("calledElement"), new("calledElement", "the called element")) ?? ParseContext.Empty(),
            Binding = binding,
            Version = ctx.Expression(e, e.CamundaAttr("calledElementVersion"), new("calledElementVersion", "the called element version")),
            In = e.CamundaExtensions("in").Select(m => Mapping(e, m, ctx)).ToList(),
            Out = e.CamundaExtensions("out").Select(m => Mapping(e, m, ctx)).ToList(),
        };
    }

    private static VariableMapping Mapping(XElement owner, XElement m, ParseContext ctx)
    {
        var businessKey = m.Attr("businessKey");
        var sourceExpression = businessKey ?? m.Attr("sourceExpression");
        return new VariableMapping(
            Xml.Trimmed(m.Attr("source")),
            ctx.Expression(owner, sourceExpression, new("sourceExpression", "the source expression")),
            Xml.Trimmed(m.Attr("target")),
            string.Equals(Xml.Trimmed(m.Attr("variables")), "all", StringComparison.Ordinal),
            Xml.IsTrue(m.Attr("local")),
            businessKey is not null);
    }
}
