using System.Xml.Linq;
using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Parsing;

/// <summary>
/// Builds the nodes and flows of one process and its sub-processes, then links them: flows to their nodes,
/// boundary events to their activity, default flows to their gateway or activity. Flows are resolved only once
/// every node of the process exists, so a flow may be written before the nodes it joins, and a flow that leaves
/// its scope can be named precisely.
/// </summary>
internal sealed class ScopeBuilder(ParseContext ctx)
{
    private readonly Dictionary<string, FlowNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SequenceFlow> _flows = new(StringComparer.Ordinal);
    private readonly List<(IFlowScope Scope, XElement Element, List<FlowNode> Nodes)> _scopes = [];

    public void Build(ProcessModel process, XElement element)
    {
        ReadNodes(process, element);
        foreach (var (scope, scopeElement, nodes) in _scopes)
        {
            var flows = scopeElement.BpmnChildren("sequenceFlow").Select(f => ReadFlow(scope, f)).OfType<SequenceFlow>().ToList();
            Assign(scope, nodes, flows);
        }

        foreach (var node in _scopes.SelectMany(s => s.Nodes))
        {
            Link(node);
        }

        process.AllNodes = _nodes;
        process.AllFlows = _flows;
    }

    private void ReadNodes(IFlowScope scope, XElement scopeElement)
    {
        var nodes = new List<FlowNode>();
        _scopes.Add((scope, scopeElement, nodes));
        foreach (var child in scopeElement.Elements())
        {
            if (NodeReader.Read(child, ctx) is not { } node)
            {
                continue;
            }

            // A second node with a taken id is reported by ParseContext.IdOf and left out, so ids stay unique in the model.
            if (!_nodes.TryAdd(node.Id, node))
            {
                continue;
            }

            node.Scope = scope;
            node.Index = nodes.Count;
            nodes.Add(node);
            if (node is SubProcess subProcess)
            {
                ReadNodes(subProcess, child);
            }
        }
    }

    private SequenceFlow? ReadFlow(IFlowScope scope, XElement e)
    {
        var id = ctx.IdOf(e);
        if (_flows.ContainsKey(id))
        {
            return null;
        }

        ExtensionScanner.Scan(e, ctx);
        var sourceRef = Xml.Trimmed(e.Attr("sourceRef"));
        var targetRef = Xml.Trimmed(e.Attr("targetRef"));
        var source = sourceRef is null ? null : _nodes.GetValueOrDefault(sourceRef);
        var target = targetRef is null ? null : _nodes.GetValueOrDefault(targetRef);
        if (source is null || target is null)
        {
            var missing = source is null ? (sourceRef, "sumber", "source") : (targetRef, "tujuan", "target");
            var what = missing.Item1 is null ? "kosong" : $"'{missing.Item1}' tidak ada";
            var whatEn = missing.Item1 is null ? "is empty" : $"'{missing.Item1}' does not exist";
            ctx.Problem(e, id, ProblemCodes.DanglingFlow, label => new BilingualText(
                $"{label.Indonesian}: {missing.Item2}nya {what}; sambungkan kedua ujung alur ke elemen yang ada, atau hapus alur itu.",
                $"{label.English}: its {missing.Item3} {whatEn}; connect both ends of the flow to existing elements, or delete it."));
            return null;
        }

        if (source.Scope != scope || target.Scope != scope)
        {
            ctx.Problem(e, id, ProblemCodes.FlowCrossesScope, label => new BilingualText(
                $"{label.Indonesian} melintasi batas subproses (dari {source.Id} ke {target.Id}): alur hanya boleh menghubungkan elemen di dalam subproses yang sama; keluar lewat peristiwa akhir subproses.",
                $"{label.English} crosses a sub-process boundary (from {source.Id} to {target.Id}): a flow may only join elements inside the same sub-process; leave through the sub-process's end event."));
            return null;
        }

        var flow = new SequenceFlow
        {
            Id = id,
            Name = Xml.Trimmed(e.Attr("name")),
            Documentation = NodeBasics.ReadDocumentation(e),
            ElementType = e.Name.LocalName,
            Properties = NodeBasics.CamundaProperties(e),
            Source = source,
            Target = target,
            Condition = Condition(e),
        };
        source.OutgoingList.Add(flow);
        target.IncomingList.Add(flow);
        _flows.Add(id, flow);
        return flow;
    }

    /// <summary>
    /// A blank conditionExpression (some tools write an empty one) is no condition. A condition in a language other
    /// than JUEL (a script, XPath) is outside the subset.
    /// </summary>
    private Expressions.Expression? Condition(XElement flow)
    {
        var condition = flow.BpmnChild("conditionExpression");
        var text = condition?.OwnText();
        if (condition is null || text is null)
        {
            return null;
        }

        var language = Xml.Trimmed(condition.Attr("language"));
        if (language is not null && !language.Equals("juel", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Unsupport(flow, $"conditionExpression language=\"{language}\"", Advice.ConditionLanguage);
            return null;
        }

        return ctx.Expression(flow, text, new("kondisi", "the condition"));
    }

    private void Assign(IFlowScope scope, List<FlowNode> nodes, List<SequenceFlow> flows)
    {
        var noneStart = nodes.OfType<StartEvent>().FirstOrDefault(s => s.Definition is null && !ctx.IsUnsupported(s.Id));
        switch (scope)
        {
            case ProcessModel process:
                process.Nodes = nodes;
                process.Flows = flows;
                process.NoneStart = noneStart;
                break;
            case SubProcess subProcess:
                subProcess.Nodes = nodes;
                subProcess.Flows = flows;
                subProcess.NoneStart = noneStart;
                break;
            default:
                break;
        }
    }

    private void Link(FlowNode node)
    {
        switch (node)
        {
            case BoundaryEvent boundary
                when _nodes.GetValueOrDefault(boundary.AttachedToRef) is Activity activity && activity.Scope == boundary.Scope:
                boundary.AttachedTo = activity;
                activity.BoundaryList.Add(boundary);
                break;
            case Gateway { DefaultFlowRef: { } gatewayDefault } gateway
                when _flows.GetValueOrDefault(gatewayDefault) is { } flow && flow.Source == gateway:
                gateway.DefaultFlow = flow;
                flow.IsDefault = true;
                break;
            case Activity { DefaultFlowRef: { } activityDefault } activity
                when _flows.GetValueOrDefault(activityDefault) is { } flow && flow.Source == activity:
                activity.DefaultFlow = flow;
                flow.IsDefault = true;
                break;
            default:
                break;
        }
    }
}
