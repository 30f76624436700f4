using System.Diagnostics;
using System.Globalization;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Benchmarks;

/// <summary>
/// The inbox query (open tasks of one candidate group, earliest due first, first page of 50) through
/// TaskQueries.InboxOfGroupAsync on a SQLite file holding many open tasks spread over the 18 OPD groups.
/// Rows are bulk-inserted with raw SQL (times as UTC ticks, as the SQLite mapping stores them).
/// </summary>
internal static class InboxBenchmark
{
    private static readonly string[] TaskParameters = ["$id", "$instance", "$execution", "$due", "$created"];
    private static readonly string[] CandidateParameters = ["$id", "$group", "$due"];

    public static async Task RunAsync(int tasks)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kks-inbox-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var options = WorkflowDatabase.CreateOptions(new PersistenceOptions { DataDirectory = folder });
            await using (var context = new WorkflowDbContext(options))
            {
                await SchemaMigrator.MigrateAsync(context);
                var load = Stopwatch.StartNew();
                await InsertAsync(context, tasks);
                load.Stop();
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"inserted {tasks} tasks in {load.Elapsed.TotalSeconds:F1} s"));
            }

            var random = new Random(42);
            var times = new List<double>();
            await using var reader = new WorkflowDbContext(options);
            for (var i = 0; i < 2_200; i++)
            {
                var group = BenchModel.OpdCodes[random.Next(BenchModel.OpdCodes.Length)];
                var watch = Stopwatch.StartNew();
                var page = await TaskQueries.InboxOfGroupAsync(reader, group);
                watch.Stop();
                if (page.Count != 50)
                {
                    throw new InvalidOperationException($"Expected a full page for {group}, got {page.Count}.");
                }

                if (i >= 200)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds); // the first 200 warm the JIT and the page cache
                }
            }

            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"mode\":\"inbox\",\"tasks\":{tasks},\"queries\":{times.Count},\"p50Ms\":{times[times.Count / 2]:F3},\"p95Ms\":{times[(int)(times.Count * 0.95)]:F3},\"p99Ms\":{times[(int)(times.Count * 0.99)]:F3}}}"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task InsertAsync(WorkflowDbContext context, int tasks)
    {
        var start = new DateTimeOffset(2023, 2, 15, 1, 0, 0, TimeSpan.Zero);
        var random = new Random(7);
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var task = connection.CreateCommand();
        task.CommandText = "INSERT INTO user_tasks (id, instance_id, execution_id, node_id, name, priority, due_at, created_at) VALUES ($id, $instance, $execution, 'Task_Lengkapi', 'Lengkapi dokumen', 50, $due, $created)";
        await using var candidate = connection.CreateCommand();
        candidate.CommandText = "INSERT INTO task_candidates (task_id, kind, value, sort_due) VALUES ($id, 0, $group, $due)";
        var parameters = TaskParameters.Select(n => { var p = task.CreateParameter(); p.ParameterName = n; task.Parameters.Add(p); return p; }).ToArray();
        var candidateParameters = CandidateParameters.Select(n => { var p = candidate.CreateParameter(); p.ParameterName = n; candidate.Parameters.Add(p); return p; }).ToArray();
        task.Transaction = transaction;
        candidate.Transaction = transaction;
        for (var i = 0; i < tasks; i++)
        {
            var id = "t" + i.ToString(CultureInfo.InvariantCulture);
            var due = start.AddMinutes(random.Next(0, 120 * 24 * 60)).UtcTicks;
            parameters[0].Value = id;
            parameters[1].Value = "i" + (i / 20).ToString(CultureInfo.InvariantCulture);
            parameters[2].Value = "e" + i.ToString(CultureInfo.InvariantCulture);
            parameters[3].Value = due;
            parameters[4].Value = start.UtcTicks;
            await task.ExecuteNonQueryAsync();
            candidateParameters[0].Value = id;
            candidateParameters[1].Value = BenchModel.OpdCodes[i % BenchModel.OpdCodes.Length];
            candidateParameters[2].Value = due;
            await candidate.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
