using System.Diagnostics;
using System.Globalization;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Benchmarks;

/// <summary>
/// Task completions per second through the durable command path (load, execute, commit) on a fresh SQLite
/// file with the production pragmas, and in the same run the raw ceiling: single-row INSERT commits per second
/// on a file with the same pragmas (what ../shared/bench/sqlite_commit.py measures from Python). Completions
/// are one after another (no concurrency), so each is at least one fsync'ed commit: the ratio says how much of
/// the ceiling the command path keeps.
/// </summary>
internal static class DurableBenchmark
{
    private const int TasksPerInstance = 20;

    /// <param name="clients">
    /// 1: completions one after another, only the completions timed. More: that many clients at once, each
    /// driving its own instances (so their commits can share a group commit); the whole run is timed, starts and
    /// task reads included, and only completions are counted.
    /// </param>
    public static async Task RunAsync(int tasks, int[] clientCounts)
    {
        foreach (var sync in new[] { SqliteSynchronous.Full, SqliteSynchronous.Normal })
        {
            var ceiling = Ceiling(WalSettings.Apply(new PersistenceOptions { SqliteSynchronous = sync }), Math.Max(2_000, tasks));
            foreach (var clients in clientCounts)
            {
                var (completions, seconds) = await CompletionsAsync(sync, tasks, clients);
                var perSecond = completions / seconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{{\"mode\":\"durable\",\"synchronous\":\"{sync.ToString().ToUpperInvariant()}\",\"clients\":{clients},\"timed\":\"{(clients == 1 ? "completions only" : "whole run (starts and reads included)")}\",\"completions\":{completions},\"seconds\":{seconds:F3},\"completionsPerSecond\":{perSecond:F0},\"ceilingCommitsPerSecond\":{ceiling:F0},\"ratioToCeiling\":{perSecond / ceiling:F2}}}"));
            }
        }
    }

    /// <summary>
    /// The same completions on PostgreSQL (a fresh public schema per client count), each printed beside the
    /// pgbench simple-update rate (transactions/s) measured by durable-pg.sh on the same server with the same
    /// number of clients, when given.
    /// </summary>
    public static async Task RunPostgresAsync(string connectionString, int tasks, int[] clientCounts, double[] pgbenchTps)
    {
        for (var i = 0; i < clientCounts.Length; i++)
        {
            var clients = clientCounts[i];
            var (completions, seconds) = await CompletionsAsync(
                new PersistenceOptions
                {
                    Provider = DatabaseProvider.PostgreSql,
                    PostgresConnectionString = connectionString,
                    // KKS_BENCH_PG_GROUP_COMMIT=0 measures each command committing alone.
                    PostgresGroupCommit = Environment.GetEnvironmentVariable("KKS_BENCH_PG_GROUP_COMMIT") != "0",
                }, tasks, clients);
            var perSecond = completions / seconds;
            var pgbench = i < pgbenchTps.Length ? pgbenchTps[i] : double.NaN;
            var comparison = double.IsNaN(pgbench) ? "" : string.Create(CultureInfo.InvariantCulture, $",\"pgbenchSimpleUpdateTps\":{pgbench:F0},\"ratioToPgbench\":{perSecond / pgbench:F2}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"mode\":\"durable-pg\",\"clients\":{clients},\"timed\":\"{(clients == 1 ? "completions only" : "whole run (starts and reads included)")}\",\"completions\":{completions},\"seconds\":{seconds:F3},\"completionsPerSecond\":{perSecond:F0}{comparison}}}"));
        }
    }

    private static Task<(int Completions, double Seconds)> CompletionsAsync(SqliteSynchronous sync, int tasks, int clients) =>
        CompletionsAsync(WalSettings.Apply(new PersistenceOptions { SqliteSynchronous = sync }), tasks, clients);

    private static async Task<(int Completions, double Seconds)> CompletionsAsync(PersistenceOptions options, int tasks, int clients)
    {
        var sqlite = options.Provider == DatabaseProvider.Sqlite;
        var folder = TempFolder();
        try
        {
            options.DataDirectory = folder;
            var contextOptions = WorkflowDatabase.CreateOptions(options);
            await using (var context = new WorkflowDbContext(contextOptions))
            {
                if (!sqlite)
                {
                    // A fresh schema per run, so every client count starts from the same empty database.
                    await context.Database.ExecuteSqlRawAsync("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
                }

                await SchemaMigrator.MigrateAsync(context);
            }

            var cache = new ProcessDefinitionCache();
            await new DeploymentService(contextOptions, cache, TimeProvider.System).DeployAsync(await File.ReadAllTextAsync(BenchModel.Path()));
            var runtime = new WorkflowRuntime(contextOptions, cache, TimeProvider.System, options);
            string connectionString;
            await using (var context = new WorkflowDbContext(contextOptions))
            {
                connectionString = context.Database.GetConnectionString()!;
            }

            // One task reader per client, opened before the warm-up, which runs as many clients as the timed part.
            var readers = new List<OpenTasks>();
            await using var closeReaders = new AsyncDisposables(readers);
            for (var i = 0; i < clients; i++)
            {
                readers.Add(await OpenTasks.OpenAsync(sqlite, connectionString));
            }

            var reader = readers[0];
            var warmUp = await WarmUpAsync(runtime, readers);
            if (clients == 1)
            {
                var timed = new Stopwatch();
                var completions = 0;
                var process = Process.GetCurrentProcess();
                var (cpu, user) = (process.TotalProcessorTime, process.UserProcessorTime);
                var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
                var serverCpu = PostgresServerCpu.Now();
                var databaseFile = Path.Combine(folder, options.SqliteFileName);
                var framesBefore = WalSettings.WalFrames(databaseFile);
                while (completions < tasks)
                {
                    completions += await RunInstanceAsync(runtime, reader, timed);
                }

                // CPU per completion, starts and task reads included: steadier than rates on a shared machine.
                // User and kernel time apart: the kernel's share is mostly the commits' write and fsync calls.
                process.Refresh();
                var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds / completions;
                var userMs = (process.UserProcessorTime - user).TotalMilliseconds / completions;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"mode\":\"durable-cpu\",\"database\":\"{(sqlite ? "sqlite-" + options.SqliteSynchronous.ToString().ToUpperInvariant() : "postgresql")}\",\"cpuMsPerCompletion\":{cpuMs:F2},\"userMs\":{userMs:F2},\"kernelMs\":{cpuMs - userMs:F2},\"warmUpCompletions\":{warmUp},\"methodsJittedWhileTimed\":{System.Runtime.JitInfo.GetCompiledMethodCount() - jitted}{ServerCpu(serverCpu, completions)}{(sqlite ? WalSettings.Describe(options, databaseFile, framesBefore, completions) : "")}}}"));
                return (completions, timed.Elapsed.TotalSeconds);
            }

            var share = (tasks + clients - 1) / clients;
            var whole = Process.GetCurrentProcess();
            var wholeCpu = whole.TotalProcessorTime;
            var serverCpuBefore = PostgresServerCpu.Now();
            var wall = Stopwatch.StartNew();
            var counts = await Task.WhenAll(readers.Select(own => Task.Run(async () =>
            {
                var ignored = new Stopwatch();
                var done = 0;
                while (done < share)
                {
                    done += await RunInstanceAsync(runtime, own, ignored);
                }

                return done;
            })));
            var seconds = wall.Elapsed.TotalSeconds;
            whole.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"mode\":\"durable-cpu\",\"database\":\"{(sqlite ? "sqlite-" + options.SqliteSynchronous.ToString().ToUpperInvariant() : "postgresql")}\",\"clients\":{clients},\"cpuMsPerCompletion\":{(whole.TotalProcessorTime - wholeCpu).TotalMilliseconds / counts.Sum():F2}{ServerCpu(serverCpuBefore, counts.Sum())}}}"));
            return (counts.Sum(), seconds);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Npgsql.NpgsqlConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The PostgreSQL server's CPU per completion since <paramref name="before"/>, as a JSON member; empty when not measured.</summary>
    private static string ServerCpu(TimeSpan? before, int completions) =>
        before is { } start && PostgresServerCpu.Now() is { } end
            ? string.Create(CultureInfo.InvariantCulture, $",\"serverCpuMsPerCompletion\":{(end - start).TotalMilliseconds / completions:F2}")
            : "";

    /// <summary>
    /// Runs instances, untimed, until the JIT is done: until two chunks of 100 completions in a row compiled no
    /// method (tiered compilation moves hot methods to optimised code in the background, which on a busy machine
    /// takes thousands of completions; measured before that, a run counts the JIT's work, not the command path's).
    /// At least 1,000 and at most 10,000 completions, with as many clients at once as the timed part (a group
    /// commit of several commands runs code a lone command does not). Returns the completions it took.
    /// </summary>
    private static async Task<int> WarmUpAsync(WorkflowRuntime runtime, List<OpenTasks> readers)
    {
        const int chunk = 100;
        var completed = 0;
        var quietChunks = 0;
        while ((quietChunks < 2 || completed < 1_000) && completed < 10_000)
        {
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            var target = completed + chunk;
            while (completed < target)
            {
                completed += (await Task.WhenAll(readers.Select(r => Task.Run(() => RunInstanceAsync(runtime, r, new Stopwatch()))))).Sum();
            }

            quietChunks = System.Runtime.JitInfo.GetCompiledMethodCount() == compiled ? quietChunks + 1 : 0;
        }

        // For a profiler attached by a script: what follows is the measured part.
        await Console.Error.WriteLineAsync($"warm-up done after {completed} completions");
        return completed;
    }

    /// <summary>One kks_opd instance to its end; only the completions run inside the stopwatch (not the start, not the task reads).</summary>
    private static async Task<int> RunInstanceAsync(WorkflowRuntime runtime, OpenTasks reader, Stopwatch timed)
    {
        var started = await runtime.StartAsync("kks_opd", new Dictionary<string, object?> { ["opdList"] = BenchModel.OpdCodes.Cast<object?>().ToList() });
        var completed = 0;
        while (true)
        {
            var open = await reader.OfInstanceAsync(started.InstanceId);
            if (open.Count == 0)
            {
                return completed == TasksPerInstance
                    ? completed
                    : throw new InvalidOperationException($"Instance {started.InstanceId} ended after {completed} completions, expected {TasksPerInstance}.");
            }

            foreach (var (id, nodeId) in open)
            {
                var variables = nodeId switch
                {
                    "Task_Review" => new Dictionary<string, object?> { ["approved"] = true },
                    "Task_Lengkapi" => new Dictionary<string, object?> { ["dokumen"] = id + ".pdf" },
                    _ => null,
                };
                timed.Start();
                await runtime.CompleteTaskAsync(id, variables);
                timed.Stop();
                completed++;
            }
        }
    }

    /// <summary>
    /// BEGIN; INSERT one ~100-byte row; COMMIT, n times, on a fresh file with the runtime's pragmas, checkpoints
    /// included: with background checkpoints (the default) the file's checkpointer copies the WAL on its own thread
    /// as it does for the runtime, so the ceiling is what one connection commits with nothing else on its path.
    /// </summary>
    private static double Ceiling(PersistenceOptions options, int n)
    {
        var folder = TempFolder();
        try
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "commit.db")};Pooling=False");
            connection.Open();
            Exec(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={(options.SqliteSynchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")}; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; {SqlitePragmaInterceptor.CheckpointPragmas(options)}");
            SqlitePragmaInterceptor.AttachCheckpointer(connection, options);
            Exec(connection, "CREATE TABLE event (id INTEGER PRIMARY KEY, instance_id TEXT NOT NULL, activity_id TEXT NOT NULL, payload TEXT NOT NULL, created_at INTEGER NOT NULL)");
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO event (instance_id, activity_id, payload, created_at) VALUES ($i, 'Task_Lengkapi', '{\"opd\":\"DINKES\",\"state\":\"completed\",\"by\":\"user-0001\",\"note\":\"ok\"}', $t)";
            var instance = insert.Parameters.Add("$i", SqliteType.Text);
            var time = insert.Parameters.Add("$t", SqliteType.Integer);
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                instance.Value = "inst-" + i.ToString("D8", CultureInfo.InvariantCulture);
                time.Value = i;
                insert.ExecuteNonQuery();
                transaction.Commit();
            }

            return n / stopwatch.Elapsed.TotalSeconds;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant text and pragma values from an enum, never input.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }

    private static string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kks-durable-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private sealed class AsyncDisposables(List<OpenTasks> items) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var item in items)
            {
                await item.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The driver's read of an instance's open tasks: one prepared SELECT on a connection of its own (what an inbox
    /// page costs the server), not an EF query with its context per round, whose cost would be the driver's, not
    /// the command path's.
    /// </summary>
    private sealed class OpenTasks : IAsyncDisposable
    {
        private readonly System.Data.Common.DbConnection _connection;
        private readonly System.Data.Common.DbCommand _select;
        private readonly System.Data.Common.DbParameter _instance;

        private OpenTasks(System.Data.Common.DbConnection connection)
        {
            _connection = connection;
            _select = connection.CreateCommand();
            _select.CommandText = "SELECT id, node_id FROM user_tasks WHERE instance_id = @instance ORDER BY id";
            _instance = _select.CreateParameter();
            _instance.ParameterName = "@instance";
            _instance.DbType = System.Data.DbType.String;
            _instance.Value = "";
            _select.Parameters.Add(_instance);
        }

        public static async Task<OpenTasks> OpenAsync(bool sqlite, string connectionString)
        {
            System.Data.Common.DbConnection connection = sqlite ? new SqliteConnection(connectionString) : new Npgsql.NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var reader = new OpenTasks(connection);
            await reader._select.PrepareAsync();
            return reader;
        }

        public async Task<List<(string Id, string NodeId)>> OfInstanceAsync(string instanceId)
        {
            _instance.Value = instanceId;
            var open = new List<(string, string)>();
            await using var rows = await _select.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                open.Add((rows.GetString(0), rows.GetString(1)));
            }

            return open;
        }

        public async ValueTask DisposeAsync()
        {
            await _select.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}
