using System.Collections.Concurrent;
using Kks.Workflow.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

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

    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Connections kept for reading the change counter; more are opened under load and closed beyond this.</summary>
    private const int MaxProbes = 8;

    private readonly ConcurrentBag<VersionProbe> _probes = [];

    private long _epoch;

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
        while (_probes.TryTake(out var probe))
        {
            probe.Dispose();
        }
    }

    /// <summary>The database's change counter now, for <see cref="GetAsync{T}(string, Func{Task{T}}, long?)"/>; null when nothing is kept (PostgreSQL).</summary>
    public long? Version() => DataVersion();

    /// <summary>
    /// A number that changes whenever any connection committed since it was last read; null on PostgreSQL. Read through
    /// a few connections of this cache's own, each taken by one caller at a time: <c>PRAGMA data_version</c> changes on
    /// a connection with every commit of another, but its values differ from connection to connection, so a change
    /// seen on any of them moves one shared counter, and that counter is the version. A caller moves it before it gives
    /// its connection back, so whoever reads that connection next sees the counter already moved. (One connection under
    /// one lock was the inbox's hottest spot: a hundred requests spinning on it.)
    /// </summary>
    private long? DataVersion()
    {
        if (persistence.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        if (!_probes.TryTake(out var probe))
        {
            probe = new VersionProbe(RelationalOptionsExtension.Extract(databaseOptions).ConnectionString!);
        }

        try
        {
            if (probe.Changed())
            {
                Interlocked.Increment(ref _epoch);
            }

            return Volatile.Read(ref _epoch);
        }
        finally
        {
            if (_probes.Count < MaxProbes)
            {
                _probes.Add(probe);
            }
            else
            {
                probe.Dispose();
            }
        }
    }

    /// <summary>One connection reading <c>PRAGMA data_version</c>, with the value it read last.</summary>
    private sealed class VersionProbe : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private long? _last;

        public VersionProbe(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
            _command = _connection.CreateCommand();
            _command.CommandText = "PRAGMA data_version";
        }

        /// <summary>True when another connection committed since this probe last looked (and the first time).</summary>
        public bool Changed()
        {
            var now = (long)_command.ExecuteScalar()!;
            var changed = _last != now;
            _last = now;
            return changed;
        }

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }
    }

    private sealed record Entry(long Version, DateTimeOffset At, Task<object> Value);
}
