using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Kks.Workflow.Persistence.Runtime;

/// <summary>
/// Group commit for SQLite: commands that reach their commit while another batch is being written (its fsync)
/// queue up, and the next writer saves all of them in one transaction, so they share one fsync. Each command is
/// still all-or-nothing: its SaveChanges runs inside the shared transaction behind a savepoint (EF creates one
/// when the transaction is external, and rolls back to it when the save fails), so a failing or conflicting
/// command gets its own exception and the others commit. When the COMMIT itself fails, every command of the
/// batch gets <see cref="GroupCommitFailedException"/> and runs again on fresh state (nothing of it was
/// acknowledged). A command alone commits alone: no waiting for company.
/// </summary>
internal sealed class GroupCommitter(DbContextOptions<WorkflowDbContext> options, int maxBatch = 64)
{
    private readonly ConcurrentQueue<Pending> _queue = new();
    private int _writing; // 1 while a command writes a batch (the writer lock)
    private TaskCompletionSource _batchEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Saves the context's changes in a (possibly shared) transaction; returns once that transaction committed.</summary>
    public async Task SaveAsync(WorkflowDbContext context, CancellationToken cancellationToken)
    {
        var pending = new Pending(context);
        _queue.Enqueue(pending);
        while (!pending.Done.Task.IsCompleted)
        {
            // Read before trying the lock: a batch that ends after a failed try completes this (or a later) signal.
            var batchEnded = Volatile.Read(ref _batchEnded);
            if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
            {
                try
                {
                    await WriteBatchAsync().ConfigureAwait(false);
                }
                finally
                {
                    Volatile.Write(ref _writing, 0);
                    Interlocked.Exchange(ref _batchEnded, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                }
            }
            else
            {
                // Another command is writing a batch (this one may be in it): wait for this command or for that batch.
                await Task.WhenAny(pending.Done.Task, batchEnded.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await pending.Done.Task.ConfigureAwait(false);
    }

    /// <summary>Takes what is queued (up to the batch size) and commits it in one transaction. Runs under the writer lock.</summary>
    private async Task WriteBatchAsync()
    {
        var batch = new List<Pending>();
        while (batch.Count < maxBatch && _queue.TryDequeue(out var next))
        {
            batch.Add(next);
        }

        if (batch.Count == 0)
        {
            return;
        }

        if (batch.Count == 1)
        {
            // Alone: its own SaveChanges on its own connection, exactly as without group commit.
            var alone = batch[0];
            try
            {
                await alone.Context.SaveChangesAsync().ConfigureAwait(false);
                alone.Done.TrySetResult();
            }
#pragma warning disable CA1031 // Handed to the command, which handles it as its own SaveChanges failure.
            catch (Exception error)
#pragma warning restore CA1031
            {
                alone.Done.TrySetException(error);
            }

            return;
        }

        var saved = new List<Pending>(batch.Count);
        var failed = new List<(Pending Pending, Exception Error)>();
        try
        {
            await using var writer = new WorkflowDbContext(options);
            await writer.Database.OpenConnectionAsync().ConfigureAwait(false);
            var connection = writer.Database.GetDbConnection();
            await using var transaction = await writer.Database.BeginTransactionAsync().ConfigureAwait(false);
            var shared = transaction.GetDbTransaction();
            foreach (var pending in batch)
            {
                var context = pending.Context;
                try
                {
                    await context.Database.CloseConnectionAsync().ConfigureAwait(false);
                    context.Database.SetDbConnection(connection, contextOwnsConnection: false);
                    await context.Database.UseTransactionAsync(shared).ConfigureAwait(false);
                    await context.SaveChangesAsync().ConfigureAwait(false);
                    saved.Add(pending);
                }
#pragma warning disable CA1031 // The command's own failure is handed to it; the batch goes on.
                catch (Exception error)
#pragma warning restore CA1031
                {
                    // Handed over after the COMMIT: a command that lost to another of this batch (same instance,
                    // same idempotency key) must find the winner committed when it looks.
                    failed.Add((pending, error));
                }
                finally
                {
                    await DetachAsync(context).ConfigureAwait(false);
                }
            }

            if (saved.Count > 0)
            {
                await transaction.CommitAsync().ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // Handed to every command of the batch, which runs again.
        catch (Exception error)
#pragma warning restore CA1031
        {
            foreach (var (pending, own) in failed)
            {
                pending.Done.TrySetException(own);
            }

            foreach (var pending in batch)
            {
                pending.Done.TrySetException(new GroupCommitFailedException(error));
            }

            return;
        }

        foreach (var pending in saved)
        {
            pending.Done.TrySetResult();
        }

        foreach (var (pending, error) in failed)
        {
            pending.Done.TrySetException(error);
        }
    }

    private static async Task DetachAsync(WorkflowDbContext context)
    {
        try
        {
            await context.Database.UseTransactionAsync(null).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Best effort: the context is thrown away after its command anyway.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private sealed class Pending(WorkflowDbContext context)
    {
        public WorkflowDbContext Context => context;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>The shared transaction of a group commit failed as a whole: the command was not committed and runs again.</summary>
internal sealed class GroupCommitFailedException(Exception inner) : Exception("The group commit failed; the command was not committed.", inner);
