using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Kks.Workflow.Persistence;

/// <summary>
/// Sets the durability pragmas on every SQLite connection as it opens (pragmas other than journal_mode are
/// per connection): WAL, synchronous, busy timeout, foreign keys, and who checkpoints the WAL
/// (<see cref="PersistenceOptions.SqliteCheckpoint"/>: by default SQLite's own, in the committing connection; opt-in, the
/// file's <see cref="SqliteWalCheckpointer"/>, woken by a hook set here). A pooled connection keeps its native handle
/// and with it the pragmas, so a handle already set up is skipped: the pragmas cost a round of statements on
/// every command otherwise (every command opens its context's connection).
/// </summary>
internal sealed class SqlitePragmaInterceptor(PersistenceOptions options) : DbConnectionInterceptor
{
    // Per interceptor (so per options): two option sets with different pragmas never skip each other's.
    private readonly ConditionalWeakTable<object, object> _configured = [];

    private readonly string _pragmas = string.Create(CultureInfo.InvariantCulture,
        $"PRAGMA journal_mode=WAL; PRAGMA synchronous={(options.SqliteSynchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")}; PRAGMA busy_timeout={(int)options.SqliteBusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys=ON; {CheckpointPragmas(options)}");

    /// <summary>The pragmas of the checkpoint mode: Inline keeps SQLite's own (every 1,000 pages in the committing connection).</summary>
    internal static string CheckpointPragmas(PersistenceOptions options) => options.SqliteCheckpoint switch
    {
        SqliteCheckpoint.Background => SqliteWalCheckpointer.Pragmas(options),
        SqliteCheckpoint.Off => "PRAGMA wal_autocheckpoint=0;",
        _ => string.Create(CultureInfo.InvariantCulture, $"PRAGMA wal_autocheckpoint={options.SqliteCheckpointPages};"),
    };

    /// <summary>Hooks the connection to its file's checkpointer when checkpoints run in the background.</summary>
    internal static void AttachCheckpointer(SqliteConnection connection, PersistenceOptions options)
    {
        if (options.SqliteCheckpoint == SqliteCheckpoint.Background
            && connection.Handle is { } handle
            && raw.sqlite3_db_filename(handle, "main").utf8_to_string() is { Length: > 0 } file)
        {
            SqliteWalCheckpointer.For(file, options).Attach(handle);
        }
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (AlreadyConfigured(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The text is built from enum values and a number, never from input.
        command.CommandText = _pragmas;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
        AttachCheckpointer((SqliteConnection)connection, options);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (AlreadyConfigured(connection))
        {
            return;
        }

        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
#pragma warning disable CA2100 // The text is built from enum values and a number, never from input.
            command.CommandText = _pragmas;
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        AttachCheckpointer((SqliteConnection)connection, options);
    }

    /// <summary>Sets the pragmas on a connection the command path opened itself (not through EF).</summary>
    public void Apply(SqliteConnection connection)
    {
        if (AlreadyConfigured(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The text is built from enum values and a number, never from input.
        command.CommandText = _pragmas;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
        AttachCheckpointer(connection, options);
    }

    /// <summary>
    /// True when this native handle got the pragmas already; otherwise marks it (the caller sets them now). A
    /// handle closed for good is collected with its entry.
    /// </summary>
    private bool AlreadyConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && !_configured.TryAdd(handle, handle);
}
