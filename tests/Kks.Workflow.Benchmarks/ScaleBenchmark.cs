using System.Diagnostics;
using System.Globalization;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Persistence.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Benchmarks;

/// <summary>
/// How cost grows with the number of instances: one SQLite file (production pragmas, synchronous=FULL) grows to 1,
/// 10, 100, 1,000, 10,000 instances of the peer model kks-opd.bpmn, each started and its rakor task completed so it
/// waits at its 18 OPD tasks, as in kks-penilaian.bpmn each offered to its own OPD's candidate group (the peer model
/// offers them all to one group "opd"; here the group is "${opd}"). At each step: the wall and CPU time per instance
/// added (start + rakor completion, one client, one after another), and the inbox query an OPD user's page runs
/// (TaskQueries.InboxOfGroupAsync, first page of 50, random OPD) p50/p95 over 200 queries. Then the slope.
/// </summary>
internal static class ScaleBenchmark
{
    private const int InboxQueries = 200;

    public static async Task RunAsync(int max)
    {
        var peer = await File.ReadAllTextAsync(BenchModel.Path());
        var model = peer.Replace("camunda:candidateGroups=\"opd\"", "camunda:candidateGroups=\"${opd}\"", StringComparison.Ordinal);
        if (model == peer)
        {
            throw new InvalidOperationException("The peer model no longer offers its OPD task to the group \"opd\": update this benchmark.");
        }

        await WithRuntimeAsync(model, async (runtime, options) =>
        {
            // Warm-up on a throw-away file: JIT (tiered compilation reaches its optimised code only after some
            // hundred calls; with 30 instances the 100-instance step still ran 2x slower than the 1,000 one), pools.
            for (var i = 0; i < 300; i++)
            {
                await StartOneAsync(runtime, options);
            }
        });

        var steps = new List<int>();
        for (var step = 1; step < max; step *= 10)
        {
            steps.Add(step);
        }

        steps.Add(max);
        var results = new Dictionary<int, (double Ms, double CpuMs, double P95)>();
        await WithRuntimeAsync(model, async (runtime, options) =>
        {
            var total = 0;
            var random = new Random(42);
            foreach (var step in steps)
            {
                var added = step - total;
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                for (var i = 0; i < added; i++)
                {
                    await StartOneAsync(runtime, options);
                }

                wall.Stop();
                var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / added;
                total = step;

                var times = new List<double>();
                await using var reader = new WorkflowDbContext(options);
                for (var q = 0; q < InboxQueries + 50; q++)
                {
                    var group = BenchModel.OpdCodes[random.Next(BenchModel.OpdCodes.Length)];
                    var watch = Stopwatch.StartNew();
                    var page = await TaskQueries.InboxOfGroupAsync(reader, group);
                    watch.Stop();
                    if (page.Count != Math.Min(50, step))
                    {
                        throw new InvalidOperationException($"Expected {Math.Min(50, step)} tasks on {group}'s page at {step} instances, got {page.Count}.");
                    }

                    if (q >= 50)
                    {
                        times.Add(watch.Elapsed.TotalMilliseconds); // the first 50 warm the statement and the page cache
                    }
                }

                times.Sort();
                var openTasks = await reader.UserTasks.CountAsync();
                var ms = wall.Elapsed.TotalMilliseconds / added;
                var p95 = times[(int)(times.Count * 0.95)];
                results[step] = (ms, cpuMs, p95);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{{\"mode\":\"scale\",\"instances\":{step},\"added\":{added},\"openTasks\":{openTasks},\"msPerInstance\":{ms:F2},\"cpuMsPerInstance\":{cpuMs:F2},\"inboxP50Ms\":{times[times.Count / 2]:F3},\"inboxP95Ms\":{p95:F3},\"databaseMB\":{DatabaseMegabytes(options):F1}}}"));
            }
        });

        // The slope against 100 instances (1 and 10 are too few to time well).
        if (results.TryGetValue(100, out var baseline) && max > 100)
        {
            var last = results[max];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"mode\":\"scale-slope\",\"from\":100,\"to\":{max},\"msPerInstanceRatio\":{last.Ms / baseline.Ms:F2},\"cpuMsPerInstanceRatio\":{last.CpuMs / baseline.CpuMs:F2},\"inboxP95Ratio\":{last.P95 / baseline.P95:F2}}}"));
        }
    }

    /// <summary>Starts one instance and completes its rakor task: it then waits at its 18 OPD tasks.</summary>
    private static async Task StartOneAsync(WorkflowRuntime runtime, DbContextOptions<WorkflowDbContext> options)
    {
        var started = await runtime.StartAsync("kks_opd", new Dictionary<string, object?> { ["opdList"] = BenchModel.OpdCodes.Cast<object?>().ToList() });
        string rakor;
        await using (var context = new WorkflowDbContext(options))
        {
            rakor = await context.UserTasks.AsNoTracking().Where(t => t.InstanceId == started.InstanceId && t.NodeId == "Task_Rakor").Select(t => t.Id).SingleAsync();
        }

        await runtime.CompleteTaskAsync(rakor);
    }

    private static async Task WithRuntimeAsync(string model, Func<WorkflowRuntime, DbContextOptions<WorkflowDbContext>, Task> run)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kks-scale-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var settings = new PersistenceOptions { DataDirectory = folder, SqliteSynchronous = SqliteSynchronous.Full };
            var options = WorkflowDatabase.CreateOptions(settings);
            await using (var context = new WorkflowDbContext(options))
            {
                await SchemaMigrator.MigrateAsync(context);
            }

            var cache = new ProcessDefinitionCache();
            await new DeploymentService(options, cache, TimeProvider.System).DeployAsync(model);
            await run(new WorkflowRuntime(options, cache, TimeProvider.System, settings), options);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double DatabaseMegabytes(DbContextOptions<WorkflowDbContext> options)
    {
        using var context = new WorkflowDbContext(options);
        var file = new SqliteConnectionStringBuilder(context.Database.GetConnectionString()).DataSource;
        return new[] { file, file + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length) / 1048576.0;
    }
}
