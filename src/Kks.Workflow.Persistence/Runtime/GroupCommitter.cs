using Kks.Workflow.Persistence.Runtime.Sql;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Kks.Workflow.Persistence.Runtime;

/// <summary>
/// Group commit: commands that reach their commit while another batch is being written (its fsync) queue up, and
/// the next writer runs all their write sets in one transaction, so they share one commit and one fsync. Each
/// command is still all-or-nothing and gets its own failure; when the transaction fails as a whole (the COMMIT on
/// SQLite, a deadlock with another node's batch on PostgreSQL), every command of the batch gets
/// <see cref="GroupCommitFailedException"/> and runs again on fresh state (nothing of it was acknowledged). A
/// command alone commits alone: no waiting for company. On SQLite all batches go through one writer connection kept
/// open with its prepared statements; on PostgreSQL up to <see cref="PostgresWriters"/> batches are in flight at
/// once, each on a pooled connection, never two with the same instance, and a batch's write sets go in instance id
/// order. How a batch is written is
/// the provider's: SQLite runs each write set behind a savepoint, rolled back when it fails
/// (<see cref="WriteSqliteBatchAsync"/>); PostgreSQL sends the whole batch in one round trip and sends it again
/// without a write set that failed (<see cref="PostgresBatch"/>).
/// </summary>
#pragma warning disable CA1001 // Its writer connection lives as long as the runtime that owns it (a singleton in a host).
internal sealed class GroupCommitter(SessionPool sessions, int maxBatch = 64, int? maxWriters = null)
#pragma warning restore CA1001
{
    /// <summary>
    /// PostgreSQL: how many batches may be in flight at once, each on its own pooled connection. One batch runs on one
    /// server backend (one core) and waits for its WAL flush; with one batch at a time the server's other cores and
    /// the flush time were idle (16 clients used 1.4 of 2 cores). Concurrent batches flush together (PostgreSQL's own
    /// WAL flush covers every commit written before it). SQLite has one writer.
    /// </summary>
    internal const int PostgresWriters = 3;

    private readonly object _gate = new();
    private readonly List<Pending> _queue = []; // under _gate
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal); // instances of the batches being written, under _gate
    private readonly int _maxWriters = maxWriters ?? (sessions.IsSqlite ? 1 : PostgresWriters);
    private int _writing; // batches being written now, under _gate
    private TaskCompletionSource _batchEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DbSession? _writer; // SQLite's writer connection: used by the one writer only

    /// <summary>How many commands wait for a batch (for tests).</summary>
    internal int Queued
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Whether a command is writing a batch now (for tests).</summary>
    internal bool Writing => Volatile.Read(ref _writing) > 0;

    /// <summary>Runs the write set in a (possibly shared) transaction; returns once that transaction committed.</summary>
    public async Task SaveAsync(WriteSet writes, CancellationToken cancellationToken)
    {
        var pending = new Pending(writes);
        lock (_gate)
        {
            _queue.Add(pending);
        }

        while (!pending.Done.Task.IsCompleted)
        {
            // Read before trying for a writer: a batch that ends after a failed try completes this (or a later) signal.
            var batchEnded = Volatile.Read(ref _batchEnded);
            if (TakeBatch() is { } batch)
            {
                try
                {
                    await WriteBatchAsync(batch).ConfigureAwait(false);
                }
                finally
                {
                    lock (_gate)
                    {
                        _writing--;
                        foreach (var done in batch)
                        {
                            _inFlight.ExceptWith(done.Writes.InstanceIds);
                        }
                    }

                    Interlocked.Exchange(ref _batchEnded, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                }
            }
            else
            {
                // Every writer is busy (this command may be in one of their batches), or what is queued waits for an
                // instance in flight: wait for this command or for a batch to end.
                await Task.WhenAny(pending.Done.Task, batchEnded.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await pending.Done.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// When a writer is free: takes what is queued (up to the batch size, in queue order) and becomes that writer.
    /// A write set on an instance that a batch in flight writes stays queued for a later batch: in two concurrent
    /// batches the later one would wait for the earlier one's row lock and then lose the race (a retry).
    /// </summary>
    private List<Pending>? TakeBatch()
    {
        lock (_gate)
        {
            if (_writing >= _maxWriters || _queue.Count == 0)
            {
                return null;
            }

            var batch = new List<Pending>();
            var batchInstances = _maxWriters > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
            for (var i = 0; i < _queue.Count && batch.Count < maxBatch; i++)
            {
                var next = _queue[i];
                if (batchInstances is not null)
                {
                    if (next.Writes.InstanceIds.Exists(_inFlight.Contains))
                    {
                        continue;
                    }

                    batchInstances.UnionWith(next.Writes.InstanceIds);
                }

                batch.Add(next);
                _queue.RemoveAt(i--);
            }

            if (batch.Count == 0)
            {
                return null;
            }

            if (batchInstances is not null)
            {
                _inFlight.UnionWith(batchInstances);
                if (batch.Count > 1)
                {
                    // Instance rows locked in id order in every batch (stable: one instance's write sets keep their
                    // order): two nodes' batches on the same instances then wait for each other instead of deadlocking.
                    batch = [.. batch.OrderBy(pending => pending.Writes.InstanceIds.Count > 0 ? pending.Writes.InstanceIds[0] : "", StringComparer.Ordinal)];
                }
            }

            _writing++;
            return batch;
        }
    }

    /// <summary>Commits the batch in one transaction. Runs as one of the writers.</summary>
    private async Task WriteBatchAsync(List<Pending> batch)
    {
        var shared = batch.Count > 1;
        List<(int Index, Exception Error)> failed;
        try
        {
            if (sessions.IsSqlite)
            {
                failed = await WriteSqliteBatchAsync(await WriterAsync().ConfigureAwait(false), batch).ConfigureAwait(false);
            }
            else
            {
                // A pooled connection per batch: the statements are prepared on the physical connection (Npgsql's
                // auto-prepare), and nothing holds a connection while no batch is written.
                var writer = await sessions.RentAsync(CancellationToken.None).ConfigureAwait(false);
                try
                {
                    failed = await PostgresBatch.CommitAsync(writer, batch.ConvertAll(pending => pending.Writes)).ConfigureAwait(false);
                }
                finally
                {
                    await sessions.ReturnAsync(writer).ConfigureAwait(false);
                }
            }
        }
#pragma warning disable CA1031 // Handed to every command of the batch, which runs again.
        catch (Exception error)
#pragma warning restore CA1031
        {
            // The connection may be in any state now: end its transaction if one is open, and the next batch opens a new one.
            await AbandonWriterAsync().ConfigureAwait(false);
            var cause = error;
            if (error is BatchFailedException { InnerException: { } inner } partial)
            {
                foreach (var (index, own) in partial.Failed)
                {
                    batch[index].Done.TrySetException(own);
                }

                cause = inner;
            }

            // Alone, the command gets the failure itself, exactly as without group commit (a locked or full database
            // is the caller's 503, not a retry; a deadlock is already a GroupCommitFailedException, retried); in a
            // shared batch every command runs again on fresh state.
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(shared && cause is not GroupCommitFailedException ? new GroupCommitFailedException(cause) : cause);
            }

            return;
        }

        // Handed over after the COMMIT: a command that lost to another of this batch (same instance, same
        // idempotency key) must find the winner committed when it looks.
        foreach (var (index, error) in failed)
        {
            batch[index].Done.TrySetException(error);
        }

        foreach (var pending in batch)
        {
            pending.Done.TrySetResult();
        }
    }

    /// <summary>
    /// SQLite: BEGIN IMMEDIATE, each write set behind a savepoint when several share the transaction (rolled back
    /// alone when it fails), one COMMIT. Returns the write sets that failed; throws when the transaction failed.
    /// </summary>
    private static async Task<List<(int Index, Exception Error)>> WriteSqliteBatchAsync(DbSession writer, List<Pending> batch)
    {
        var shared = batch.Count > 1;
        var failed = new List<(int Index, Exception Error)>();
        try
        {
            // BEGIN/COMMIT as prepared statements of the writer (not a SqliteTransaction): nothing to build per batch.
            await writer.ExecuteAsync(CommandSql.Begin, null).ConfigureAwait(false);
            for (var index = 0; index < batch.Count; index++)
            {
                try
                {
                    if (shared)
                    {
                        await writer.ExecuteAsync(CommandSql.Savepoint, null).ConfigureAwait(false);
                    }

                    await batch[index].Writes.ExecuteAsync(writer, null).ConfigureAwait(false);
                    if (shared)
                    {
                        await writer.ExecuteAsync(CommandSql.ReleaseSavepoint, null).ConfigureAwait(false);
                    }
                }
#pragma warning disable CA1031 // The command's own failure is handed to it; the batch goes on.
                catch (Exception error)
#pragma warning restore CA1031
                {
                    if (shared)
                    {
                        await writer.ExecuteAsync(CommandSql.RollbackToSavepoint, null).ConfigureAwait(false);
                        await writer.ExecuteAsync(CommandSql.ReleaseSavepoint, null).ConfigureAwait(false);
                    }

                    failed.Add((index, error));
                }
            }

            await writer.ExecuteAsync(failed.Count < batch.Count ? CommandSql.Commit : CommandSql.Rollback, null).ConfigureAwait(false);
        }
        catch (Exception error) when (failed.Count > 0)
        {
            // The transaction failed: the commands that had failed on their own keep their own error, the others get
            // this one (the caller hands it to them).
            throw new BatchFailedException(failed, error);
        }

        return failed;
    }

    private async Task AbandonWriterAsync()
    {
        var writer = _writer;
        _writer = null;
        if (writer is null)
        {
            return;
        }

        if (writer.Connection is not SqliteConnection connection)
        {
            // PostgreSQL: the failed batch's implicit transaction ended with it; a broken connection is dropped by the pool.
            await writer.DisposeAsync().ConfigureAwait(false);
            return;
        }

        try
        {
            if (InTransaction(connection))
            {
                await writer.ExecuteAsync(CommandSql.Rollback, null).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // Best effort: the connection is not pooled again below while its transaction is open.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        if (InTransaction(connection))
        {
            // A pooled handle must never carry an open transaction to its next user: drop the pool's handles instead.
            SqliteConnection.ClearPool(connection);
        }

        await writer.DisposeAsync().ConfigureAwait(false);
    }

    private static bool InTransaction(SqliteConnection connection) =>
        connection is { State: System.Data.ConnectionState.Open, Handle: { } handle } && raw.sqlite3_get_autocommit(handle) == 0;

    private async Task<DbSession> WriterAsync()
    {
        if (_writer is { IsUsable: false })
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            _writer = null;
        }

        return _writer ??= await sessions.OpenAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private sealed class Pending(WriteSet writes)
    {
        public WriteSet Writes => writes;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>The shared transaction of a group commit failed as a whole: the command was not committed and runs again.</summary>
internal sealed class GroupCommitFailedException(Exception inner) : Exception("The group commit failed; the command was not committed.", inner);

/// <summary>A SQLite batch's transaction failed after some of its commands had failed on their own (they keep their own error).</summary>
internal sealed class BatchFailedException(List<(int Index, Exception Error)> failed, Exception inner) : Exception("The batch's transaction failed.", inner)
{
    public IReadOnlyList<(int Index, Exception Error)> Failed => failed;
}
