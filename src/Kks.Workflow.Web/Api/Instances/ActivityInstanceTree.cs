using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Web.Api.Instances;

/// <summary>
/// Camunda's ActivityInstanceDto tree from the instance's flat execution list: the process instance at the root, a
/// child per activity a token is at (a sub-process or a multi-instance body holding the activities inside it).
/// Tokens waiting at a joining gateway are not activity instances (Camunda shows none for them either). Given the
/// executions of the caller's own tasks (<see cref="Access.AccessPolicy.TaskExecutionsAsync"/>), the tree keeps only
/// the branches that lead to them: a focal point does not see where another OPD's branches of a shared instance stand.
/// </summary>
internal static class ActivityInstanceTree
{
    public static Dictionary<string, object?> Build(ProcessInstanceState state, ProcessModel model, IReadOnlySet<string>? onlyTowards = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(model);
        var children = state.Executions.Where(e => e.ParentId is not null)
            .ToLookup(e => e.ParentId!, StringComparer.Ordinal);
        var root = state.Root;
        return Node(
            state, state.Id, null, state.DefinitionId, "processDefinition", model.Name ?? model.Id, [root.Id],
            Prune(Children(state, model, children, root.Id, state.Id), onlyTowards));
    }

    /// <summary>The nodes that are, or hold, an activity on one of <paramref name="executions"/>; all when null.</summary>
    private static List<Dictionary<string, object?>> Prune(List<Dictionary<string, object?>> nodes, IReadOnlySet<string>? executions)
    {
        if (executions is null)
        {
            return nodes;
        }

        var kept = new List<Dictionary<string, object?>>();
        foreach (var node in nodes)
        {
            var children = Prune((List<Dictionary<string, object?>>)node["childActivityInstances"]!, executions);
            if (children.Count > 0 || ((string[])node["executionIds"]!).Any(executions.Contains))
            {
                node["childActivityInstances"] = children;
                kept.Add(node);
            }
        }

        return kept;
    }

    private static List<Dictionary<string, object?>> Children(
        ProcessInstanceState state, ProcessModel model, ILookup<string, ExecutionState> children, string executionId, string parentInstanceId)
    {
        var result = new List<Dictionary<string, object?>>();
        foreach (var execution in children[executionId].OrderBy(e => e.EnteredAt).ThenBy(e => e.Id, StringComparer.Ordinal))
        {
            if (execution.NodeId is null || !model.AllNodes.TryGetValue(execution.NodeId, out var node) || IsJoinWait(execution, node))
            {
                // Not at an activity (or only waiting to be joined): its children belong to the parent's instance.
                result.AddRange(Children(state, model, children, execution.Id, parentInstanceId));
                continue;
            }

            var isBody = execution.Kind == ExecutionKind.MultiInstanceBody;
            var id = execution.ActivityInstanceId ?? execution.Id;
            result.Add(Node(
                state, id, parentInstanceId,
                isBody ? node.Id + "#multiInstanceBody" : node.Id,
                isBody ? "multiInstanceBody" : node.ElementType,
                node.Name,
                [execution.Id],
                Children(state, model, children, execution.Id, id)));
        }

        return result;
    }

    private static bool IsJoinWait(ExecutionState execution, FlowNode node) =>
        execution.Status == ExecutionStatus.Waiting && node.ElementType is "parallelGateway" or "inclusiveGateway";

    private static Dictionary<string, object?> Node(
        ProcessInstanceState state, string id, string? parentId, string activityId, string activityType, string? name, string[] executionIds,
        List<Dictionary<string, object?>> children)
    {
        var incidents = state.Incidents.Where(i => executionIds.Contains(i.ExecutionId, StringComparer.Ordinal)).Select(i => i.Id).ToList();
        return new Dictionary<string, object?>
        {
            ["id"] = id,
            ["parentActivityInstanceId"] = parentId,
            ["activityId"] = activityId,
            ["activityType"] = activityType,
            ["processInstanceId"] = state.Id,
            ["processDefinitionId"] = state.DefinitionId,
            ["childActivityInstances"] = children,
            ["childTransitionInstances"] = Array.Empty<object>(),
            ["executionIds"] = executionIds,
            ["activityName"] = name,
            ["incidentIds"] = incidents,
            ["incidents"] = incidents.Select(i => new { id = i, activityId }).ToList(),
            ["name"] = name,
        };
    }
}
