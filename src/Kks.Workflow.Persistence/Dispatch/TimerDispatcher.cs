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
/// The claimed timers of different instances fire in parallel (up to <see cref="Parallelism"/> commands at once),
/// so their commits meet in the runtime's group commit and share fsyncs; timers of one instance fire one after
/// another, since they would only race for the same row version.
/// </summary>
public sealed class TimerDispatcher(DbContextOptions<WorkflowDbContext> options, WorkflowRuntime runtime, TimeProvider clock, string nodeId)
{
    private static readonly LeaseTable Table = new("timers", "lease_owner", "lease_until", "due_at <= @now", "due_at", "id, instance_id");

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(1);

    public int BatchSize { get; init; } = 200;

    /// <summary>How many firings run at once (1: one after another).</summary>
    public int Parallelism { get; init; } = 8;

    /// <summary>Told the timer id after each firing committed (measurements; must be cheap and never throw).</summary>
    public Action<string>? Fired { get; init; }

    /// <summary>Claims and fires one batch of due timers; returns how many fired.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var claimed = await ClaimTimersAsync(cancellationToken).ConfigureAwait(false);
        var fired = 0;
        var byInstance = claimed.GroupBy(t => t.InstanceId, StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(
            byInstance,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = cancellationToken },
            async (timers, token) =>
            {
                foreach (var timer in timers)
                {
                    if (await FireAsync(timer, token).ConfigureAwait(false))
                    {
                        Interlocked.Increment(ref fired);
                    }
                }
            }).ConfigureAwait(false);
        return fired;
    }

    /// <summary>Leases up to BatchSize due, unleased timers to this node, earliest first; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> ClaimAsync(CancellationToken cancellationToken = default) =>
        (await ClaimTimersAsync(cancellationToken).ConfigureAwait(false)).Select(t => t.Id).ToList();

    /// <summary>When the next timer falls due (so a host can sleep until then), or null when none is armed.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) =>
        await NextDueAfterAsync(null, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// When the first timer due strictly after <paramref name="after"/> falls due (null: the earliest of all). The
    /// host asks this after each run with "now", so a timer already overdue (leased by another node, or refused and
    /// waiting for its lease to run out) does not hide the next one.
    /// </summary>
    public async Task<DateTimeOffset?> NextDueAfterAsync(DateTimeOffset? after, CancellationToken cancellationToken = default)
    {
        await using var context = new WorkflowDbContext(options);
        var timers = context.Timers.AsNoTracking();
        if (after is { } since)
        {
            timers = timers.Where(t => t.DueAt > since);
        }

        return await timers.OrderBy(t => t.DueAt).Select(t => (DateTimeOffset?)t.DueAt)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<ClaimedTimer>> ClaimTimersAsync(CancellationToken cancellationToken) =>
        await LeaseClaim.ClaimAsync(options, Table, nodeId, clock.GetUtcNow(), LeaseDuration, BatchSize,
            r => new ClaimedTimer(r.GetString(0), r.GetString(1)), cancellationToken).ConfigureAwait(false);

    private async Task<bool> FireAsync(ClaimedTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            // The claim returned the instance: no lookup of the timer row before the command (FireTimerAsync's).
            await runtime.ExecuteAsync(timer.InstanceId, new FireTimer(timer.Id), cancellationToken: cancellationToken).ConfigureAwait(false);
            Fired?.Invoke(timer.Id);
            return true;
        }
        catch (EngineException)
        {
            // Gone (fired by a node whose lease we took over) or refused by the engine: the row is removed
            // or keeps its lease until it runs out and is tried again; never fire twice.
            return false;
        }
    }

    private sealed record ClaimedTimer(string Id, string InstanceId);
}
