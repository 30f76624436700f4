using System.Collections.Concurrent;
using Kks.Workflow.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SQLitePCL;

namespace Kks.Workflow.Web.Pages.KotakMasuk;

/// <summary>
/// The inbox's tab counts (and the header's late count), kept per caller until the database changes. Counting a focal
/// point's few thousand tasks six times was most of an inbox page's cost (every reload, every tab click). On SQLite a
/// count is kept while <c>PRAGMA data_version</c> on one connection of its own stays the same: it changes with every
/// commit of any other connection (this process or another), so a count never outlives a change; the counts that depend
/// on the time (late, due this week) are also recomputed after <see cref="Lifetime"/>. On PostgreSQL (several app nodes,
/// no such cheap signal) nothing is kept. Small lookups every inbox page needs (OPD and definition names) are kept the
/// same way. A value handed out is shared: callers must not change it.
/// </summary>
public sealed class TaskCountCache(DbContextOptions<WorkflowDbContext> databaseOptions, PersistenceOptions persistence, TimeProvider clock) : IDisposable
{
    /// <summary>How long a count that depends on the clock (late, due this week) may lag behind it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>
    /// From this age on, one request recomputes a value while the others still get the kept one (younger than
    /// <see cref="Lifetime"/>, so within the same bound): before, every request waited for the one recomputing at
    /// 30 s, a stall of every page in flight twice a minute under load.
    /// </summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(25);

    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private readonly Lock _lock = new();

    private SqliteConnection? _connection;

    /// <summary>PRAGMA data_version prepared once and stepped through SQLitePCL: the lock is held for a step, not for a command's reader.</summary>
    private sqlite3_stmt? _dataVersion;

    /// <summary>
    /// The value kept under <paramref name="key"/> if nothing changed since; otherwise <paramref name="compute"/>'s, kept.
    /// Callers asking at once while it is computed share that one computation (a page reloaded by many at the moment a
    /// count went stale counts once, not once per request).
    /// </summary>
    public Task<T> GetAsync<T>(string key, Func<Task<T>> compute)
        where T : notnull => GetAsync(key, compute, DataVersion());

    /// <summary>
    /// As <see cref="GetAsync{T}(string, Func{Task{T}})"/> with the version read once for several values of one request
    /// (<see cref="Version"/>, read when the request began): the version is read under a lock, and five reads per
    /// page by a hundred requests at once made that lock the inbox's hottest spot.
    /// </summary>
    public async Task<T> GetAsync<T>(string key, Func<Task<T>> compute, long? version)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(compute);
        // Read before computing: a commit during the computation changes the version, so the next reader recomputes.
        if (version is null)
        {
            return await compute().ConfigureAwait(false);
        }

        var now = clock.GetUtcNow();
        while (true)
        {
            var found = _entries.TryGetValue(key, out var entry);
            if (found && entry!.Version == version && now >= entry.At && now - entry.At < Lifetime)
            {
                if (now - entry.At >= RefreshAfter && entry.Value.IsCompletedSuccessfully && Interlocked.Exchange(ref entry.Refreshing, 1) == 0)
                {
                    try
                    {
                        var fresh = await compute().ConfigureAwait(false);
                        _entries.TryUpdate(key, new Entry(version.Value, now, Task.FromResult<object>(fresh)), entry);
                        return fresh;
                    }
                    catch
                    {
                        Volatile.Write(ref entry.Refreshing, 0);
                        throw;
                    }
                }

                try
                {
                    return (T)await entry.Value.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The request that was computing it went away: take its place (below, on the next turn).
                    _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
                    continue;
                }
            }

            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }

            // One computation per key and version: of the requests that find the value stale at once (a page reloaded
            // by a hundred users the moment a count went stale), one installs its entry and counts, the others wait
            // for it. Replacing the entry unconditionally let each of them count (a storm of counts under load).
            var computing = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
            var mine = new Entry(version.Value, now, computing.Task);
            if (found ? !_entries.TryUpdate(key, mine, entry!) : !_entries.TryAdd(key, mine))
            {
                continue;
            }

            try
            {
                var value = await compute().ConfigureAwait(false);
                computing.SetResult(value);
                return value;
            }
            catch (Exception error)
            {
                // A failed count (a cancelled request) is not kept; whoever waits on it counts again.
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, mine));
                if (error is OperationCanceledException cancelled)
                {
                    computing.SetCanceled(cancelled.CancellationToken);
                }
                else
                {
                    computing.SetException(error);
                }

                throw;
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _dataVersion?.Dispose();
            _connection?.Dispose();
            _dataVersion = null;
            _connection = null;
        }
    }

    /// <summary>The database's change counter now, for <see cref="GetAsync{T}(string, Func{Task{T}}, long?)"/>; null when nothing is kept (PostgreSQL).</summary>
    public long? Version() => DataVersion();

    /// <summary>SQLite's change counter as this cache's own connection sees it; null on PostgreSQL.</summary>
    private long? DataVersion()
    {
        if (persistence.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        lock (_lock)
        {
            if (_dataVersion is null)
            {
                _connection = new SqliteConnection(RelationalOptionsExtension.Extract(databaseOptions).ConnectionString);
                _connection.Open();
                SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_connection.Handle, "PRAGMA data_version", out var statement), _connection.Handle);
                _dataVersion = statement;
            }

            try
            {
                var code = raw.sqlite3_step(_dataVersion);
                if (code != raw.SQLITE_ROW)
                {
                    SqliteException.ThrowExceptionForRC(code, _connection!.Handle);
                }

                return raw.sqlite3_column_int64(_dataVersion, 0);
            }
            finally
            {
                raw.sqlite3_reset(_dataVersion);
            }
        }
    }

    private sealed class Entry(long version, DateTimeOffset at, Task<object> value)
    {
        public long Version { get; } = version;

        public DateTimeOffset At { get; } = at;

        public Task<object> Value { get; } = value;

        /// <summary>1 while one request recomputes this value ahead of its end (<see cref="RefreshAfter"/>).</summary>
        public int Refreshing;
    }
}
