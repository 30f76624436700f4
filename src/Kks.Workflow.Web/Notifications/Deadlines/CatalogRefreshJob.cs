using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Notifications.Calendar;
using Quartz;

namespace Kks.Workflow.Web.Notifications.Deadlines;

/// <summary>Reloads the holiday and policy snapshots, so an admin's edit on one node reaches the others (Deadlines:CatalogRefreshInterval).</summary>
[DisallowConcurrentExecution]
internal sealed partial class CatalogRefreshJob(IServiceScopeFactory scopes, CalendarStore calendar, DeadlinePolicyStore policies, ILogger<CatalogRefreshJob> logger) : IJob
{
    public static readonly JobKey Key = new("catalog-refresh", "kks-deadlines");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            await calendar.LoadAsync(db, cancellationToken).ConfigureAwait(false);
            await policies.LoadAsync(db, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
#pragma warning disable CA1031 // The last snapshot stays in force; the next run tries again.
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogFailed(logger, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading holidays and deadline policies failed; the last ones stay in force")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
