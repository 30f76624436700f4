using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Hosting;
using Kks.Workflow.Persistence.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kks.Workflow.Benchmarks;

/// <summary>
/// Timers through the production dispatch: the real <see cref="TimerDispatcher"/> (leases, batches) run by the
/// Quartz.NET host of <see cref="WorkflowDispatcherServiceCollectionExtensions.AddWorkflowDispatchers"/> with its
/// default settings (1 s poll, commits waking it), over a SQLite file (synchronous=FULL), on real time. Each timer is
/// one instance of start → timer (timeDate) → end, so a firing is one command that ends its instance.
/// Setting up 100,000 instances takes minutes, so they are started (16 at a time) with their timers due a day ahead,
/// and then the clock the app runs on is moved forward once, to a few seconds before the due time; from there it
/// runs in real time (a real clock shifted by a constant). Fired time = the clock when the firing's command returned
/// (committed), lateness = fired - due.
/// </summary>
internal static class TimerBenchmark
{
    private const string Model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_timer_bench" targetNamespace="http://kks">
          <bpmn:process id="timer_bench" name="Pengingat" isExecutable="true">
            <bpmn:startEvent id="s"/>
            <bpmn:intermediateCatchEvent id="tunggu"><bpmn:timerEventDefinition><bpmn:timeDate>${due}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="e"/>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="tunggu"/>
            <bpmn:sequenceFlow id="f2" sourceRef="tunggu" targetRef="e"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly TimeSpan Lead = TimeSpan.FromSeconds(3);

    /// <summary>All timers due at the same instant (the start of a minute): from that instant to the last fired.</summary>
    public static Task BurstAsync(int timers) =>
        RunAsync(timers, _ => TimeSpan.Zero, TimeSpan.FromMinutes(15), (dues, fired, seconds) =>
        {
            var lateness = Lateness(dues, fired);
            var drain = lateness.Count > 0 ? lateness[^1] : double.NaN;
            return string.Create(CultureInfo.InvariantCulture,
                $"{{\"mode\":\"timers-burst\",\"timers\":{dues.Count},\"fired\":{fired.Count},\"firstFiredAfterDueS\":{(lateness.Count > 0 ? lateness[0] : double.NaN):F3},\"drainSeconds\":{drain:F2},\"timersPerSecond\":{fired.Count / drain:F0},\"goalSeconds\":60,\"met\":{(fired.Count == dues.Count && drain < 60 ? "true" : "false")}}}");
        });

    /// <summary>perMinute timers due each minute, evenly spread, for the given minutes: lateness percentiles.</summary>
    public static Task SteadyAsync(int perMinute, int minutes) =>
        RunAsync(perMinute * minutes, i => TimeSpan.FromMinutes(1) * i / perMinute, TimeSpan.FromMinutes(minutes + 10), (dues, fired, seconds) =>
        {
            var lateness = Lateness(dues, fired);
            double P(double q) => lateness.Count == 0 ? double.NaN : lateness[Math.Min(lateness.Count - 1, (int)(lateness.Count * q))];
            return string.Create(CultureInfo.InvariantCulture,
                $"{{\"mode\":\"timers-steady\",\"perMinute\":{perMinute},\"minutes\":{minutes},\"timers\":{dues.Count},\"fired\":{fired.Count},\"latenessP50S\":{P(0.5):F3},\"latenessP95S\":{P(0.95):F3},\"latenessP99S\":{P(0.99):F3},\"latenessMaxS\":{(lateness.Count > 0 ? lateness[^1] : double.NaN):F3},\"goalP99S\":1.5,\"met\":{(fired.Count == dues.Count && P(0.99) < 1.5 ? "true" : "false")}}}");
        });

    private static async Task RunAsync(int timers, Func<int, TimeSpan> dueOffset, TimeSpan limit, Func<Dictionary<string, DateTimeOffset>, ConcurrentDictionary<string, DateTimeOffset>, double, string> report)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kks-timer-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var settings = WalSettings.Apply(new PersistenceOptions { DataDirectory = folder, SqliteSynchronous = SqliteSynchronous.Full });
            var databaseFile = Path.Combine(folder, settings.SqliteFileName);
            var options = WorkflowDatabase.CreateOptions(settings);
            await using (var context = new WorkflowDbContext(options))
            {
                await SchemaMigrator.MigrateAsync(context);
            }

            var clock = new ShiftedClock();
            var cache = new ProcessDefinitionCache();
            await new DeploymentService(options, cache, clock).DeployAsync(Model);

            // Set-up: every timer due a day ahead (the first at the start of a minute), the instances started 16 at a time.
            var now = clock.GetUtcNow();
            var first = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddDays(1);
            var setup = Stopwatch.StartNew();
            var starter = new WorkflowRuntime(options, cache, clock, settings);
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < timers; i = Interlocked.Increment(ref next))
                {
                    var due = (first + dueOffset(i)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
                    await starter.StartAsync("timer_bench", new Dictionary<string, object?> { ["due"] = due });
                }
            })));
            Dictionary<string, DateTimeOffset> dues;
            await using (var context = new WorkflowDbContext(options))
            {
                dues = await context.Timers.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.DueAt);
            }

            if (dues.Count != timers)
            {
                throw new InvalidOperationException($"Set-up armed {dues.Count} timers, expected {timers}.");
            }

            setup.Stop();
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"set-up: {timers} instances waiting at their timer in {setup.Elapsed.TotalSeconds:F1} s"));

            // The app: the dispatchers hosted as in production, on the shifted clock.
            var fired = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            var dispatcherOptions = new WorkflowDispatcherOptions { NodeId = "bench-node" };
            if (int.TryParse(Environment.GetEnvironmentVariable("KKS_TIMER_POLL_MS"), CultureInfo.InvariantCulture, out var pollMs))
            {
                dispatcherOptions.TimerPollInterval = TimeSpan.FromMilliseconds(pollMs); // comparisons only; default 1 s
            }

            if (int.TryParse(Environment.GetEnvironmentVariable("KKS_OUTBOX_WAKE_MS"), CultureInfo.InvariantCulture, out var wakeMs))
            {
                dispatcherOptions.OutboxWakeDelay = TimeSpan.FromMilliseconds(wakeMs); // comparisons only; default 100 ms
            }

            builder.Services.AddSingleton(options);
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Services.AddSingleton(sp => new WorkflowRuntime(options, cache, clock, settings, signal: sp.GetRequiredService<IDispatcherSignal>()));
            builder.Services.AddSingleton<IOutboxSink>(new NoSink());
            // Registered before AddWorkflowDispatchers (which only adds what is missing): the same dispatcher it would
            // build, with the production settings, plus the Fired callback that timestamps each committed firing.
            // KKS_TIMER_PARALLELISM (comparisons only; 1: one firing after another, as before) overrides the dispatcher's default.
            // KKS_TIMER_BATCH likewise overrides the claim's batch size.
            var parallelism = int.TryParse(Environment.GetEnvironmentVariable("KKS_TIMER_PARALLELISM"), CultureInfo.InvariantCulture, out var p) ? p : (int?)null;
            var batch = int.TryParse(Environment.GetEnvironmentVariable("KKS_TIMER_BATCH"), CultureInfo.InvariantCulture, out var b) ? b : (int?)null;
            builder.Services.AddSingleton(sp =>
            {
                var runtime = sp.GetRequiredService<WorkflowRuntime>();
                void Fired(string id) => fired[id] = clock.GetUtcNow();
                var defaults = new TimerDispatcher(options, runtime, clock, dispatcherOptions.NodeId);
                return new TimerDispatcher(options, runtime, clock, dispatcherOptions.NodeId)
                {
                    LeaseDuration = dispatcherOptions.TimerLease,
                    Fired = Fired,
                    Parallelism = parallelism ?? defaults.Parallelism,
                    BatchSize = batch ?? defaults.BatchSize,
                };
            });
            builder.Services.AddWorkflowDispatchers(dispatcherOptions);
            using var host = builder.Build();

            clock.Shift = first - Lead - clock.GetUtcNow();
            var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var framesBefore = WalSettings.WalFrames(databaseFile);
            var checkpointsBefore = settings.SqliteCheckpoint == SqliteCheckpoint.Background ? SqliteWalCheckpointer.For(databaseFile, settings).Checkpoints : 0;
            var wall = Stopwatch.StartNew();
            await host.StartAsync();
            var last = dues.Values.Max();
            while (fired.Count < timers && clock.GetUtcNow() < last + limit)
            {
                await Task.Delay(100);
            }

            var seconds = wall.Elapsed.TotalSeconds;
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                await host.StopAsync(stopping.Token);
            }

            Console.WriteLine(report(dues, fired, seconds));
            var wal = WalSettings.Describe(settings, databaseFile, framesBefore, fired.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"mode\":\"timers-cpu\",\"checkpointsBeforeFiring\":{checkpointsBefore}{wal},\"cpuMsPerFiring\":{cpuMs / Math.Max(1, fired.Count):F2},\"setupSeconds\":{setup.Elapsed.TotalSeconds:F0},\"setupStartsPerSecond\":{timers / setup.Elapsed.TotalSeconds:F0},\"timerPollMs\":{dispatcherOptions.TimerPollInterval.TotalMilliseconds:F0},\"parallelism\":\"{(parallelism?.ToString(CultureInfo.InvariantCulture) ?? "default")}\",\"batch\":\"{(batch?.ToString(CultureInfo.InvariantCulture) ?? "default")}\",\"loadAverageAtStart\":\"{string.Join(' ', load)}\",\"loadAverageAtEnd\":\"{string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3])}\"}}"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Seconds from each fired timer's due time to its firing, sorted.</summary>
    private static List<double> Lateness(Dictionary<string, DateTimeOffset> dues, ConcurrentDictionary<string, DateTimeOffset> fired)
    {
        var lateness = fired.Select(f => (f.Value - dues[f.Key]).TotalSeconds).ToList();
        lateness.Sort();
        return lateness;
    }

    /// <summary>The system clock plus a constant set once (before the dispatchers start).</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
    }

    private sealed class NoSink : IOutboxSink
    {
        public Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
