using Kks.Workflow.Engine;
using Quartz;

namespace Kks.Workflow.Web.Notifications.Digests;

/// <summary>
/// The working-morning digest run (Quartz cron, Deadlines:DigestCron in the regency's zone). Today is read from the
/// app's clock in that zone; a holiday writes nothing. A failure is logged and the next morning tries again; the
/// same morning can be re-run safely (the keys make it a no-op).
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class DigestJob(DigestWriter writer, EngineOptions engine, TimeProvider clock, ILogger<DigestJob> logger) : IJob
{
    public static readonly JobKey Key = new("digest", "kks-deadlines");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), engine.TimeZone).DateTime);
        try
        {
            var written = await writer.WriteAsync(today, cancellationToken).ConfigureAwait(false);
            LogWritten(logger, today, written);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: a re-run writes the same keys.
        }
#pragma warning disable CA1031 // The scheduler thread must live; the digest of a failed morning is re-runnable by key.
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogFailed(logger, error, today);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Digests for {Day}: {Written} outbox rows written")]
    private static partial void LogWritten(ILogger logger, DateOnly day, int written);

    [LoggerMessage(Level = LogLevel.Error, Message = "Digests for {Day} failed; run again or wait for the next morning")]
    private static partial void LogFailed(ILogger logger, Exception error, DateOnly day);
}
