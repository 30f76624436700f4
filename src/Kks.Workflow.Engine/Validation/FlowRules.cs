using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Validation;

/// <summary>
/// The shape of the graph: flows go out of every node but end events and never into start or boundary events,
/// every node can be reached from a start, and conditions are expressions.
/// </summary>
internal static class FlowRules
{
    public static void Check(ProcessModel process, ValidationContext v)
    {
        foreach (var scope in Scopes.All(process))
        {
            foreach (var node in scope.Nodes.Where(n => !v.IsUnsupported(n)))
            {
                CheckEnds(process, node, v);
            }

            CheckReachable(process, scope, v);
            foreach (var flow in scope.Flows.Where(f => f.Condition is { IsLiteral: true }))
            {
                v.Report(process, flow, ProblemCodes.ConditionNotExpression, label => new BilingualText(
                    $"{label.Indonesian} punya kondisi '{flow.Condition!.Text}' yang berupa teks biasa, bukan ekspresi: tulis sebagai ${{...}}, misalnya ${{disetujui}} atau ${{nilai >= 80}}.",
                    $"{label.English} has the condition '{flow.Condition!.Text}', which is plain text, not an expression: write it as ${{...}}, e.g. ${{approved}} or ${{score >= 80}}."));
            }
        }
    }

    private static void CheckEnds(ProcessModel process, FlowNode node, ValidationContext v)
    {
        switch (node)
        {
            case StartEvent when node.Incoming.Count > 0:
                v.Report(process, node, ProblemCodes.FlowIntoStart, label => new BilingualText(
                    $"{label.Indonesian} dituju alur ({Scopes.Ids(node.Incoming)}): peristiwa mulai tidak boleh punya alur masuk, jadi arahkan alur itu ke elemen lain.",
                    $"{label.English} is the target of a flow ({Scopes.Ids(node.Incoming)}): a start event may not have incoming flows, so point the flow at another element."));
                break;
            case BoundaryEvent when node.Incoming.Count > 0:
                v.Report(process, node, ProblemCodes.FlowIntoBoundary, label => new BilingualText(
                    $"{label.Indonesian} dituju alur ({Scopes.Ids(node.Incoming)}): peristiwa batas tidak boleh punya alur masuk, jadi arahkan alur itu ke elemen lain.",
                    $"{label.English} is the target of a flow ({Scopes.Ids(node.Incoming)}): a boundary event may not have incoming flows, so point the flow at another element."));
                break;
            default:
                break;
        }

        if (node is EndEvent)
        {
            if (node.Outgoing.Count > 0)
            {
                v.Report(process, node, ProblemCodes.FlowOutOfEnd, label => new BilingualText(
                    $"{label.Indonesian} punya alur keluar ({Scopes.Ids(node.Outgoing)}): peristiwa akhir mengakhiri jalur, jadi hapus alur itu atau ganti dengan peristiwa antara.",
                    $"{label.English} has outgoing flows ({Scopes.Ids(node.Outgoing)}): an end event ends its path, so delete the flow or use an intermediate event instead."));
            }
        }
        else if (node.Outgoing.Count == 0)
        {
            v.Report(process, node, node is Gateway ? ProblemCodes.GatewayNoOutgoing : ProblemCodes.NodeNoOutgoing, label => new BilingualText(
                $"{label.Indonesian} tidak punya alur keluar: sambungkan ke langkah berikutnya atau ke sebuah peristiwa akhir.",
                $"{label.English} has no outgoing flow: connect it to the next step or to an end event."));
        }
    }

    /// <summary>
    /// Walks from the scope's start events along flows (and from each reached activity to its boundary events);
    /// whatever is left can never hold a token. A scope without start events is reported elsewhere.
    /// </summary>
    private static void CheckReachable(ProcessModel process, IFlowScope scope, ValidationContext v)
    {
        var pending = new Stack<FlowNode>(scope.Nodes.OfType<StartEvent>());
        if (pending.Count == 0)
        {
            return;
        }

        var reached = new HashSet<FlowNode>();
        while (pending.TryPop(out var node))
        {
            if (!reached.Add(node))
            {
                continue;
            }

            foreach (var flow in node.Outgoing)
            {
                pending.Push(flow.Target);
            }

            if (node is Activity activity)
            {
                foreach (var boundary in activity.BoundaryEvents)
                {
                    pending.Push(boundary);
                }
            }
        }

        foreach (var node in scope.Nodes.Where(n => !reached.Contains(n) && !v.IsUnsupported(n)))
        {
            // A boundary event not attached to anything is reported as such; unreachable would only repeat it.
            if (node is BoundaryEvent { AttachedTo: null })
            {
                continue;
            }

            v.Report(process, node, ProblemCodes.UnreachableNode, label => new BilingualText(
                $"{label.Indonesian} tidak bisa dicapai dari peristiwa mulai: sambungkan dengan alur masuk, atau hapus bila tidak dipakai.",
                $"{label.English} cannot be reached from a start event: connect it with an incoming flow, or delete it if it is not used."),
                ProblemSeverity.Warning);
        }
    }
}
