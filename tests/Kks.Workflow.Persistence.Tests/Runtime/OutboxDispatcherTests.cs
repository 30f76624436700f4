using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Tests.Infrastructure;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kks.Workflow.Persistence.Tests.Runtime;

public abstract class OutboxDispatcherTests : RuntimeSuite
{
    [DatabaseFact]
    public async Task InstanceEnded_DeliveredOnceWithItsStableKey()
    {
        var instance = await RunToEndAsync();
        var sink = new TestSink();
        var dispatcher = new OutboxDispatcher(Database.ContextOptions, sink, Clock, "node-a");
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        var message = Assert.Single(sink.Seen);
        Assert.Equal(("instance.ended", "instance-ended:" + instance, 1), (message.Kind, message.IdempotencyKey, message.Attempt));
        await using var context = Database.NewContext();
        var row = await context.Outbox.SingleAsync();
        Assert.Equal((Start, 1, (string?)null), (row.DeliveredAt!.Value, row.Attempts, row.LeaseOwner));
    }

    [DatabaseFact]
    public async Task SinkFailsTwice_RetriedWithBackoffAndTheSameKey_ThenDelivered()
    {
        await RunToEndAsync();
        var sink = new TestSink { FailuresLeft = 2 };
        var dispatcher = new OutboxDispatcher(Database.ContextOptions, sink, Clock, "node-a");
        Assert.Equal(0, await dispatcher.RunOnceAsync()); // attempt 1 fails: next in 30 s
        Assert.Equal(0, await dispatcher.RunOnceAsync()); // not due
        Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await dispatcher.RunOnceAsync()); // attempt 2 fails: next in 60 s
        Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await dispatcher.RunOnceAsync()); // attempt 3 delivers
        Assert.Equal([1, 2, 3], sink.Seen.Select(m => m.Attempt));
        Assert.Single(sink.Seen.Select(m => m.IdempotencyKey).Distinct());
        await using var context = Database.NewContext();
        var row = await context.Outbox.SingleAsync();
        Assert.Equal(3, row.Attempts);
        Assert.NotNull(row.DeliveredAt);
        Assert.Null(row.DeadAt);
        Assert.Null(row.LastError);
    }

    [DatabaseFact]
    public async Task SinkAlwaysFails_DeadLetteredAfterTheLastAttempt()
    {
        await RunToEndAsync();
        var sink = new TestSink { FailuresLeft = int.MaxValue };
        var dispatcher = new OutboxDispatcher(Database.ContextOptions, sink, Clock, "node-a") { MaxAttempts = 3 };
        for (var i = 0; i < 6; i++)
        {
            await dispatcher.RunOnceAsync();
            Clock.Advance(TimeSpan.FromHours(2));
        }

        Assert.Equal(3, sink.Seen.Count);
        await using var context = Database.NewContext();
        var row = await context.Outbox.SingleAsync();
        Assert.Equal((3, "webhook down"), (row.Attempts, row.LastError));
        Assert.NotNull(row.DeadAt);
        Assert.Null(row.DeliveredAt);
    }

    [DatabaseFact]
    public async Task LeasedRow_NotClaimedByAnotherNodeUntilTheLeaseRunsOut_ThenDeliveredAgain()
    {
        await RunToEndAsync();
        Assert.Single(await new OutboxDispatcher(Database.ContextOptions, new TestSink(), Clock, "node-dead").ClaimAsync());
        var sink = new TestSink();
        var other = new OutboxDispatcher(Database.ContextOptions, sink, Clock, "node-b");
        Assert.Equal(0, await other.RunOnceAsync());
        Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await other.RunOnceAsync());
    }

    [DatabaseFact]
    public async Task Batch_DeliveredRowsMarkedInOneStatementAndOneTransaction()
    {
        for (var i = 0; i < 5; i++)
        {
            await RunToEndAsync();
        }

        var counter = new StatementCounter();
        var options = new DbContextOptionsBuilder<WorkflowDbContext>(Database.ContextOptions).AddInterceptors(counter).Options;
        var sink = new TestSink();
        Assert.Equal(5, await new OutboxDispatcher(options, sink, Clock, "node-a").RunOnceAsync());
        // The claim is one raw statement (not seen by EF interceptors); the marking is one UPDATE in one transaction.
        Assert.Equal((1, 1), (counter.Updates, counter.Commits));
        Assert.Equal(5, sink.Seen.Select(m => m.IdempotencyKey).Distinct().Count());
        await using var context = Database.NewContext();
        var rows = await context.Outbox.ToListAsync();
        Assert.All(rows, row => Assert.Equal((true, 1, (string?)null, (DateTimeOffset?)null), (row.DeliveredAt is not null, row.Attempts, row.LeaseOwner, row.LeaseUntil)));
    }

    [DatabaseFact]
    public async Task Batch_OneFailsInTheMiddle_TheOthersMarkedDelivered_ItAloneRetried()
    {
        for (var i = 0; i < 4; i++)
        {
            await RunToEndAsync();
        }

        var sink = new TestSink { FailOn = 2 };
        var dispatcher = new OutboxDispatcher(Database.ContextOptions, sink, Clock, "node-a");
        Assert.Equal(3, await dispatcher.RunOnceAsync());
        var failedKey = sink.Seen[2].IdempotencyKey;
        await using (var context = Database.NewContext())
        {
            var failed = await context.Outbox.SingleAsync(o => o.DeliveredAt == null);
            Assert.Equal((failedKey, 1, "webhook down", (string?)null), (failed.IdempotencyKey, failed.Attempts, failed.LastError, failed.LeaseOwner));
            Assert.Equal(Start + TimeSpan.FromSeconds(30), failed.NextAttemptAt);
        }

        Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        Assert.Equal((failedKey, 2), (sink.Seen[^1].IdempotencyKey, sink.Seen[^1].Attempt));
        Assert.Equal(5, sink.Seen.Count);
    }

    [DatabaseFact]
    public async Task HostStopsMidBatch_WhatWentOutIsMarked_TheRestDeliveredLaterByAnotherNode_NoneLost()
    {
        for (var i = 0; i < 5; i++)
        {
            await RunToEndAsync();
        }

        using var stopping = new CancellationTokenSource();
        var sink = new TestSink { OnDeliver = count => { if (count == 3) { stopping.Cancel(); } } };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new OutboxDispatcher(Database.ContextOptions, sink, Clock, "node-a").RunOnceAsync(stopping.Token));
        await using (var context = Database.NewContext())
        {
            Assert.Equal(2, await context.Outbox.CountAsync(o => o.DeliveredAt != null)); // the two sent before the stop
        }

        var later = new TestSink();
        var other = new OutboxDispatcher(Database.ContextOptions, later, Clock, "node-b");
        Assert.Equal(0, await other.RunOnceAsync()); // still node-a's lease
        Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(3, await other.RunOnceAsync());
        var all = sink.Seen.Take(2).Concat(later.Seen).Select(m => m.IdempotencyKey).ToList();
        Assert.Equal(5, all.Distinct().Count()); // every message out, none of the marked ones twice
        Assert.Equal(5, all.Count);
    }

    [DatabaseFact]
    public async Task SlowSink_WhatWentOutMarkedEveryQuarterSecond_ADeathMidBatchSendsOnlyTheRestAgain()
    {
        for (var i = 0; i < 5; i++)
        {
            await RunToEndAsync();
        }

        // Each send takes 100 ms (SMTP): after the third (300 ms) the three are marked before the fourth goes out.
        var markedBeforeFifth = -1;
        var sink = new TestSink
        {
            OnDeliver = count =>
            {
                Clock.Advance(TimeSpan.FromMilliseconds(100));
                if (count == 5)
                {
                    using var context = Database.NewContext();
                    markedBeforeFifth = context.Outbox.Count(o => o.DeliveredAt != null);
                }
            },
        };
        var counter = new StatementCounter();
        var options = new DbContextOptionsBuilder<WorkflowDbContext>(Database.ContextOptions).AddInterceptors(counter).Options;
        Assert.Equal(5, await new OutboxDispatcher(options, sink, Clock, "node-a").RunOnceAsync());
        Assert.Equal(3, markedBeforeFifth); // a node dying during the fourth or fifth send would send only those again
        Assert.Equal((2, 2), (counter.Updates, counter.Commits));
        await using var after = Database.NewContext();
        Assert.Equal(5, await after.Outbox.CountAsync(o => o.DeliveredAt != null && o.LeaseOwner == null));
    }

    private async Task<string> RunToEndAsync()
    {
        await Deployments.DeployAsync(Models.OneTask());
        var started = await Runtime.StartAsync("one");
        await using var context = Database.NewContext();
        await Runtime.CompleteTaskAsync((await context.UserTasks.SingleAsync()).Id);
        return started.InstanceId;
    }

    private sealed class TestSink : IOutboxSink
    {
        public List<OutboxMessage> Seen { get; } = [];

        public int FailuresLeft { get; set; }

        /// <summary>Fails only the delivery with this index (0-based), once.</summary>
        public int FailOn { get; set; } = -1;

        /// <summary>Called with the delivery's 1-based count before it completes (e.g. to stop the host).</summary>
        public Action<int>? OnDeliver { get; set; }

        public Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Seen.Add(message);
            OnDeliver?.Invoke(Seen.Count);
            cancellationToken.ThrowIfCancellationRequested();
            return FailuresLeft-- > 0 || Seen.Count - 1 == FailOn ? throw new InvalidOperationException("webhook down") : Task.CompletedTask;
        }
    }

    /// <summary>Counts the UPDATE statements and the commits EF runs.</summary>
    private sealed class StatementCounter : DbCommandInterceptor, IDbTransactionInterceptor
    {
        private int _updates;
        private int _commits;

        public int Updates => _updates;

        public int Commits => _commits;

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref _updates);
            }

            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _commits);
            return Task.CompletedTask;
        }
    }
}

public sealed class SqliteOutboxDispatcherTests : OutboxDispatcherTests
{
    protected override TestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class PostgresOutboxDispatcherTests : OutboxDispatcherTests, IPostgresSuite
{
    protected override TestDatabase CreateDatabase() => new PostgresTestDatabase();
}
