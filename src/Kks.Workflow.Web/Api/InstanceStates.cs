using Kks.Workflow.Engine;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api;

/// <summary>One instance's row columns and its parsed state: what job, incident and external task answers add to their rows (execution, definition, variables).</summary>
internal sealed record InstanceView(string Id, string DefinitionId, string ProcessKey, string? BusinessKey, ProcessInstanceState State)
{
    public ExecutionState? Execution(string? executionId) => executionId is null ? null : State.Executions.Find(e => e.Id == executionId);

    /// <summary>The variables an execution sees, see <see cref="InstanceStates.Visible"/>.</summary>
    public Dictionary<string, object?> VisibleVariables(string? executionId) => InstanceStates.Visible(State, executionId);
}

internal static class InstanceStates
{
    /// <summary>Loads the instances of a page of rows at once (one query; the state JSON is parsed once per instance).</summary>
    public static async Task<Dictionary<string, InstanceView>> LoadAsync(WorkflowDbContext context, IEnumerable<string> instanceIds, CancellationToken cancellationToken)
    {
        var ids = instanceIds.Distinct(StringComparer.Ordinal).ToList();
        var rows = await context.ProcessInstances.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, i.DefinitionId, i.ProcessKey, i.BusinessKey, i.StateJson })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Id, r => new InstanceView(r.Id, r.DefinitionId, r.ProcessKey, r.BusinessKey, InstanceStateJson.Deserialize(r.StateJson)), StringComparer.Ordinal);
    }

    /// <summary>
    /// The variables an execution sees: its own, then each parent scope's up to the process variables (the nearer scope
    /// wins a name), as Camunda's task and execution variables do. An execution that is gone (a completed task's) or
    /// none sees the root's.
    /// </summary>
    public static Dictionary<string, object?> Visible(ProcessInstanceState state, string? executionId)
    {
        ArgumentNullException.ThrowIfNull(state);
        var byId = state.Executions.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        var current = (executionId is null ? null : byId.GetValueOrDefault(executionId)) ?? state.Root;
        while (current is not null)
        {
            foreach (var (name, value) in current.Variables ?? [])
            {
                result.TryAdd(name, value);
            }

            current = current.ParentId is { } parent ? byId.GetValueOrDefault(parent) : null;
        }

        return result;
    }
}
