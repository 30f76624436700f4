namespace Kks.Workflow.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>How SQLite makes a commit durable: FULL survives a power cut (offices do have them), NORMAL may lose the last commits.</summary>
public enum SqliteSynchronous
{
    Full,
    Normal,
}

/// <summary>Who copies SQLite's WAL back into the database file (a checkpoint).</summary>
public enum SqliteCheckpoint
{
    /// <summary>A thread of its own, woken by commits (<c>SqliteWalCheckpointer</c>): the writer never stops for it.</summary>
    Background,

    /// <summary>SQLite's default: the commit that takes the WAL past 1,000 pages checkpoints before it returns.</summary>
    Inline,

    /// <summary>Never (the WAL grows without end): only for counting WAL pages in benchmarks.</summary>
    Off,
}

/// <summary>The provider switch and its settings, bound from configuration ("Persistence" section) by the host.</summary>
public sealed class PersistenceOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The SQLite file's folder (created when missing); ignored for PostgreSQL.</summary>
    public string DataDirectory { get; set; } = "data";

    public string SqliteFileName { get; set; } = "kks-workflow.db";

    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>How long a SQLite writer waits for the file lock before failing.</summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Who checkpoints the WAL (see <see cref="SqliteCheckpoint"/>): SQLite's own way (Inline) by default. Background
    /// moved the checkpoints off the writer but was measured slower on this project's 2-core machine (the timer burst
    /// 99.5 s against 77.0 s, same binary, same load): its copy and fsync compete with the writer's WAL fsync.
    /// </summary>
    public SqliteCheckpoint SqliteCheckpoint { get; set; } = SqliteCheckpoint.Inline;

    /// <summary>
    /// Inline: SQLite's <c>wal_autocheckpoint</c> (1,000 pages, its own default). Background: a checkpoint starts once
    /// this many WAL pages (4 KB each) wait to be copied (2,000 measured).
    /// </summary>
    public int SqliteCheckpointPages { get; set; } = 1000;

    /// <summary>
    /// Background checkpoints: past this many WAL pages the checkpointer takes the write lock for a moment so the
    /// WAL starts over (a writer that never pauses would otherwise grow it without end); the WAL file is cut back to
    /// this size when it does.
    /// </summary>
    public int SqliteWalRestartPages { get; set; } = 8_000;

    /// <summary>The PostgreSQL connection string (from configuration or the environment, never committed).</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// SQLite: commands reaching their commit together are committed in one transaction (one fsync), each behind
    /// its own savepoint so a failing one does not take the others down. A lone command commits alone.
    /// </summary>
    public bool SqliteGroupCommit { get; set; } = true;

    /// <summary>
    /// PostgreSQL: the same group commit, the batch sent in one round trip (a deadlock with another node's batch
    /// runs its commands again). Off: each command sends its own write set in one round trip.
    /// </summary>
    public bool PostgresGroupCommit { get; set; } = true;

    /// <summary>How often a command that lost a concurrency race is retried on fresh state before failing.</summary>
    public int MaxConcurrencyRetries { get; set; } = 5;
}
