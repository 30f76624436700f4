using System.Xml.Linq;
using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Parsing;

/// <summary>camunda:inputOutput: input and output parameters whose values are text, lists or maps.</summary>
internal static class InputOutputReader
{
    private static readonly BilingualText ParameterWhat = new("nilai parameter", "a parameter value");

    public static (IReadOnlyList<IoParameter> Inputs, IReadOnlyList<IoParameter> Outputs) Read(XElement e, ParseContext ctx)
    {
        var io = e.CamundaExtensions("inputOutput").FirstOrDefault();
        if (io is null)
        {
            return ([], []);
        }

        return (Parameters(e, io, "inputParameter", ctx), Parameters(e, io, "outputParameter", ctx));
    }

    private static List<IoParameter> Parameters(XElement owner, XElement io, string kind, ParseContext ctx)
    {
        var result = new List<IoParameter>();
        foreach (var parameter in io.CamundaChildren(kind))
        {
            var name = Xml.Trimmed(parameter.Attr("name"));
            if (name is null)
            {
                ctx.Problem(owner, ProblemCodes.IoParameterNoName, label => new BilingualText(
                    $"{label.Indonesian} punya camunda:{kind} tanpa nama: isi nama variabelnya.",
                    $"{label.English} has a camunda:{kind} without a name: fill in the variable's name."));
                continue;
            }

            result.Add(new IoParameter(name, Value(owner, parameter, ctx)));
        }

        return result;
    }

    /// <summary>The value held by a parameter, a list item or a map entry: a nested list or map, else its text.</summary>
    private static IoValue Value(XElement owner, XElement holder, ParseContext ctx)
    {
        var nested = holder.Elements().FirstOrDefault(x => x.IsCamunda());
        switch (nested?.Name.LocalName)
        {
            case "list":
                return new IoList(nested.Elements().Where(x => x.IsCamunda()).Select(item => ListItem(owner, item, ctx)).ToList());
            case "map":
                return new IoMap(nested.CamundaChildren("entry")
                    .Select(entry => new KeyValuePair<string, IoValue>(entry.Attr("key") ?? string.Empty, Value(owner, entry, ctx)))
                    .ToList());
            case "script":
                ctx.Unsupport(owner, "camunda:script", Advice.Script);
                return new IoText(null);
            default:
                return new IoText(ctx.Expression(owner, holder.OwnText(), ParameterWhat));
        }
    }

    /// <summary>A list item is a camunda:value with text, or a nested list, map or script standing for itself.</summary>
    private static IoValue ListItem(XElement owner, XElement item, ParseContext ctx) =>
        item.Name.LocalName == "value"
            ? Value(owner, item, ctx)
            : Value(owner, new XElement("holder", item), ctx);
}
