using System.Xml.Linq;
using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.Timers;

namespace Kks.Workflow.Engine.Parsing;

/// <summary>
/// Reads the event definition inside an event (timer, message, error...). A definition the engine does not run
/// for that kind of event is recorded as unsupported and read as none, with the event's id marked so the rest of
/// the parser does not mistake it for a none event.
/// </summary>
internal static class EventDefinitionReader
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["startEvent"] = ["timerEventDefinition", "messageEventDefinition"],
        ["endEvent"] = ["errorEventDefinition", "escalationEventDefinition", "terminateEventDefinition"],
        ["intermediateCatchEvent"] = ["timerEventDefinition", "messageEventDefinition"],
        ["intermediateThrowEvent"] = [],
        ["boundaryEvent"] = ["timerEventDefinition", "messageEventDefinition", "errorEventDefinition", "escalationEventDefinition"],
    };

    private static readonly (string Name, TimerKind Kind)[] TimerKinds =
    [
        ("timeDate", TimerKind.Date),
        ("timeDuration", TimerKind.Duration),
        ("timeCycle", TimerKind.Cycle),
    ];

    private static readonly BilingualText TimerWhat = new("teks timer", "the timer text");

    public static EventDefinition? Read(XElement e, ParseContext ctx)
    {
        var definitions = e.Elements()
            .Where(x => x.IsBpmn() && x.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal))
            .ToList();
        if (e.BpmnChild("eventDefinitionRef") is not null)
        {
            ctx.Unsupport(e, "bpmn:eventDefinitionRef", Advice.EventDefinitionRef);
            return null;
        }

        if (definitions.Count == 0)
        {
            return null;
        }

        if (definitions.Count > 1)
        {
            ctx.Unsupport(e, "bpmn:" + string.Join("+", definitions.Select(d => d.Name.LocalName)), Advice.MultipleDefinitions);
            return null;
        }

        var definition = definitions[0];
        var kind = definition.Name.LocalName;
        if (!Allowed[e.Name.LocalName].Contains(kind))
        {
            ctx.Unsupport(e, "bpmn:" + kind, AdviceFor(e.Name.LocalName, kind));
            return null;
        }

        return kind switch
        {
            "timerEventDefinition" => Timer(e, definition, ctx),
            "messageEventDefinition" => Message(e, definition.Attr("messageRef"), ctx),
            "errorEventDefinition" => Error(definition, ctx),
            "escalationEventDefinition" => Escalation(definition, ctx),
            _ => new TerminateEventDefinition(),
        };
    }

    /// <summary>
    /// A timer needs exactly one of timeDate, timeDuration and timeCycle. When it has not, the problem is recorded
    /// here and an empty timer stands in, so the node stays a timer event for the other checks.
    /// </summary>
    public static TimerEventDefinition Timer(XElement owner, XElement definition, ParseContext ctx)
    {
        var present = TimerKinds
            .Select(k => (k.Kind, k.Name, Text: definition.BpmnChild(k.Name)?.OwnText()))
            .Where(k => k.Text is not null)
            .ToList();
        if (present.Count != 1)
        {
            var found = present.Count == 0 ? "tidak ada" : string.Join(", ", present.Select(p => p.Name));
            var foundEn = present.Count == 0 ? "none" : string.Join(", ", present.Select(p => p.Name));
            ctx.Problem(owner, ProblemCodes.BadTimer, label => new BilingualText(
                $"{label.Indonesian} harus punya tepat satu dari timeDate, timeDuration atau timeCycle (yang ada: {found}): isi satu saja.",
                $"{label.English} must have exactly one of timeDate, timeDuration or timeCycle (found: {foundEn}): fill in exactly one."));
            return new TimerEventDefinition(present.Count == 0 ? TimerKind.Duration : present[0].Kind, ParseContext.Empty());
        }

        var (kind, _, text) = present[0];
        return new TimerEventDefinition(kind, ctx.Expression(owner, text, TimerWhat) ?? ParseContext.Empty());
    }

    /// <summary>The message's name is what correlation matches, so the reference is resolved to it here.</summary>
    public static MessageEventDefinition Message(XElement owner, string? messageRef, ParseContext ctx)
    {
        var reference = Xml.Trimmed(messageRef);
        var name = reference is not null && ctx.Messages.TryGetValue(reference, out var message) ? message.Name : null;
        return new MessageEventDefinition(reference, ctx.Expression(owner, name, new BilingualText("nama pesan", "the message name")));
    }

    private static ErrorEventDefinition Error(XElement definition, ParseContext ctx)
    {
        var reference = Xml.Trimmed(definition.Attr("errorRef"));
        var code = reference is not null && ctx.Errors.TryGetValue(reference, out var error) ? error.ErrorCode : null;
        return new ErrorEventDefinition(reference, code);
    }

    private static EscalationEventDefinition Escalation(XElement definition, ParseContext ctx)
    {
        var reference = Xml.Trimmed(definition.Attr("escalationRef"));
        var code = reference is not null && ctx.Escalations.TryGetValue(reference, out var escalation) ? escalation.EscalationCode : null;
        return new EscalationEventDefinition(reference, code);
    }

    private static BilingualText AdviceFor(string eventKind, string definition) => definition switch
    {
        // Error, escalation and compensation start events only exist in event sub-processes.
        _ when eventKind == "startEvent" && definition is "errorEventDefinition" or "escalationEventDefinition" or "compensateEventDefinition"
            => Advice.EventSubProcess,
        "signalEventDefinition" => Advice.Signal,
        "conditionalEventDefinition" => Advice.Conditional,
        "compensateEventDefinition" => Advice.Compensation,
        "linkEventDefinition" => Advice.Link,
        "cancelEventDefinition" => Advice.Cancel,
        "messageEventDefinition" => Advice.MessageThrow,
        "escalationEventDefinition" => Advice.EscalationThrow,
        _ => Advice.UnknownElement,
    };
}
