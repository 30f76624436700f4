using System.Runtime.CompilerServices;
using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Execution;

/// <summary>
/// Which nodes can reach which within their scope (following sequence flows and boundary events), computed
/// once per process model: the inclusive join asks it whether a token elsewhere may still arrive.
/// </summary>
internal sealed class Reachability
{
    private static readonly ConditionalWeakTable<ProcessModel, Reachability> Cache = [];
    private readonly Dictionary<FlowNode, HashSet<FlowNode>> _reachable = [];

    private Reachability(ProcessModel process)
    {
        foreach (var node in process.AllNodes.Values)
        {
            var seen = new HashSet<FlowNode>();
            var stack = new Stack<FlowNode>();
            stack.Push(node);
            while (stack.TryPop(out var current))
            {
                foreach (var next in Successors(current))
                {
                    if (seen.Add(next))
                    {
                        stack.Push(next);
                    }
                }
            }

            _reachable[node] = seen;
        }
    }

    public static Reachability For(ProcessModel process) => Cache.GetValue(process, p => new Reachability(p));

    public bool CanReach(FlowNode from, FlowNode to) => from == to || (_reachable.TryGetValue(from, out var set) && set.Contains(to));

    private static IEnumerable<FlowNode> Successors(FlowNode node)
    {
        foreach (var flow in node.Outgoing)
        {
            yield return flow.Target;
        }

        if (node is Activity activity)
        {
            foreach (var boundary in activity.BoundaryEvents)
            {
                yield return boundary;
            }
        }
    }
}
