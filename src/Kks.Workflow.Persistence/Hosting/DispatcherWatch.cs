using Microsoft.Extensions.Logging;
using Quartz;

namespace Kks.Workflow.Persistence.Hosting;

/// <summary>A dispatcher with no sign of life for longer than <see cref="StalledAfter"/> that did not answer a probe.</summary>
public sealed record DispatcherStall(DispatcherKind Kind, DateTimeOffset QuietSince, TimeSpan StalledAfter, bool Running);

/// <summary>
/// Finds dispatchers that have stopped, whatever stopped them (a wedged scheduler, a handler that never returns): a
/// dispatcher is polled every interval, so one quiet for <see cref="WorkflowDispatcherOptions.StalledAfterPolls"/>
/// intervals (and at least <see cref="MinimumStall"/>, by the app's clock) looks stalled. Before saying so it is asked
/// to run once (<c>TriggerJob</c>) and given <see cref="ProbeWait"/> of real time to show a sign of life: a quiet spell
/// that only a clock moved by hand (tests) or a skipped poll produced answers at once and is not reported. A probe
/// that cannot even be handed to the scheduler (its store wedged) stays pending, at most one per dispatcher.
/// </summary>
public sealed partial class DispatcherWatch(DispatcherHealth health, WorkflowDispatcherOptions options, ISchedulerFactory schedulers, TimeProvider clock, ILogger<DispatcherWatch> logger)
{
    /// <summary>The shortest quiet spell called a stall: a busy machine may delay a 1 s poll by seconds, not by this.</summary>
    public static readonly TimeSpan MinimumStall = TimeSpan.FromSeconds(30);

    /// <summary>How long (real time) a probed dispatcher has to show a sign of life.</summary>
    public static readonly TimeSpan ProbeWait = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan ProbeStep = TimeSpan.FromMilliseconds(50);

    private readonly Task?[] _probes = new Task?[Enum.GetValues<DispatcherKind>().Length];

    public TimeSpan StalledAfter(DispatcherKind kind)
    {
        var poll = kind switch
        {
            DispatcherKind.Timers => options.TimerPollInterval,
            DispatcherKind.Jobs => options.JobPollInterval,
            _ => options.OutboxPollInterval,
        };
        var polls = poll * Math.Max(1, options.StalledAfterPolls);
        return polls > MinimumStall ? polls : MinimumStall;
    }

    /// <summary>The start of the dispatcher's quiet spell: its last sign of life, or when watching began.</summary>
    public DateTimeOffset QuietSince(DispatcherRunStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.LastActivity ?? health.WatchedSince;
    }

    /// <summary>Quiet for longer than <see cref="StalledAfter"/>, by the app's clock (no probe).</summary>
    public bool LooksStalled(DispatcherRunStatus status) => clock.GetUtcNow() - QuietSince(status) > StalledAfter(status.Kind);

    /// <summary>The dispatchers that look stalled and did not answer a probe (all probed at once: one wait).</summary>
    public async Task<IReadOnlyList<DispatcherStall>> FindStalledAsync(CancellationToken cancellationToken = default)
    {
        var quiet = health.Snapshot().Where(LooksStalled).ToList();
        if (quiet.Count == 0)
        {
            return [];
        }

        foreach (var status in quiet)
        {
            Probe(status.Kind);
        }

        // Real time, not the app's clock: in tests that clock moves only by hand.
        var started = TimeProvider.System.GetTimestamp();
        while (quiet.Exists(Silent) && TimeProvider.System.GetElapsedTime(started) < ProbeWait)
        {
            await Task.Delay(ProbeStep, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }

        var stalled = new List<DispatcherStall>();
        foreach (var status in quiet.Where(Silent))
        {
            var quietSince = QuietSince(status);
            LogStalled(logger, status.Kind, quietSince);
            stalled.Add(new DispatcherStall(status.Kind, quietSince, StalledAfter(status.Kind), status.Running));
        }

        return stalled;
    }

    /// <summary>No sign of life since this reading.</summary>
    private bool Silent(DispatcherRunStatus before) => health.Status(before.Kind).Beats == before.Beats;

    /// <summary>Asks the dispatcher to run now, unless an earlier probe is still waiting to be handed to the scheduler.</summary>
    private void Probe(DispatcherKind kind)
    {
        var index = (int)kind;
        if (Volatile.Read(ref _probes[index]) is not { IsCompleted: false })
        {
            // On its own thread: a wedged in-memory store blocks the caller of TriggerJob on its lock for good.
            Volatile.Write(ref _probes[index], Task.Run(() => TriggerAsync(kind), CancellationToken.None));
        }
    }

    private async Task TriggerAsync(DispatcherKind kind)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler().ConfigureAwait(false);
            await scheduler.TriggerJob(DispatcherRun.Key(kind)).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A probe that cannot trigger (scheduler shut down) is itself the answer: no sign of life follows.
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogProbeFailed(logger, error, kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Kind} dispatcher is stalled: no sign of life since {QuietSince:o}, and it did not answer a probe.")]
    private static partial void LogStalled(ILogger logger, DispatcherKind kind, DateTimeOffset quietSince);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probing the {Kind} dispatcher failed.")]
    private static partial void LogProbeFailed(ILogger logger, Exception error, DispatcherKind kind);
}
