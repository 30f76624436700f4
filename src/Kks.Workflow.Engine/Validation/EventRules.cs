using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.Parsing;

namespace Kks.Workflow.Engine.Validation;

/// <summary>Events have what they need: boundary events sit on an activity, timers parse, messages and errors exist.</summary>
internal static class EventRules
{
    public static void Check(ProcessModel process, ValidationContext v)
    {
        foreach (var node in Scopes.All(process).SelectMany(s => s.Nodes).Where(n => !v.IsUnsupported(n)))
        {
            if (node is BoundaryEvent boundary)
            {
                CheckBoundary(process, boundary, v);
            }
            else if (node is IntermediateCatchEvent { Definition: null })
            {
                v.Report(process, node, ProblemCodes.EventNoDefinition, label => new BilingualText(
                    $"{label.Indonesian} tidak menunggu apa pun: jadikan peristiwa timer atau pesan, atau hapus.",
                    $"{label.English} waits for nothing: make it a timer or message event, or delete it."));
            }

            if (node is StartEvent { Form: { } form })
            {
                ActivityRules.CheckForm(process, node, form, v);
            }

            switch (node)
            {
                case EventNode { Definition: TimerEventDefinition timer }:
                    CheckTimer(process, node, timer, v);
                    break;
                case EventNode { Definition: MessageEventDefinition message }:
                    CheckMessage(process, node, message, v);
                    break;
                case ReceiveTask { Message: { } message }:
                    CheckMessage(process, node, message, v);
                    break;
                case EventNode { Definition: ErrorEventDefinition error }:
                    CheckError(process, node, error, v);
                    break;
                case EventNode { Definition: EscalationEventDefinition escalation }:
                    CheckEscalation(process, node, escalation, v);
                    break;
                default:
                    break;
            }
        }
    }

    private static void CheckBoundary(ProcessModel process, BoundaryEvent boundary, ValidationContext v)
    {
        if (boundary.AttachedTo is null)
        {
            var host = process.AllNodes.GetValueOrDefault(boundary.AttachedToRef);
            var (why, whyEn) = host switch
            {
                null when boundary.AttachedToRef.Length == 0 => ("tidak menempel pada aktivitas mana pun", "is not attached to any activity"),
                null => ($"menempel pada '{boundary.AttachedToRef}' yang tidak ada", $"is attached to '{boundary.AttachedToRef}', which does not exist"),
                Activity => ($"menempel pada {ElementLabel.Inline(host).Indonesian} di lingkup lain", $"is attached to {ElementLabel.Inline(host).English} in another scope"),
                _ => ($"menempel pada {ElementLabel.Inline(host).Indonesian}, yang bukan aktivitas", $"is attached to {ElementLabel.Inline(host).English}, which is not an activity"),
            };
            v.Report(process, boundary, ProblemCodes.BoundaryBadAttach, label => new BilingualText(
                $"{label.Indonesian} {why}: letakkan peristiwa batas di tepi sebuah tugas, subproses atau aktivitas panggil.",
                $"{label.English} {whyEn}: place the boundary event on the edge of a task, sub-process or call activity."));
        }

        if (boundary.Definition is null)
        {
            v.Report(process, boundary, ProblemCodes.EventNoDefinition, label => new BilingualText(
                $"{label.Indonesian} tidak menunggu apa pun: jadikan peristiwa batas timer, pesan, error atau eskalasi.",
                $"{label.English} waits for nothing: make it a timer, message, error or escalation boundary event."));
        }
        else if (boundary is { Definition: ErrorEventDefinition, CancelActivity: false })
        {
            v.Report(process, boundary, ProblemCodes.ErrorBoundaryNonInterrupting, label => new BilingualText(
                $"{label.Indonesian} menangkap error tanpa menyela aktivitasnya: peristiwa batas error selalu menyela, jadi hapus cancelActivity=\"false\".",
                $"{label.English} catches an error without interrupting its activity: an error boundary event always interrupts, so remove cancelActivity=\"false\"."));
        }
    }

    /// <summary>A literal timer text is checked now; one with ${...} can only be checked when it is evaluated.</summary>
    internal static void CheckTimer(ProcessModel process, FlowNode node, TimerEventDefinition timer, ValidationContext v)
    {
        var text = timer.Text.Text;
        if (!timer.Text.IsLiteral || text.Length == 0 || TimerText.TryValidate(timer.Kind, text, out var error))
        {
            return;
        }

        // The timer parser's sentence names the kind, the text and a working example.
        var reason = ElementLabel.Continue(error ?? new BilingualText(
            $"Timer '{text}' tidak sah: tulis seperti P3D, 2025-03-01T09:00:00+07:00 atau R/P2D.",
            $"Timer '{text}' is not valid: write it like P3D, 2025-03-01T09:00:00+07:00 or R/P2D."));
        v.Report(process, node, ProblemCodes.BadTimer, label => new BilingualText(
            $"{label.Indonesian}: {reason.Indonesian}",
            $"{label.English}: {reason.English}"));
    }

    private static void CheckMessage(ProcessModel process, FlowNode node, MessageEventDefinition message, ValidationContext v)
    {
        var known = message.MessageRef is { } reference ? v.Definitions.Messages.GetValueOrDefault(reference) : null;
        if (message.MessageRef is null)
        {
            v.Report(process, node, ProblemCodes.MessageMissing, label => new BilingualText(
                $"{label.Indonesian} tidak memilih pesan: pilih atau buat pesan (message) bernama, misalnya 'dokumen-diterima'.",
                $"{label.English} has no message: choose or create a named message, e.g. 'document-received'."));
        }
        else if (known is null)
        {
            v.Report(process, node, ProblemCodes.MessageMissing, label => new BilingualText(
                $"{label.Indonesian} merujuk pesan '{message.MessageRef}' yang tidak ada di berkas: pilih pesan yang ada.",
                $"{label.English} refers to the message '{message.MessageRef}', which is not in the file: choose an existing message."));
        }
        else if (string.IsNullOrWhiteSpace(known.Name))
        {
            v.Report(process, node, ProblemCodes.MessageMissingName, label => new BilingualText(
                $"{label.Indonesian} memakai pesan {known.Id} yang tidak bernama: beri pesan itu nama, karena nama itulah yang dicocokkan saat pesan dikirim.",
                $"{label.English} uses the message {known.Id}, which has no name: give the message a name, since the name is what a sent message is matched by."));
        }
    }

    /// <summary>An error end event must name an existing error; an error boundary event without a reference catches every error.</summary>
    private static void CheckError(ProcessModel process, FlowNode node, ErrorEventDefinition error, ValidationContext v)
    {
        if (error.ErrorRef is null && node is EndEvent)
        {
            v.Report(process, node, ProblemCodes.ErrorRefMissing, label => new BilingualText(
                $"{label.Indonesian} tidak memilih error: pilih atau buat error dengan kode error, agar peristiwa batas bisa menangkapnya.",
                $"{label.English} has no error: choose or create an error with an error code, so a boundary event can catch it."));
        }
        else if (error.ErrorRef is { } reference && !v.Definitions.Errors.ContainsKey(reference))
        {
            v.Report(process, node, ProblemCodes.ErrorRefMissing, label => new BilingualText(
                $"{label.Indonesian} merujuk error '{reference}' yang tidak ada di berkas: pilih error yang ada.",
                $"{label.English} refers to the error '{reference}', which is not in the file: choose an existing error."));
        }
    }

    private static void CheckEscalation(ProcessModel process, FlowNode node, EscalationEventDefinition escalation, ValidationContext v)
    {
        if (escalation.EscalationRef is null && node is EndEvent)
        {
            v.Report(process, node, ProblemCodes.EscalationRefMissing, label => new BilingualText(
                $"{label.Indonesian} tidak memilih eskalasi: pilih atau buat eskalasi dengan kode eskalasi.",
                $"{label.English} has no escalation: choose or create an escalation with an escalation code."));
        }
        else if (escalation.EscalationRef is { } reference && !v.Definitions.Escalations.ContainsKey(reference))
        {
            v.Report(process, node, ProblemCodes.EscalationRefMissing, label => new BilingualText(
                $"{label.Indonesian} merujuk eskalasi '{reference}' yang tidak ada di berkas: pilih eskalasi yang ada.",
                $"{label.English} refers to the escalation '{reference}', which is not in the file: choose an existing escalation."));
        }
    }
}
