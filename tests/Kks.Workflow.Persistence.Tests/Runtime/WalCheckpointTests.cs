using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Tests.Runtime;

/// <summary>
/// SQLite's WAL checkpoints in the background (<see cref="SqliteWalCheckpointer"/>): commits wake it, the WAL stays
/// bounded under a writer that never pauses, a reader's old snapshot never blocks a commit, and every commit is there
/// for a new connection. SQLite only: PostgreSQL has no WAL of ours to manage. Small marks (a few dozen 4 KB pages)
/// keep the test fast; the checkpoint runs on its own thread, so the asserts wait for it (bounded), never for time.
/// </summary>
public sealed class WalCheckpointTests : IAsyncLifetime
{
    private const int CheckpointPages = 40;
    private const int RestartPages = 160;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kks-wal-tests", Guid.NewGuid().ToString("N"));

    private PersistenceOptions Settings => field ??= new PersistenceOptions
    {
        DataDirectory = _folder,
        SqliteCheckpoint = SqliteCheckpoint.Background,
        SqliteCheckpointPages = CheckpointPages,
        SqliteWalRestartPages = RestartPages,
    };

    private string DatabaseFile => Path.Combine(_folder, Settings.SqliteFileName);

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task ManyCommits_CheckpointedInTheBackground_WalStaysBounded_NothingLost()
    {
        await using var context = new WorkflowDbContext(WorkflowDatabase.CreateOptions(Settings));
        await context.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)context.Database.GetDbConnection();
        Execute(connection, "CREATE TABLE scratch (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");

        // 600 commits of ~5 KB each (about 2 pages): some 1,200 WAL pages against marks of 40 and 160.
        var checkpointer = SqliteWalCheckpointer.For(DatabaseFile, Settings);
        long largestWal = 0;
        for (var i = 0; i < 600; i++)
        {
            Insert(connection, i);
            largestWal = Math.Max(largestWal, WalBytes());
        }

        await WaitForCheckpointerAsync(checkpointer);
        Assert.True(checkpointer.Checkpoints > 0, "no background checkpoint ran");
        Assert.True(checkpointer.Restarts > 0, "the WAL never started over");
        // The restart mark plus what one commit and one checkpoint's lag add; never the ~5 MB of every commit.
        Assert.True(largestWal < 3L * RestartPages * (4096 + 24), $"the WAL grew to {largestWal} bytes");
        using var fresh = NewConnection();
        Assert.Equal(600L, Count(fresh));
    }

    [Fact]
    public async Task ReaderHoldsOldSnapshot_CommitsGoOn_WalStartsOverOnceItEnds()
    {
        await using var context = new WorkflowDbContext(WorkflowDatabase.CreateOptions(Settings));
        await context.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)context.Database.GetDbConnection();
        Execute(connection, "CREATE TABLE scratch (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
        Insert(connection, -1);
        var checkpointer = SqliteWalCheckpointer.For(DatabaseFile, Settings);

        // A reader in a transaction keeps its snapshot (and with it the WAL) until it ends.
        using var reader = NewConnection();
        using (var transaction = reader.BeginTransaction(deferred: true))
        {
            Assert.Equal(1L, Count(reader, transaction));
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < 300; i++)
            {
                Insert(connection, i);
            }

            // No commit waited for the reader (a blocking checkpoint would have, up to the busy timeout).
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"300 commits took {stopwatch.Elapsed}");
            Assert.Equal(1L, Count(reader, transaction));
        }

        var restartsBefore = checkpointer.Restarts;
        for (var i = 300; i < 600; i++)
        {
            Insert(connection, i);
        }

        await WaitForCheckpointerAsync(checkpointer);
        Assert.True(checkpointer.Restarts > restartsBefore, "the WAL did not start over after the reader ended");
        using var fresh = NewConnection();
        Assert.Equal(601L, Count(fresh));
    }

    [Fact]
    public void InlineByDefault_InlineAndOff_KeepSqlitesOwnPragma()
    {
        Assert.Equal("PRAGMA wal_autocheckpoint=1000;", SqlitePragmaInterceptor.CheckpointPragmas(new PersistenceOptions { SqliteCheckpoint = SqliteCheckpoint.Inline, SqliteCheckpointPages = 1000 }));
        Assert.Equal("PRAGMA wal_autocheckpoint=0;", SqlitePragmaInterceptor.CheckpointPragmas(new PersistenceOptions { SqliteCheckpoint = SqliteCheckpoint.Off }));
        Assert.StartsWith("PRAGMA journal_size_limit=", SqlitePragmaInterceptor.CheckpointPragmas(new PersistenceOptions { SqliteCheckpoint = SqliteCheckpoint.Background }), StringComparison.Ordinal);
        Assert.Equal("PRAGMA wal_autocheckpoint=1000;", SqlitePragmaInterceptor.CheckpointPragmas(new PersistenceOptions())); // the default: SQLite's own
    }

    private static async Task WaitForCheckpointerAsync(SqliteWalCheckpointer checkpointer)
    {
        // The thread the last commits woke: bounded, so a hang fails the test instead of stalling it.
        for (var i = 0; i < 500 && checkpointer.Running; i++)
        {
            await Task.Delay(10);
        }

        Assert.False(checkpointer.Running, "the checkpoint thread did not finish");
    }

    private long WalBytes() => new FileInfo(DatabaseFile + "-wal") is { Exists: true } wal ? wal.Length : 0;

    private SqliteConnection NewConnection()
    {
        var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        connection.Open();
        return connection;
    }

    private static void Insert(SqliteConnection connection, int id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO scratch (id, payload) VALUES ($id, $payload)";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$payload", new string((char)('a' + (Math.Abs(id) % 26)), 5_000));
        command.ExecuteNonQuery();
    }

    private static long Count(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM scratch";
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
