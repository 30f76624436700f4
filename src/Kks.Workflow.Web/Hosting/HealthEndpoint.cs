using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Hosting;
using Quartz;

namespace Kks.Workflow.Web.Hosting;

/// <summary>/healthz: 200 when the database answers and takes writes, the disk has room and the dispatchers run; 503 with the reason otherwise (no sign-in needed).</summary>
internal static class HealthEndpoint
{
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", async (WorkflowDbContext context, ISchedulerFactory schedulers, DispatcherHealth dispatchers, PersistenceOptions persistence, IConfiguration configuration, CancellationToken cancellationToken) =>
        {
            var problems = new List<string>();
            bool database;
            try
            {
                database = await context.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Any failure to reach the database is the answer, not an error of the check.
            catch (Exception)
#pragma warning restore CA1031
            {
                database = false;
            }

            if (!database)
            {
                problems.Add("database unreachable");
            }

            // Reads may still work while writes cannot: say so (disk full, database read-only or locked).
            var storage = new List<string?>
            {
                StorageHealth.DiskProblem(persistence.DataDirectory, configuration.GetValue("Storage:MinFreeBytes", StorageHealth.DefaultMinFreeBytes)),
                database ? await StorageHealth.WriteProblemAsync(persistence, cancellationToken).ConfigureAwait(false) : null,
            };
            problems.AddRange(storage.OfType<string>());

            var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
            var running = await scheduler.GetStatus(cancellationToken).ConfigureAwait(false) == SchedulerStatus.Running;
            if (!running)
            {
                problems.Add("dispatchers not running");
            }

            var runs = dispatchers.Snapshot();
            problems.AddRange(runs.Where(r => r.Failing).Select(r => $"{r.Kind} dispatcher failing: {r.LastError}"));
            var body = new
            {
                status = problems.Count == 0 ? "ok" : "unhealthy",
                database = database ? "ok" : "unreachable",
                dispatchers = runs.ToDictionary(r => r.Kind.ToString().ToLowerInvariant(), r => new { r.LastSuccess, r.LastFailure, r.LastError, failing = r.Failing }),
                problems,
            };
            return Results.Json(body, statusCode: problems.Count == 0 ? 200 : 503);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
