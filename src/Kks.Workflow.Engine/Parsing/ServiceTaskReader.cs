using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Parsing;

/// <summary>
/// serviceTask and sendTask: an external topic for a worker, or a built-in handler named by a plain ${name}
/// delegate expression. Java classes and arbitrary expressions are outside the subset.
/// </summary>
internal static partial class ServiceTaskReader
{
    public static ServiceTask Read(XElement e, NodeBasics b, ParseContext ctx)
    {
        var (kind, handler) = Implementation(e, ctx);
        var (retries, cycle) = RetryCycle(e, ctx);
        return new ServiceTask
        {
            Id = b.Id, Name = b.Name, Documentation = b.Documentation, ElementType = b.ElementType,
            Properties = b.Properties, ExtensionAttributes = b.ExtensionAttributes,
            AsyncBefore = b.AsyncBefore, AsyncAfter = b.AsyncAfter, Inputs = b.Inputs, Outputs = b.Outputs,
            MultiInstance = MultiInstanceReader.Read(e, ctx), DefaultFlowRef = Xml.Trimmed(e.Attr("default")),
            Kind = kind,
            HandlerName = handler,
            Topic = kind == ServiceKind.External ? ctx.Expression(e, e.CamundaAttr("topic"), new("topic", "the topic")) : null,
            TaskPriority = ctx.Expression(e, e.CamundaAttr("taskPriority"), new("camunda:taskPriority", "the task priority")),
            Retries = retries,
            RetryCycle = cycle,
        };
    }

    /// <summary>
    /// A task with no implementation at all comes back as a handler without a name; the validator reports it
    /// (unless something unsupported was already recorded for it).
    /// </summary>
    private static (ServiceKind Kind, string? Handler) Implementation(XElement e, ParseContext ctx)
    {
        if (e.HasCamundaAttr("class"))
        {
            ctx.Unsupport(e, "camunda:class", Advice.ClassOrExpression);
        }

        if (e.HasCamundaAttr("expression"))
        {
            ctx.Unsupport(e, "camunda:expression", Advice.ClassOrExpression);
        }

        if (Xml.Trimmed(e.CamundaAttr("type")) is { } type)
        {
            if (type == "external")
            {
                return (ServiceKind.External, null);
            }

            ctx.Unsupport(e, $"camunda:type=\"{type}\"", Advice.ServiceType);
            return (ServiceKind.Handler, null);
        }

        if (Xml.Trimmed(e.CamundaAttr("delegateExpression")) is { } delegateExpression)
        {
            var match = HandlerPattern().Match(delegateExpression);
            if (match.Success)
            {
                return (ServiceKind.Handler, match.Groups["name"].Value);
            }

            ctx.Unsupport(e, $"camunda:delegateExpression=\"{delegateExpression}\"", Advice.DelegateShape);
        }

        return (ServiceKind.Handler, null);
    }

    /// <summary>
    /// camunda:failedJobRetryTimeCycle: "R5/PT10M" gives 5 retries; Camunda's list form "PT1M,PT5M,PT10M" gives
    /// one retry per interval. Anything else is reported, since the retry count cannot be known.
    /// </summary>
    private static (int Retries, string? Cycle) RetryCycle(XElement e, ParseContext ctx)
    {
        var text = e.CamundaExtensions("failedJobRetryTimeCycle").FirstOrDefault()?.OwnText();
        if (text is null)
        {
            return (3, null);
        }

        var repeat = RepeatPattern().Match(text);
        if (repeat.Success
            && int.TryParse(repeat.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && TimerText.IsDuration(repeat.Groups["d"].Value))
        {
            return (n, text);
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (!repeat.Success && parts.All(TimerText.IsDuration))
        {
            return (parts.Length, text);
        }

        ctx.Problem(e, ProblemCodes.BadRetryCycle, label => new BilingualText(
            $"{label.Indonesian} punya camunda:failedJobRetryTimeCycle '{text}' yang tidak dikenali: tulis seperti R5/PT10M (5 kali, jeda 10 menit).",
            $"{label.English} has a camunda:failedJobRetryTimeCycle '{text}' that is not recognised: write it like R5/PT10M (5 retries, 10 minutes apart)."));
        return (3, text);
    }

    [GeneratedRegex(@"^[$#]\{\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\}$", RegexOptions.CultureInvariant)]
    private static partial Regex HandlerPattern();

    [GeneratedRegex(@"^R(?<n>\d{1,6})/(?<d>P\S+)$", RegexOptions.CultureInvariant)]
    private static partial Regex RepeatPattern();
}
