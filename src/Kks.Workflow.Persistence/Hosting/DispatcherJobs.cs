using Kks.Workflow.Persistence.Dispatch;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Kks.Workflow.Persistence.Hosting;

/// <summary>Which dispatcher a Quartz job drives; also the job's key.</summary>
public enum DispatcherKind
{
    Timers,
    Jobs,
    Outbox,
}

/// <summary>
/// One run of a dispatcher: <c>RunOnceAsync</c> batch after batch until a batch does nothing (so a backlog drains
/// in one run, and a batch whose rows all failed ends the run instead of spinning). Quartz never runs two at once
/// on this node (<see cref="DisallowConcurrentExecutionAttribute"/>); other nodes are kept apart by the row leases.
/// A failure (the database away) is logged and the next poll tries again.
/// </summary>
internal static partial class DispatcherRun
{
    public static JobKey Key(DispatcherKind kind) => new(kind.ToString(), "kks-workflow");

    public static async ValueTask RunAsync(DispatcherKind kind, Func<CancellationToken, Task<int>> runOnce, DispatcherSignal signal, DispatcherHealth health, ILogger logger, CancellationToken cancellationToken)
    {
        // Cleared before the first claim: a commit signalled from now on triggers one more run after this one.
        signal.Started(kind);
        health.Started(kind);
        try
        {
            // The host stopping ends the run after its current batch, so the stop's wait (bounded by the host's
            // shutdown timeout) covers one batch, not a whole backlog.
            while (!cancellationToken.IsCancellationRequested && !signal.Stopping && await runOnce(cancellationToken).ConfigureAwait(false) > 0)
            {
                health.Beat(kind);
            }

            health.Succeeded(kind);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping: the leases run out and another run (or node) finishes the rows.
            health.Stopped(kind);
        }
#pragma warning disable CA1031 // Any failure of a run (database away, a bug) is logged; the next poll retries. Never kill the scheduler's thread.
        catch (Exception error)
#pragma warning restore CA1031
        {
            health.Failed(kind, error);
            LogRunFailed(logger, error, kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Kind} dispatcher run failed; the next poll retries.")]
    private static partial void LogRunFailed(ILogger logger, Exception error, DispatcherKind kind);
}

[DisallowConcurrentExecution]
internal sealed class TimerDispatchJob(TimerDispatcher dispatcher, DispatcherSignal signal, DispatcherHealth health, ILogger<TimerDispatchJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await DispatcherRun.RunAsync(DispatcherKind.Timers, dispatcher.DrainAsync, signal, health, logger, cancellationToken).ConfigureAwait(false);
        await signal.WakeForNextTimerAsync(dispatcher, cancellationToken).ConfigureAwait(false);
    }
}

[DisallowConcurrentExecution]
internal sealed class JobDispatchJob(JobDispatcher dispatcher, DispatcherSignal signal, DispatcherHealth health, ILogger<JobDispatchJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await DispatcherRun.RunAsync(DispatcherKind.Jobs, dispatcher.RunOnceAsync, signal, health, logger, cancellationToken).ConfigureAwait(false);
}

[DisallowConcurrentExecution]
internal sealed class OutboxDispatchJob(OutboxDispatcher dispatcher, DispatcherSignal signal, DispatcherHealth health, ILogger<OutboxDispatchJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await DispatcherRun.RunAsync(DispatcherKind.Outbox, RunFullBatchAsync, signal, health, logger, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// One batch; the run goes on only after a full one. A part batch means caught up: rows committed since then
    /// woke the next run (the signal was cleared when this run started), so during a burst each run takes what a
    /// wake-up delay gathered in full batches instead of claiming again for every few rows.
    /// </summary>
    private async Task<int> RunFullBatchAsync(CancellationToken cancellationToken)
    {
        var delivered = await dispatcher.RunOnceAsync(cancellationToken).ConfigureAwait(false);
        return delivered >= dispatcher.BatchSize ? delivered : 0;
    }
}
