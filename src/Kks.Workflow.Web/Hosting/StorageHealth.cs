using Kks.Workflow.Persistence;
using Microsoft.Data.Sqlite;

namespace Kks.Workflow.Web.Hosting;

/// <summary>
/// The storage faults /healthz reports besides "database unreachable": a data directory that is (nearly) full, and a
/// SQLite database that answers reads but refuses writes (read-only, locked by another process, disk full). Reads keep
/// being served through such a fault; the report lets an operator see it before users do.
/// </summary>
internal static class StorageHealth
{
    /// <summary>Below this many free bytes in the data directory the check reports the disk as full (Storage:MinFreeBytes).</summary>
    public const long DefaultMinFreeBytes = 64L * 1024 * 1024;

    public static string? DiskProblem(string dataDirectory, long minFreeBytes)
    {
        try
        {
            var free = new DriveInfo(dataDirectory).AvailableFreeSpace;
            return free < minFreeBytes
                ? $"disk nearly full: {free / 1024 / 1024} MB free in the data directory (at least {minFreeBytes / 1024 / 1024} MB needed)"
                : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return $"data directory unreadable: {error.Message}";
        }
    }

    /// <summary>SQLite only: takes the write lock for an instant (BEGIN IMMEDIATE, then ROLLBACK), waiting at most 5 s (a busy moment is not an outage).</summary>
    public static async Task<string?> WriteProblemAsync(PersistenceOptions persistence, CancellationToken cancellationToken)
    {
        if (persistence.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(persistence.DataDirectory, persistence.SqliteFileName),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString();
        try
        {
            var connection = new SqliteConnection(connectionString);
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                // One statement per command: a reader stops at the first statement that returns rows (a PRAGMA does).
                // Microsoft.Data.Sqlite retries a busy BEGIN itself until the command timeout.
                foreach (var statement in new[] { "BEGIN IMMEDIATE;", "ROLLBACK;" })
                {
                    var command = connection.CreateCommand();
                    await using (command.ConfigureAwait(false))
                    {
                        command.CommandText = statement;
                        command.CommandTimeout = 5;
                        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            return null;
        }
        catch (SqliteException error)
        {
            return $"database not writable: {error.Message}";
        }
    }

    /// <summary>A SQLite failure of the storage itself (busy, locked, read-only, I/O error, full, cannot open), anywhere in the chain.</summary>
    public static bool IsStorageFault(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: 5 or 6 or 8 or 10 or 13 or 14 })
            {
                return true;
            }
        }

        return false;
    }
}
