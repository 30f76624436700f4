using Kks.Workflow.Engine;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.Jobs;

/// <summary>One instance's row columns and its parsed state: what job, incident and external task answers add to their rows (execution, definition, variables).</summary>
internal sealed record InstanceView(string Id, string DefinitionId, string ProcessKey, string? BusinessKey, ProcessInstanceState State)
{
    public ExecutionState? Execution(string? executionId) => executionId is null ? null : State.Executions.Find(e => e.Id == executionId);

    /// <summary>The variables an execution sees: its own, then each parent scope's up to the process variables (the nearer scope wins).</summary>
    public Dictionary<string, object?> VisibleVariables(string? executionId)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var execution = Execution(executionId) ?? State.Root; execution is not null; execution = Execution(execution.ParentId))
        {
            foreach (var (name, value) in execution.Variables ?? [])
            {
                result.TryAdd(name, value);
            }
        }

        return result;
    }
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
}
