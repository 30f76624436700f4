using System.Xml.Linq;
using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Parsing;

/// <summary>
/// The bpmn:definitions root: checks the file is BPMN at all, reads the messages, errors and escalations first
/// (events refer to them by id wherever they are written), then each process. Collaborations, pools, lanes and
/// diagrams are documentation to the engine and are skipped.
/// </summary>
internal static class DefinitionsReader
{
    public static BpmnDefinitions Read(XElement root)
    {
        if (root.Name != Xml.Bpmn + "definitions")
        {
            throw NotBpmn(root);
        }

        var ctx = new ParseContext();
        ReadRootElements(root, ctx);
        var processes = root.BpmnChildren("process").Select(p => ProcessReader.Read(p, ctx)).ToList();
        return new BpmnDefinitions
        {
            Id = Xml.Trimmed(root.Attr("id")) ?? string.Empty,
            TargetNamespace = Xml.Trimmed(root.Attr("targetNamespace")),
            Exporter = Xml.Trimmed(root.Attr("exporter")),
            Processes = processes,
            Messages = ctx.Messages,
            Errors = ctx.Errors,
            Escalations = ctx.Escalations,
            Unsupported = ctx.Unsupported,
            ParseProblems = ctx.Problems,
        };
    }

    private static void ReadRootElements(XElement root, ParseContext ctx)
    {
        foreach (var e in root.Elements().Where(x => x.IsBpmn()))
        {
            switch (e.Name.LocalName)
            {
                case "message":
                    var messageId = ctx.IdOf(e);
                    ctx.Messages.TryAdd(messageId, new MessageInfo(messageId, Xml.Trimmed(e.Attr("name")) ?? string.Empty));
                    break;
                case "error":
                    var errorId = ctx.IdOf(e);
                    ctx.Errors.TryAdd(errorId, new ErrorInfo(errorId, Xml.Trimmed(e.Attr("name")), Xml.Trimmed(e.Attr("errorCode"))));
                    break;
                case "escalation":
                    var escalationId = ctx.IdOf(e);
                    ctx.Escalations.TryAdd(
                        escalationId,
                        new EscalationInfo(escalationId, Xml.Trimmed(e.Attr("name")), Xml.Trimmed(e.Attr("escalationCode"))));
                    break;
                default:
                    break;
            }
        }
    }

    private static BpmnParseException NotBpmn(XElement root)
    {
        var found = root.Name.NamespaceName.Length == 0 ? root.Name.LocalName : $"{{{root.Name.NamespaceName}}}{root.Name.LocalName}";
        return new BpmnParseException(new BilingualText(
            $"Berkas ini bukan BPMN 2.0: elemen akarnya {found}, bukan definitions dari {BpmnParser.BpmnNamespace}; unggah berkas .bpmn yang disimpan dari pemodel BPMN.",
            $"This file is not BPMN 2.0: its root element is {found}, not definitions from {BpmnParser.BpmnNamespace}; upload a .bpmn file saved from a BPMN modeler."));
    }
}
