using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Runtime;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Kks.Workflow.Persistence.Hosting;

/// <summary>
/// Wakes the Quartz dispatcher jobs when a commit left work sooner than their next poll. Jobs and outbox rows
/// are runnable now: the job is triggered now (<c>TriggerJob</c>; the outbox after a short delay that gathers the
/// rows of the commits meanwhile into full batches), at most one such trigger pending per dispatcher
/// (a flag cleared when a run starts), so a burst of commits costs one extra run, not one each; a trigger that
/// arrives while the job runs waits for it (DisallowConcurrentExecution) and then runs once more, so no commit is
/// missed. A timer is not due yet: a one-shot trigger fires the timer job at its due time, rounded up to
/// <see cref="TimerSlot"/> and keyed by that slot, so timers due together share one trigger. Timers due after the
/// next poll are left to the poll. Everything here is a hint: failures are logged and the polls stay the safety net.
/// </summary>
public sealed partial class DispatcherSignal(ISchedulerFactory schedulers, WorkflowDispatcherOptions options, TimeProvider clock, ILogger<DispatcherSignal> logger)
    : IDispatcherSignal
{
    /// <summary>The granularity of timer wake-ups (a timer fires up to this much after its due time, plus the run).</summary>
    public static readonly TimeSpan TimerSlot = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan FireEarlyMargin = TimeSpan.FromMilliseconds(10);

    private int _jobsPending;
    private int _outboxPending;
    private volatile bool _stopping;

    /// <summary>The host is stopping: runs end after their current batch (<see cref="DispatcherHostedService"/>).</summary>
    internal bool Stopping => _stopping;

    internal void HostStopping() => _stopping = true;

    public void Committed(DispatchWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (work.Jobs && Interlocked.Exchange(ref _jobsPending, 1) == 0)
        {
            _ = TriggerNowAsync(DispatcherKind.Jobs);
        }

        if (work.Outbox && Interlocked.Exchange(ref _outboxPending, 1) == 0)
        {
            _ = TriggerOutboxAsync();
        }

        if (work.EarliestTimer is { } due && due < clock.GetUtcNow() + options.TimerPollInterval)
        {
            _ = WakeTimersAtAsync(due);
        }
    }

    /// <summary>A run of this dispatcher is starting: it will see everything committed so far.</summary>
    internal void Started(DispatcherKind kind)
    {
        switch (kind)
        {
            case DispatcherKind.Jobs:
                Volatile.Write(ref _jobsPending, 0);
                break;
            case DispatcherKind.Outbox:
                Volatile.Write(ref _outboxPending, 0);
                break;
        }
    }

    /// <summary>
    /// The outbox wakes <see cref="WorkflowDispatcherOptions.OutboxWakeDelay"/> after the first commit (real time, not
    /// the app's clock: it batches work, it is no business time), so the commits meanwhile share its batches.
    /// </summary>
    private async Task TriggerOutboxAsync()
    {
        if (options.OutboxWakeDelay > TimeSpan.Zero)
        {
            await Task.Delay(options.OutboxWakeDelay, TimeProvider.System).ConfigureAwait(false);
        }

        await TriggerNowAsync(DispatcherKind.Outbox).ConfigureAwait(false);
    }

    private async Task TriggerNowAsync(DispatcherKind kind)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler().ConfigureAwait(false);
            await scheduler.TriggerJob(DispatcherRun.Key(kind)).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A hint that failed (scheduler not started or shutting down) is only logged: the poll finds the rows.
        catch (Exception error)
#pragma warning restore CA1031
        {
            Started(kind);
            LogWakeFailed(logger, error, kind);
        }
    }

    /// <summary>
    /// After a timer run: the next timer due before the next poll gets a wake-up at its time. Without it a timer
    /// armed long ago (its commit was too early to wake anything) fires only at the first poll after its due time,
    /// up to a whole poll interval late.
    /// </summary>
    internal async Task WakeForNextTimerAsync(TimerDispatcher dispatcher, CancellationToken cancellationToken)
    {
        try
        {
            var now = clock.GetUtcNow();
            if (await dispatcher.NextDueAfterAsync(now, cancellationToken).ConfigureAwait(false) is { } next && next < now + options.TimerPollInterval)
            {
                await WakeTimersAtAsync(next).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
#pragma warning disable CA1031 // A hint that failed (database away) is only logged: the poll fires the timer.
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogWakeFailed(logger, error, DispatcherKind.Timers);
        }
    }

    private async Task WakeTimersAtAsync(DateTimeOffset due)
    {
        // Quartz may fire a trigger a few milliseconds before its time, and a run that early would find the timer
        // not yet due (then only the poll fires it): aim a little after the due time, rounded up to the slot.
        var aim = due + FireEarlyMargin;
        var slot = new DateTimeOffset((aim.UtcTicks + TimerSlot.Ticks - 1) / TimerSlot.Ticks * TimerSlot.Ticks, TimeSpan.Zero);
        try
        {
            var scheduler = await schedulers.GetScheduler().ConfigureAwait(false);
            // Built on the scheduler's clock (the app's TimeProvider), never the builder's default system clock: a
            // trigger's misfire policy reads its own clock, the store's acquisition loop the scheduler's, and when they
            // differ (an app clock ahead of the system's) "fire now" left the trigger overdue again and the loop
            // re-applied it forever, holding the store's lock: no dispatcher ran again. Ignoring misfires makes a late
            // wake-up simply fire as soon as it can, whatever the clocks say.
            var trigger = TriggerBuilder.Create(scheduler.TimeProvider)
                .WithIdentity($"timer-wake-{slot.UtcTicks}", "kks-workflow-wake")
                .ForJob(DispatcherRun.Key(DispatcherKind.Timers))
                .StartAt(slot)
                .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.IgnoreMisfires))
                .Build();
            await scheduler.ScheduleJob(trigger).ConfigureAwait(false);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another timer due in the same slot already set this wake-up.
        }
#pragma warning disable CA1031 // As above: a failed hint is only logged.
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogWakeFailed(logger, error, DispatcherKind.Timers);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Waking the {Kind} dispatcher failed; its poll will find the rows.")]
    private static partial void LogWakeFailed(ILogger logger, Exception error, DispatcherKind kind);
}
