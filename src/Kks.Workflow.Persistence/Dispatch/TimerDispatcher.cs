using System.Data.Common;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Dispatch;

/// <summary>
/// Fires due timer rows. A node claims a batch by writing its lease (owner, until) on rows that are due and
/// not leased (or whose lease ran out: their node died), then fires each through <see cref="WorkflowRuntime"/>,
/// whose transaction deletes or re-arms the row with the state change. A timer therefore fires once: a second
/// node never claims a leased row, and should a lease run out while its node still works, the instance's row
/// version lets only one firing commit (the loser finds the timer gone). Hosting (a Quartz.NET job) polls
/// <see cref="RunOnceAsync"/>.
/// </summary>
public sealed class TimerDispatcher(DbContextOptions<WorkflowDbContext> options, WorkflowRuntime runtime, TimeProvider clock, string nodeId)
{
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(1);

    public int BatchSize { get; init; } = 100;

    /// <summary>Claims and fires one batch of due timers; returns how many fired.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var claimed = await ClaimAsync(cancellationToken).ConfigureAwait(false);
        var fired = 0;
        foreach (var timerId in claimed)
        {
            try
            {
                await runtime.FireTimerAsync(timerId, cancellationToken).ConfigureAwait(false);
                fired++;
            }
            catch (EngineException)
            {
                // Gone (fired by a node whose lease we took over) or refused by the engine: the row is removed
                // or keeps its lease until it runs out and is tried again; never fire twice.
            }
        }

        return fired;
    }

    /// <summary>Leases up to BatchSize due, unleased timers to this node, earliest first; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> ClaimAsync(CancellationToken cancellationToken = default) =>
        await LeaseClaim.ClaimAsync(options, Table, nodeId, clock.GetUtcNow(), LeaseDuration, BatchSize, r => r.GetString(0), cancellationToken).ConfigureAwait(false);

    private static readonly LeaseTable Table = new("timers", "lease_owner", "lease_until", "due_at <= @now", "due_at", "id");

    /// <summary>When the next timer falls due (so a host can sleep until then), or null when none is armed.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var context = new WorkflowDbContext(options);
        return await context.Timers.AsNoTracking().OrderBy(t => t.DueAt).Select(t => (DateTimeOffset?)t.DueAt)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }
}
