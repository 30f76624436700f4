using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace Kks.Workflow.Persistence;

/// <summary>
/// <see cref="SqliteCheckpoint.Background"/> (not the default: measured slower on a 2-core machine with one disk,
/// see README "WAL checkpoints"). Moves most of SQLite's WAL checkpoint work off the committing connection. By default SQLite checkpoints every
/// 1,000 WAL pages INSIDE the commit that crossed the mark: the group committer's one writer stops for the
/// checkpoint's writes into the database file and its fsync. Here every connection of the app gets a WAL hook instead
/// of SQLite's auto-checkpoint (<see cref="Attach"/>): after each commit the hook (on the committing thread, outside
/// its transaction) looks at the WAL's length and, every <see cref="PersistenceOptions.SqliteCheckpointPages"/> pages,
/// wakes this file's checkpointer: a thread with a connection of its own that runs a PASSIVE checkpoint (copying the
/// WAL's pages into the database file and syncing it) on the second core while the writer goes on committing.
/// A passive checkpoint never blocks the writer, but under a writer that never pauses it never catches up either, and
/// SQLite starts the WAL over only when a write begins with the WAL wholly copied. So once the WAL is
/// <see cref="PersistenceOptions.SqliteWalRestartPages"/> long, the committing connection copies the tail itself (a
/// passive checkpoint in the hook, where SQLite's own auto-checkpoint runs: only the pages written since the last
/// background pass), and its next write starts the WAL from the beginning. The WAL file thus stays about the restart
/// mark long (<c>journal_size_limit</c> cuts it back to that when it restarts), unless a reader keeps an old snapshot:
/// then no checkpoint can copy past it, in any mode, until it ends (the app's readers end right after reading).
/// Nothing here is needed for durability: a commit is durable once its WAL frames are synced, and a WAL of any
/// length is recovered on the next open (a kill -9 mid-checkpoint loses nothing). One checkpointer per database file
/// per process; several processes on one file each run theirs (SQLite lets one checkpoint run at a time, the other
/// returns busy and is woken again by a later commit). There is no timer: only commits wake it, so tests on a fake
/// clock see nothing new.
/// </summary>
internal sealed class SqliteWalCheckpointer
{
    private static readonly ConcurrentDictionary<string, SqliteWalCheckpointer> Files = new(StringComparer.Ordinal);

    // Kept in a static field so the garbage collector never frees the callback native code holds.
    private static readonly NativeMethods.WalHook Hook = OnCommit;
    private static readonly IntPtr HookPointer = Marshal.GetFunctionPointerForDelegate(Hook);

    private readonly string _path;
    private readonly int _checkpointPages;
    private readonly int _restartPages;
    private readonly bool _synchronousFull;
    private readonly IntPtr _self;

    private int _walPages; // the WAL's length after the latest commit (frames)
    private int _due;      // the WAL length at which the next checkpoint is due
    private int _running;  // 1 while a checkpoint thread runs
    private int _finishAt; // the WAL length at which the committing connection next copies the tail itself
    private int _copied;   // the WAL length the latest background pass copied up to
    private long _checkpoints;
    private long _restarts;
    private long _passiveTicks;
    private long _restartTicks;

    private SqliteWalCheckpointer(string path, PersistenceOptions options)
    {
        _path = path;
        _checkpointPages = Math.Max(1, options.SqliteCheckpointPages);
        _restartPages = Math.Max(_checkpointPages, options.SqliteWalRestartPages);
        _synchronousFull = options.SqliteSynchronous == SqliteSynchronous.Full;
        _due = _checkpointPages;
        _finishAt = _restartPages;
        _self = GCHandle.ToIntPtr(GCHandle.Alloc(this)); // lives as long as the process, like the file's entry
    }

    /// <summary>Passive checkpoints run so far (for tests and benchmarks).</summary>
    internal long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Tails the committing connection copied, leaving the WAL wholly copied so it starts over (for tests and benchmarks).</summary>
    internal long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Time spent in background passes and in the tails copied by committing connections (the writer's share), for benchmarks.</summary>
    internal (TimeSpan Background, TimeSpan Writer) Spent =>
        (TimeSpan.FromTicks(Interlocked.Read(ref _passiveTicks) * TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency),
         TimeSpan.FromTicks(Interlocked.Read(ref _restartTicks) * TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency));

    /// <summary>Whether a checkpoint thread is running now (for tests).</summary>
    internal bool Running => Volatile.Read(ref _running) == 1;

    /// <summary>The pragmas that go with <see cref="Attach"/>: no auto-checkpoint, and the WAL file cut back when it restarts.</summary>
    internal static string Pragmas(PersistenceOptions options) =>
        $"PRAGMA journal_size_limit={(long)Math.Max(options.SqliteCheckpointPages, options.SqliteWalRestartPages) * 4096};";

    /// <summary>The checkpointer of the file, made on first use.</summary>
    internal static SqliteWalCheckpointer For(string path, PersistenceOptions options) =>
        Files.GetOrAdd(Path.GetFullPath(path), static (full, options) => new SqliteWalCheckpointer(full, options), options);

    /// <summary>Replaces SQLite's auto-checkpoint of this connection with the hook that wakes this checkpointer.</summary>
    internal void Attach(sqlite3 connection) =>
        NativeMethods.sqlite3_wal_hook(connection.DangerousGetHandle(), HookPointer, _self);

    /// <summary>Called by SQLite after every commit of an attached connection, with the WAL's length in frames.</summary>
    private static int OnCommit(IntPtr self, IntPtr connection, IntPtr database, int walPages)
    {
        if (GCHandle.FromIntPtr(self).Target is SqliteWalCheckpointer checkpointer)
        {
            checkpointer.Committed(connection, walPages);
        }

        return 0; // SQLITE_OK: the commit itself has already happened
    }

    private void Committed(IntPtr connection, int walPages)
    {
        if (Interlocked.Exchange(ref _walPages, walPages) > walPages)
        {
            // The WAL started over (a write began while it was wholly checkpointed). Two connections' hooks may also
            // arrive out of order; then this only makes the next checkpoint come sooner.
            Volatile.Write(ref _due, _checkpointPages);
            Volatile.Write(ref _finishAt, _restartPages);
            Volatile.Write(ref _copied, 0);
        }

        if (walPages >= Volatile.Read(ref _finishAt) && Volatile.Read(ref _running) == 0 && ShortTail(walPages))
        {
            // The writer never paused with the WAL wholly checkpointed, so it never started over. The background
            // passes copied all but the tail written since the last one: this connection (outside its transaction,
            // where SQLite's own auto-checkpoint runs too) copies that short tail, and its next write starts the WAL
            // over. Never a blocking mode: what holds a WAL back is a reader's old snapshot, and waiting for it would
            // stop every writer for as long (SQLite's own auto-checkpoint does not wait for it either).
            FinishInline(connection);
            return;
        }

        if (BackgroundWanted(walPages) && Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            // A thread of its own: the checkpoint blocks on writes and an fsync for milliseconds, which the thread
            // pool would take for a stuck worker. Background: a process ending mid-checkpoint loses nothing.
            new Thread(Run) { IsBackground = true, Name = "SQLite WAL checkpoint" }.Start();
        }
    }

    /// <summary>What the background pass left is short enough for the writer (a quarter of a pass).</summary>
    private bool ShortTail(int walPages) => walPages - Volatile.Read(ref _copied) <= _checkpointPages / 4;

    /// <summary>A pass is due, or the WAL is past the restart mark with a tail too long for the writer.</summary>
    private bool BackgroundWanted(int walPages) =>
        walPages >= Volatile.Read(ref _due) || (walPages >= Volatile.Read(ref _finishAt) && !ShortTail(walPages));

    private void Run()
    {
        sqlite3? connection = null;
        try
        {
            // ReadWrite without Create: a file deleted meanwhile (a test's temp folder) is not made again.
            if (raw.sqlite3_open_v2(_path, out connection, raw.SQLITE_OPEN_READWRITE, null) != raw.SQLITE_OK)
            {
                return;
            }

            raw.sqlite3_exec(connection, _synchronousFull ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
            do
            {
                if (!CheckpointOnce(connection))
                {
                    break;
                }

                Volatile.Write(ref _running, 0);
            }
            while (BackgroundWanted(Volatile.Read(ref _walPages)) && Interlocked.CompareExchange(ref _running, 1, 0) == 0);
        }
#pragma warning disable CA1031 // A checkpoint that fails is only late: the WAL keeps every commit, and the next commit wakes this again.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            connection?.Dispose();
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>One passive pass. False when SQLite said busy (another checkpoint runs) or failed.</summary>
    private bool CheckpointOnce(sqlite3 connection)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var passive = raw.sqlite3_wal_checkpoint_v2(connection, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out var walPages, out var copied);
        Interlocked.Add(ref _passiveTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
        if (passive != raw.SQLITE_OK)
        {
            // Another checkpoint (another process) runs: try again once more has been written.
            Volatile.Write(ref _due, Volatile.Read(ref _walPages) + _checkpointPages);
            return false;
        }

        Interlocked.Increment(ref _checkpoints);
        if (Interlocked.Exchange(ref _copied, copied) >= copied && copied < walPages)
        {
            // No progress: a reader's old snapshot holds the WAL back. Wait for more commits rather than spin.
            Volatile.Write(ref _due, walPages + _checkpointPages);
            Volatile.Write(ref _finishAt, Math.Max(Volatile.Read(ref _finishAt), walPages + _checkpointPages));
            return false;
        }

        // Due again once as much more was written (the pass copied what was there, unless a reader's older snapshot
        // held some back: those wait for the next pass too, rather than a pass after every commit).
        Volatile.Write(ref _due, walPages + _checkpointPages);
        return true;
    }

    private void FinishInline(IntPtr connection)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = NativeMethods.sqlite3_wal_checkpoint_v2(connection, IntPtr.Zero, raw.SQLITE_CHECKPOINT_PASSIVE, out var walPages, out var backfilled);
        // Not again before as much more was written: a reader still on the old WAL keeps it from starting over, and a
        // tail copy (with its fsync) after every commit until that reader ends would put the cost back on the writer.
        Volatile.Write(ref _finishAt, Math.Max(walPages, Volatile.Read(ref _walPages)) + _checkpointPages);
        if (result == raw.SQLITE_OK && backfilled == walPages)
        {
            Interlocked.Increment(ref _restarts);
            Volatile.Write(ref _due, _checkpointPages);
        }

        Interlocked.Add(ref _restartTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
    }

    private static class NativeMethods
    {
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate int WalHook(IntPtr self, IntPtr connection, IntPtr database, int walPages);

        // The bundled SQLite of SQLitePCLRaw (the library Microsoft.Data.Sqlite runs on); SQLitePCLRaw has no wrapper for it.
        [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern IntPtr sqlite3_wal_hook(IntPtr connection, IntPtr hook, IntPtr self);

        [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int sqlite3_wal_checkpoint_v2(IntPtr connection, IntPtr database, int mode, out int walPages, out int backfilled);
    }
}
