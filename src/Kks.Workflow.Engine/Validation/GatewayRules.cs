using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Validation;

/// <summary>
/// Decisions that cannot go wrong at run time: every outgoing flow of an exclusive or inclusive split has a
/// condition or is the default, defaults are real outgoing flows without conditions, and an event-based gateway
/// waits only for things that can happen.
/// </summary>
internal static class GatewayRules
{
    public static void Check(ProcessModel process, ValidationContext v)
    {
        foreach (var scope in Scopes.All(process))
        {
            foreach (var node in scope.Nodes.Where(n => !v.IsUnsupported(n)))
            {
                CheckDefault(process, node, v);
                if (node is Gateway gateway)
                {
                    CheckGateway(process, gateway, v);
                }
            }
        }
    }

    private static void CheckGateway(ProcessModel process, Gateway gateway, ValidationContext v)
    {
        switch (gateway.Kind)
        {
            case GatewayKind.Exclusive or GatewayKind.Inclusive when gateway.Outgoing.Count > 1:
                var bare = gateway.Outgoing.Where(f => f.Condition is null && !f.IsDefault).ToList();
                if (bare.Count > 0)
                {
                    var count = Scopes.Count(bare.Count);
                    v.Report(process, gateway, gateway.Kind == GatewayKind.Exclusive ? ProblemCodes.ExclusiveNoCondition : ProblemCodes.InclusiveNoCondition, label => new BilingualText(
                        $"{label.Indonesian} punya {count.Indonesian} alur keluar tanpa kondisi ({Scopes.Ids(bare)}): beri setiap alur sebuah kondisi atau tandai satu sebagai alur default.",
                        $"{label.English} has {count.English} outgoing flow{(bare.Count == 1 ? string.Empty : "s")} without a condition ({Scopes.Ids(bare)}): give each flow a condition or mark one as the default flow."));
                }

                break;
            case GatewayKind.Parallel or GatewayKind.EventBased:
                foreach (var flow in gateway.Outgoing.Where(f => f.Condition is not null))
                {
                    v.Report(process, flow, ProblemCodes.ConditionIgnored, label => new BilingualText(
                        $"{label.Indonesian} keluar dari {ElementLabel.Inline(gateway).Indonesian} dan kondisinya akan diabaikan: hapus kondisinya, atau pakai gateway inklusif bila alurnya memang bersyarat.",
                        $"{label.English} leaves {ElementLabel.Inline(gateway).English} and its condition will be ignored: remove the condition, or use an inclusive gateway if the flow really is conditional."),
                        ProblemSeverity.Warning);
                }

                if (gateway.Kind == GatewayKind.EventBased)
                {
                    CheckEventTargets(process, gateway, v);
                }

                break;
            default:
                break;
        }
    }

    private static void CheckEventTargets(ProcessModel process, Gateway gateway, ValidationContext v)
    {
        foreach (var target in gateway.Outgoing.Select(f => f.Target).Where(t => !v.IsUnsupported(t)))
        {
            var waits = target is ReceiveTask
                || target is IntermediateCatchEvent { Definition: TimerEventDefinition or MessageEventDefinition };
            if (!waits)
            {
                v.Report(process, gateway, ProblemCodes.EventGatewayBadTarget, label => new BilingualText(
                    $"{label.Indonesian} diikuti {ElementLabel.Inline(target).Indonesian}: setelah gateway berbasis peristiwa hanya boleh ada peristiwa tangkap timer atau pesan, atau tugas terima; sisipkan peristiwa yang ditunggu sebelum langkah itu.",
                    $"{label.English} is followed by {ElementLabel.Inline(target).English}: an event-based gateway may only lead to timer or message catch events or receive tasks; insert the awaited event before that step."));
            }
        }
    }

    private static void CheckDefault(ProcessModel process, FlowNode node, ValidationContext v)
    {
        var (reference, flow) = node switch
        {
            Gateway g => (g.DefaultFlowRef, g.DefaultFlow),
            Activity a => (a.DefaultFlowRef, a.DefaultFlow),
            _ => (null, null),
        };
        if (reference is not null && flow is null)
        {
            v.Report(process, node, ProblemCodes.DefaultFlowInvalid, label => new BilingualText(
                $"{label.Indonesian} menunjuk '{reference}' sebagai alur default, padahal itu bukan alur keluarnya: pilih ulang alur default di pemodel.",
                $"{label.English} names '{reference}' as its default flow, but that is not one of its outgoing flows: choose the default flow again in the modeler."));
        }
        else if (flow?.Condition is not null)
        {
            v.Report(process, flow, ProblemCodes.DefaultFlowHasCondition, label => new BilingualText(
                $"{label.Indonesian} adalah alur default {ElementLabel.Inline(node).Indonesian} tetapi juga punya kondisi: hapus kondisinya, karena alur default diambil justru saat tidak ada kondisi lain yang benar.",
                $"{label.English} is the default flow of {ElementLabel.Inline(node).English} but also has a condition: remove the condition, since the default flow is taken exactly when no other condition holds."));
        }
    }
}
