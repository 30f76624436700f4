using System.Xml.Linq;

namespace Kks.Workflow.Engine.Parsing;

/// <summary>
/// Looks at an element's camunda:* extension elements: the ones the engine reads are left to their readers, the
/// ones it does not run are recorded as unsupported. Extensions of other tools (Signavio, Zeebe, colours...) are
/// ignored, as Camunda ignores them.
/// </summary>
internal static class ExtensionScanner
{
    private static readonly HashSet<string> Read = new(StringComparer.Ordinal)
    {
        "properties", "inputOutput", "formData", "taskListener", "in", "out", "failedJobRetryTimeCycle",
    };

    private static readonly Dictionary<string, BilingualText> Refused = new(StringComparer.Ordinal)
    {
        ["executionListener"] = Advice.ExecutionListener,
        ["field"] = Advice.Field,
        ["connector"] = Advice.Connector,
        ["errorEventDefinition"] = Advice.CamundaErrorEventDefinition,
        ["potentialStarter"] = Advice.PotentialStarter,
        ["formProperty"] = Advice.FormHandler,
    };

    public static void Scan(XElement e, ParseContext ctx)
    {
        foreach (var extension in e.CamundaExtensions())
        {
            var name = extension.Name.LocalName;
            if (Read.Contains(name))
            {
                continue;
            }

            ctx.Unsupport(e, "camunda:" + name, Refused.GetValueOrDefault(name) ?? Advice.UnknownCamunda(name));
        }
    }
}
