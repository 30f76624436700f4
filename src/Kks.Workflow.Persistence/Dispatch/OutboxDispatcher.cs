using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Dispatch;

/// <summary>
/// Delivers outbox rows to an <see cref="IOutboxSink"/>. A node claims due, undelivered rows with a lease (as the
/// timer and job dispatchers do), delivers each outside any transaction, then marks the whole batch in one
/// transaction: the delivered rows in one UPDATE, each failed one with its attempt counted and an exponentially
/// growing back-off; after <see cref="MaxAttempts"/> failures the row is dead-lettered (dead_at, with its last
/// error) for someone to look at. A slow sink (SMTP: tens of milliseconds a message) has what went out marked every
/// <see cref="MarkEvery"/> as well. A node that dies after delivering but before marking (what went out since the
/// last mark: a fast sink's batch, a slow sink's quarter second) loses its lease and those rows are delivered again:
/// at least once with the same idempotency key, never lost.
/// </summary>
public sealed class OutboxDispatcher(DbContextOptions<WorkflowDbContext> options, IOutboxSink sink, TimeProvider clock, string nodeId)
{
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(5);

    public int BatchSize { get; init; } = 50;

    public int MaxAttempts { get; init; } = 5;

    /// <summary>The wait after the first failure; it doubles with every further failure, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Sending for this long marks what went out so far before the batch goes on: a kill -9 mid-batch then sends
    /// again (same Message-ID, still a second copy in someone's inbox) at most this much, not a whole batch of mail;
    /// a fast sink still marks once per batch (one commit for 50 rows in a timer burst).
    /// </summary>
    public TimeSpan MarkEvery { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Told what each mark recorded (after its commit): the health check's "mail cannot be delivered".</summary>
    public Action<OutboxAttempts>? Attempted { get; init; }

    /// <summary>Claims and tries one batch; returns how many rows were delivered.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var delivered = new List<string>();
        var failed = new List<(OutboxMessage Message, string Error)>();
        var marked = 0;
        try
        {
            var markedAt = clock.GetUtcNow();
            foreach (var message in await ClaimAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await sink.DeliverAsync(message, cancellationToken).ConfigureAwait(false);
                    delivered.Add(message.Id);
                }
#pragma warning disable CA1031 // A sink's failure of any kind is a failed attempt (retry, then dead letter), never a crash of the host.
                catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    failed.Add((message, failure.Message));
                }

                if (clock.GetUtcNow() - markedAt >= MarkEvery)
                {
                    marked += await MarkAsync(delivered, failed).ConfigureAwait(false);
                    markedAt = clock.GetUtcNow();
                }
            }
        }
        finally
        {
            // Also when the host stops mid-batch: what went out is marked, so a restart does not send it again.
            marked += await MarkAsync(delivered, failed).ConfigureAwait(false);
        }

        return marked;
    }

    /// <summary>Leases up to BatchSize due rows (not delivered, not dead) to this node, the longest due first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(CancellationToken cancellationToken = default) =>
        await LeaseClaim.ClaimAsync(
            options, Table, nodeId, clock.GetUtcNow(), LeaseDuration, BatchSize,
            r => new OutboxMessage(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.GetInt32(5) + 1),
            cancellationToken).ConfigureAwait(false);

    // Oldest due first, in the order of the (delivered_at, dead_at, next_attempt_at) index, so the claim reads the
    // index and stops after a batch (a new row's next attempt is its creation). Ordered by created_at it sorted every
    // pending row on each claim: 45 ms per claim with 100,000 pending, the outbox falling further behind a burst.
    private static readonly LeaseTable Table = new(
        "outbox", "lease_owner", "lease_until",
        "delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= @now",
        "next_attempt_at",
        "id, idempotency_key, kind, instance_id, payload_json, attempts");

    /// <summary>
    /// Records the batch's attempts in one transaction (one fsync): every delivered row in one UPDATE, each failure
    /// (rare) with its own back-off. Only rows this node still holds the lease on: a node that took one over decides
    /// for it then. Not cancellable: the sends happened, and a row left unmarked would be sent again. Empties both
    /// lists; returns how many were delivered.
    /// </summary>
    private async Task<int> MarkAsync(List<string> delivered, List<(OutboxMessage Message, string Error)> failed)
    {
        var count = delivered.Count;
        if (count == 0 && failed.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        await using var context = new WorkflowDbContext(options);
        var transaction = await context.Database.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var mine = context.Outbox.Where(o => o.LeaseOwner == nodeId);
            if (delivered.Count > 0)
            {
                await mine.Where(o => delivered.Contains(o.Id)).ExecuteUpdateAsync(s => s
                    .SetProperty(o => o.DeliveredAt, now).SetProperty(o => o.Attempts, o => o.Attempts + 1).SetProperty(o => o.LastError, (string?)null)
                    .SetProperty(o => o.LeaseOwner, (string?)null).SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None).ConfigureAwait(false);
            }

            foreach (var (message, error) in failed)
            {
                var dead = message.Attempt >= MaxAttempts;
                var backoff = BaseBackoff * Math.Pow(2, Math.Clamp(message.Attempt - 1, 0, 20));
                var next = now + (backoff < MaxBackoff ? backoff : MaxBackoff);
                await mine.Where(o => o.Id == message.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(o => o.Attempts, message.Attempt).SetProperty(o => o.LastError, error)
                    .SetProperty(o => o.DeadAt, dead ? now : null).SetProperty(o => o.NextAttemptAt, next)
                    .SetProperty(o => o.LeaseOwner, (string?)null).SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None).ConfigureAwait(false);
            }

            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        Attempted?.Invoke(new OutboxAttempts(count, failed.Count, failed.Count > 0 ? failed[^1].Error : null));
        delivered.Clear();
        failed.Clear();
        return count;
    }
}

/// <summary>What one mark of the outbox recorded: rows delivered, rows failed, and the last failure's message.</summary>
public sealed record OutboxAttempts(int Delivered, int Failed, string? LastError);
