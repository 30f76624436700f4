using System.Threading.Channels;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Dispatch;

/// <summary>
/// Fires due timer rows. A node claims a batch by writing its lease (owner, until) on rows that are due and
/// not leased (or whose lease ran out: their node died), then fires each through <see cref="WorkflowRuntime"/>,
/// whose transaction deletes or re-arms the row with the state change. A timer therefore fires once: a second
/// node never claims a leased row, and should a lease run out while its node still works, the instance's row
/// version lets only one firing commit (the loser finds the timer gone). Hosting (a Quartz.NET job) calls
/// <see cref="DrainAsync"/>, which keeps claiming while it fires; <see cref="RunOnceAsync"/> is one batch.
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

    /// <summary>
    /// Fires due timers until a claim finds less than a batch; returns how many fired. The claims run ahead of the
    /// firings: while <see cref="Parallelism"/> workers fire, the next batch is claimed and queued (at most about one
    /// batch waits), so the workers never stand still for a claim, nor wait at the end of a batch for its slowest
    /// firing. Timers of one instance fire one after another in the order claimed (earliest due first), also across
    /// batches. A failure other than the engine's refusal (the database away) stops the drain and is thrown; the
    /// timers still leased run out their lease and fire then.
    /// </summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var drain = new Drain(this, Math.Max(1, BatchSize), stop);
        var workers = Enumerable.Range(0, Math.Max(1, Parallelism)).Select(_ => Task.Run(() => drain.WorkAsync(stop.Token), CancellationToken.None)).ToList();
        try
        {
            while (true)
            {
                var claimed = await ClaimTimersAsync(stop.Token).ConfigureAwait(false);
                await drain.QueueAsync(claimed, stop.Token).ConfigureAwait(false);
                if (claimed.Count < BatchSize)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (drain.Failure is not null)
        {
            // A worker failed and stopped the claims: its failure is thrown below.
        }
#pragma warning disable CA1031 // Kept and thrown after the workers stopped, so none is left firing behind the caller's back.
        catch (Exception error)
#pragma warning restore CA1031
        {
            drain.Fail(error);
        }
        finally
        {
            drain.Complete();
        }

        await Task.WhenAll(workers).ConfigureAwait(false); // they never throw: a failure is kept in drain.Failure
        if (drain.Failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return drain.Fired;
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

    /// <summary>
    /// The state of one <see cref="DrainAsync"/>: a bounded queue of instances with claimed timers, and per instance
    /// its timers not fired yet. An instance is queued once; the worker that takes it fires its timers in order,
    /// including any a later claim adds while it works, and lets go of the instance when none is left.
    /// </summary>
    private sealed class Drain(TimerDispatcher dispatcher, int capacity, CancellationTokenSource stop)
    {
        private readonly Channel<string> _instances = Channel.CreateBounded<string>(new BoundedChannelOptions(capacity) { SingleWriter = true });
        private readonly Dictionary<string, Queue<ClaimedTimer>> _waiting = new(StringComparer.Ordinal); // guarded by itself
        private int _fired;
        private Exception? _failure;

        public int Fired => Volatile.Read(ref _fired);

        public Exception? Failure => Volatile.Read(ref _failure);

        public async Task QueueAsync(List<ClaimedTimer> claimed, CancellationToken cancellationToken)
        {
            foreach (var timer in claimed)
            {
                bool first;
                lock (_waiting)
                {
                    first = !_waiting.TryGetValue(timer.InstanceId, out var timers);
                    if (first)
                    {
                        _waiting[timer.InstanceId] = timers = new Queue<ClaimedTimer>();
                    }

                    timers!.Enqueue(timer);
                }

                if (first)
                {
                    await _instances.Writer.WriteAsync(timer.InstanceId, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        public void Complete() => _instances.Writer.TryComplete();

        public void Fail(Exception error)
        {
            Interlocked.CompareExchange(ref _failure, error, null);
            stop.Cancel();
        }

        public async Task WorkAsync(CancellationToken cancellationToken)
        {
            try
            {
                await foreach (var instanceId in _instances.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (Next(instanceId) is { } timer)
                    {
                        if (await dispatcher.FireAsync(timer, cancellationToken).ConfigureAwait(false))
                        {
                            Interlocked.Increment(ref _fired);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped (the host, or another worker's failure): the leases run out and the timers fire later.
            }
#pragma warning disable CA1031 // Handed to DrainAsync, which stops the others and throws it.
            catch (Exception error)
#pragma warning restore CA1031
            {
                Fail(error);
            }
        }

        private ClaimedTimer? Next(string instanceId)
        {
            lock (_waiting)
            {
                var timers = _waiting[instanceId];
                if (timers.Count > 0)
                {
                    return timers.Dequeue();
                }

                _waiting.Remove(instanceId);
                return null;
            }
        }
    }
}
