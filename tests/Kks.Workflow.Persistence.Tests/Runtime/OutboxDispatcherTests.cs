using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

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

        public Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Seen.Add(message);
            return FailuresLeft-- > 0 ? throw new InvalidOperationException("webhook down") : Task.CompletedTask;
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
