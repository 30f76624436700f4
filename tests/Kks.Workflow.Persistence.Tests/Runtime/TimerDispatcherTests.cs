using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Tests.Runtime;

public abstract class TimerDispatcherTests : RuntimeSuite
{
    [DatabaseFact]
    public async Task TimerNotDue_NotClaimed_DueAfterClockMoves_FiresOnce()
    {
        var instance = await StartWaitingAtTimer();
        var dispatcher = new TimerDispatcher(Database.ContextOptions, Runtime, Clock, "node-a");
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        Assert.Equal(Start.AddHours(1), await dispatcher.NextDueAsync());
        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        await using var context = Database.NewContext();
        Assert.Empty(await context.Timers.ToListAsync());
        Assert.Equal(1, await context.History.CountAsync(h => h.InstanceId == instance && h.Kind == "TimerFired"));
        Assert.Equal("verify", (await context.UserTasks.SingleAsync()).NodeId);
    }

    [DatabaseFact]
    public async Task LeasedByADeadNode_OtherNodeTakesOverAfterLeaseRunsOut()
    {
        await StartWaitingAtTimer();
        Clock.Advance(TimeSpan.FromHours(1));
        var dead = new TimerDispatcher(Database.ContextOptions, Runtime, Clock, "node-dead");
        Assert.Single(await dead.ClaimAsync()); // claimed, then the node "dies" without firing
        var other = new TimerDispatcher(Database.ContextOptions, Runtime, Clock, "node-b");
        Assert.Equal(0, await other.RunOnceAsync());
        Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await other.RunOnceAsync());
    }

    [DatabaseFact]
    public async Task ManyTimersTwoNodesAtOnce_EachFiresExactlyOnce()
    {
        const int count = 60;
        var instances = new List<string>();
        for (var i = 0; i < count; i++)
        {
            instances.Add(await StartWaitingAtTimer(deploy: i == 0));
        }

        Clock.Advance(TimeSpan.FromHours(1));
        var nodes = new[] { "node-a", "node-b" }.Select(n => new TimerDispatcher(Database.ContextOptions, NewRuntime(), Clock, n) { BatchSize = 7 }).ToList();
        var fired = await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
        {
            var total = 0;
            while (await node.RunOnceAsync() is var n && n > 0)
            {
                total += n;
            }

            return total;
        })));
        Assert.Equal(count, fired.Sum());
        await using var context = Database.NewContext();
        Assert.Empty(await context.Timers.ToListAsync());
        var perInstance = await context.History.Where(h => h.Kind == "TimerFired").GroupBy(h => h.InstanceId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(count, perInstance.Count);
        Assert.All(perInstance, c => Assert.Equal(1, c));
    }

    private async Task<string> StartWaitingAtTimer(bool deploy = true)
    {
        if (deploy)
        {
            await Deployments.DeployAsync(Models.Review());
        }

        var started = await Runtime.StartAsync("review");
        await using var context = Database.NewContext();
        var task = await context.UserTasks.SingleAsync(t => t.InstanceId == started.InstanceId);
        await Runtime.CompleteTaskAsync(task.Id);
        return started.InstanceId;
    }
}

public sealed class SqliteTimerDispatcherTests : TimerDispatcherTests
{
    protected override TestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class PostgresTimerDispatcherTests : TimerDispatcherTests, IPostgresSuite
{
    protected override TestDatabase CreateDatabase() => new PostgresTestDatabase();
}
