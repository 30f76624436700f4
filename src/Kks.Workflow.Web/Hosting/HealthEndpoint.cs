using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Hosting;
using Kks.Workflow.Web.Notifications.Templates;
using Quartz;

namespace Kks.Workflow.Web.Hosting;

/// <summary>
/// /healthz: 200 when the database answers and takes writes, the disk has room, the dispatchers run and the outbox
/// can deliver (mail); 503 with the reason otherwise (no sign-in needed). A dispatcher that has stopped (no sign of life for several polls, and no answer
/// to a probe: <see cref="DispatcherWatch"/>) is "stalled": the check then takes up to a few seconds longer.
/// </summary>
internal static class HealthEndpoint
{
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", async (WorkflowDbContext context, ISchedulerFactory schedulers, DispatcherHealth dispatchers, DispatcherWatch watch, EngineOptions engine, PersistenceOptions persistence, IConfiguration configuration, CancellationToken cancellationToken) =>
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
            problems.AddRange(runs.Where(r => r.DeliveryFailingSince is not null).Select(r => DeliveryText(r, engine.TimeZone)));
            var stalls = running ? await watch.FindStalledAsync(cancellationToken).ConfigureAwait(false) : [];
            problems.AddRange(stalls.Select(stall => StallText(stall, engine.TimeZone)));
            var body = new
            {
                status = problems.Count == 0 ? "ok" : "unhealthy",
                database = database ? "ok" : "unreachable",
                dispatchers = runs.ToDictionary(r => r.Kind.ToString().ToLowerInvariant(), r => new
                {
                    r.LastSuccess, r.LastFailure, r.LastError, failing = r.Failing,
                    r.LastActivity, r.Running, stalled = stalls.Any(s => s.Kind == r.Kind), stalledAfterSeconds = watch.StalledAfter(r.Kind).TotalSeconds,
                    r.DeliveryFailingSince, r.LastDeliveryError,
                }),
                problems,
            };
            return Results.Json(body, statusCode: problems.Count == 0 ? 200 : 503);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>Deliveries failing (the mail server down): nothing is lost, the rows wait and are retried by themselves.</summary>
    internal static string DeliveryText(DispatcherRunStatus outbox, TimeZoneInfo zone)
    {
        var since = outbox.DeliveryFailingSince!.Value;
        return $"Pengiriman surat gagal sejak {MailDates.DateTime(since, zone, "id")}: {outbox.LastDeliveryError}. " +
            "Surat tetap tersimpan dan dikirim ulang otomatis; periksa server surat (Mail:Smtp). / " +
            $"Mail delivery failing since {MailDates.DateTime(since, zone, "en")}: {outbox.LastDeliveryError}. " +
            "Messages are kept and retried automatically; check the mail server (Mail:Smtp).";
    }

    /// <summary>For the operator reading /healthz: Bahasa Indonesia first, then English.</summary>
    internal static string StallText(DispatcherStall stall, TimeZoneInfo zone)
    {
        var (name, english) = stall.Kind switch
        {
            DispatcherKind.Timers => ("pengatur waktu (timer)", "timers"),
            DispatcherKind.Jobs => ("tugas layanan (job)", "jobs"),
            _ => ("kotak keluar (outbox)", "outbox"),
        };
        var seconds = ((int)stall.StalledAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var where = stall.Running ? "macet di tengah satu putaran" : "tidak berjalan lagi";
        var whereEnglish = stall.Running ? "stuck inside a run" : "no longer runs";
        return $"Dispatcher {name} {where}: tidak ada kegiatan sejak {MailDates.DateTime(stall.QuietSince, zone, "id")} (lebih dari {seconds} detik). " +
            "Periksa log server; bila tidak pulih sendiri, mulai ulang server (tidak ada data yang hilang). / " +
            $"{english} dispatcher stalled ({whereEnglish}): no activity since {MailDates.DateTime(stall.QuietSince, zone, "en")} (over {seconds} s). " +
            "Check the server log; if it does not recover, restart the server (no data is lost).";
    }
}
