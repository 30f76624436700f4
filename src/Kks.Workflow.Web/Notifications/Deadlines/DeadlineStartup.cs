using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Hosting;
using Kks.Workflow.Web.Notifications.Calendar;

namespace Kks.Workflow.Web.Notifications.Deadlines;

/// <summary>
/// Fills the engine's snapshots before anything runs: imports the calendar file's new days, loads the holidays and
/// the deadline policies. A start-up step, so it runs after the migration and before workflows/ deploys, whose
/// kks:deadlinePolicy names are checked against the policies.
/// </summary>
internal sealed partial class DeadlineStartup(CalendarStore calendar, DeadlinePolicyStore policies, ILogger<DeadlineStartup> logger) : IStartupStep
{
    public async Task RunAsync(WorkflowDbContext context, CancellationToken cancellationToken)
    {
        var imported = await calendar.ImportFileAsync(context, cancellationToken).ConfigureAwait(false);
        if (imported > 0)
        {
            LogImported(logger, imported);
        }

        await calendar.LoadAsync(context, cancellationToken).ConfigureAwait(false);
        await policies.LoadAsync(context, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Working-day calendar: {Count} days off imported from hari-libur.json")]
    private static partial void LogImported(ILogger logger, int count);
}
