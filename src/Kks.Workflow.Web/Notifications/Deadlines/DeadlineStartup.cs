using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Notifications.Calendar;

namespace Kks.Workflow.Web.Notifications.Deadlines;

/// <summary>
/// Fills the engine's snapshots before anything runs: imports the calendar file's new days, loads the holidays and
/// the deadline policies. Registered before the start-up initializer because that one deploys workflows/, whose
/// kks:deadlinePolicy names are checked against the policies; so it migrates first itself (a no-op for the
/// initializer then; the migrator is idempotent and locked).
/// </summary>
internal sealed partial class DeadlineStartup(IServiceScopeFactory scopes, CalendarStore calendar, DeadlinePolicyStore policies, ILogger<DeadlineStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        await SchemaMigrator.MigrateAsync(context, cancellationToken: cancellationToken).ConfigureAwait(false);
        var imported = await calendar.ImportFileAsync(context, cancellationToken).ConfigureAwait(false);
        if (imported > 0)
        {
            LogImported(logger, imported);
        }

        await calendar.LoadAsync(context, cancellationToken).ConfigureAwait(false);
        await policies.LoadAsync(context, cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Working-day calendar: {Count} days off imported from hari-libur.json")]
    private static partial void LogImported(ILogger logger, int count);
}
