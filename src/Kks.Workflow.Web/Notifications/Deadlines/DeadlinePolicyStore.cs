using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Notifications.Deadlines;

/// <summary>The deadline_policies table, and the snapshot the engine reads (<see cref="LiveDeadlinePolicies"/>).</summary>
public sealed class DeadlinePolicyStore(LiveDeadlinePolicies live, TimeProvider clock)
{
    public async Task LoadAsync(WorkflowDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var load = live.StartLoad();
        var rows = await context.DeadlinePolicies.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        live.Replace(load, rows.Select(ToPolicy));
    }

    public static Task<List<DeadlinePolicyRecord>> ListAsync(WorkflowDbContext context, CancellationToken cancellationToken) =>
        context.DeadlinePolicies.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);

    public static Task<DeadlinePolicyRecord?> FindAsync(WorkflowDbContext context, string name, CancellationToken cancellationToken) =>
        context.DeadlinePolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Name == name, cancellationToken);

    /// <summary>
    /// Creates or replaces a policy. Tasks already waiting keep the steps they were armed with; the new steps apply to
    /// tasks created (or re-armed by a due-date or group change) from now on.
    /// </summary>
    public async Task<DeadlinePolicyRecord> SaveAsync(WorkflowDbContext context, string name, string? description, IReadOnlyList<DeadlineStep> steps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var row = await context.DeadlinePolicies.FindAsync([name], cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            row = new DeadlinePolicyRecord { Name = name, StepsJson = "[]" };
            context.DeadlinePolicies.Add(row);
        }

        row.Description = description;
        row.StepsJson = DeadlinePolicySteps.Serialize(steps);
        row.UpdatedAt = clock.GetUtcNow();
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await LoadAsync(context, cancellationToken).ConfigureAwait(false);
        return row;
    }

    public async Task<bool> DeleteAsync(WorkflowDbContext context, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var deleted = await context.DeadlinePolicies.Where(p => p.Name == name).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0;
        await LoadAsync(context, cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    public static DeadlinePolicy ToPolicy(DeadlinePolicyRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new DeadlinePolicy(row.Name, DeadlinePolicySteps.Deserialize(row.StepsJson));
    }
}
