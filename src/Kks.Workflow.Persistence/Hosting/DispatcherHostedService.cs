using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Kks.Workflow.Persistence.Hosting;

/// <summary>
/// Quartz's hosted service with a stop that always ends. Stopping waits for a running batch (its commits finish
/// instead of leaving leases to run out), and Quartz gives up waiting for jobs when the host's shutdown timeout
/// cancels the token; but its shutdown also waits, without the token, for its scheduler thread, and a wedged thread
/// (as the timer wake-up misfire loop once did) made SIGTERM hang for good. Here the stop returns when the token is
/// cancelled whatever Quartz is doing: rows a run still holds are leased, so the process may exit and lose nothing.
/// </summary>
internal sealed partial class DispatcherHostedService(
    IHostApplicationLifetime lifetime, IServiceProvider services, IOptionsMonitor<QuartzHostedServiceOptions> options, DispatcherSignal signal, ILogger<DispatcherHostedService> logger)
    : QuartzHostedService(lifetime, services, options), IHostedService
{
    public override Task StoppingAsync(CancellationToken cancellationToken)
    {
        // Before Quartz's stop: runs end after their current batch.
        signal.HostStopping();
        return base.StoppingAsync(cancellationToken);
    }

    // Re-implemented so the host calls this one; Quartz's StopAsync is not virtual.
    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        signal.HostStopping();
        var stop = StopAsync(cancellationToken);
        var given = Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        if (await Task.WhenAny(stop, given).ConfigureAwait(false) == stop)
        {
            await stop.ConfigureAwait(false);
            return;
        }

        LogStopAbandoned(logger);
        _ = stop.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The dispatchers did not stop within the host's shutdown timeout; stopping without them (their rows are leased: another run or node takes them over when the leases run out).")]
    private static partial void LogStopAbandoned(ILogger logger);
}
