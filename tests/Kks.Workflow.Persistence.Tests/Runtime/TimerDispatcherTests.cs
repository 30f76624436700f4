using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Runtime;
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
    public async Task ManyTimersTwoNodesAtOnce_EachFiresExactlyOnce() =>
        await FireOnTwoNodesAsync(parallelism: 8, node => node.RunOnceAsync());

    [DatabaseFact]
    public async Task Drain_ClaimsAheadInSmallBatches_TwoNodes_EachFiresExactlyOnce() =>
        await FireOnTwoNodesAsync(parallelism: 4, node => node.DrainAsync());

    /// <summary>60 instances wait at a due timer; two nodes (batches of 7) run <paramref name="run"/> until it does nothing; each timer fired exactly once.</summary>
    private async Task FireOnTwoNodesAsync(int parallelism, Func<TimerDispatcher, Task<int>> run)
    {
        const int count = 60;
        for (var i = 0; i < count; i++)
        {
            await StartWaitingAtTimer(deploy: i == 0);
        }

        Clock.Advance(TimeSpan.FromHours(1));
        var nodes = new[] { "node-a", "node-b" }
            .Select(n => new TimerDispatcher(Database.ContextOptions, NewRuntime(), Clock, n) { BatchSize = 7, Parallelism = parallelism }).ToList();
        var fired = await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
        {
            var total = 0;
            while (await run(node) is var n && n > 0)
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

    [DatabaseFact]
    public async Task Drain_TimersOfOneInstanceInDifferentBatches_FireOneAfterAnotherInDueOrder()
    {
        await Deployments.DeployAsync(Models.Process("three", """
            <bpmn:startEvent id="s"/>
            <bpmn:parallelGateway id="fork"/>
            <bpmn:intermediateCatchEvent id="t1"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="t2"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="t3"><bpmn:timerEventDefinition><bpmn:timeDuration>PT3H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/><bpmn:endEvent id="e3"/>
            <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="fork"/>
            <bpmn:sequenceFlow id="f1" sourceRef="fork" targetRef="t1"/><bpmn:sequenceFlow id="g1" sourceRef="t1" targetRef="e1"/>
            <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="t2"/><bpmn:sequenceFlow id="g2" sourceRef="t2" targetRef="e2"/>
            <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="t3"/><bpmn:sequenceFlow id="g3" sourceRef="t3" targetRef="e3"/>
            """));
        for (var i = 0; i < 6; i++)
        {
            await Runtime.StartAsync("three");
        }

        Dictionary<string, (string Instance, string Node)> timers;
        await using (var context = Database.NewContext())
        {
            timers = await context.Timers.AsNoTracking().ToDictionaryAsync(t => t.Id, t => (t.InstanceId, t.NodeId));
        }

        Assert.Equal(18, timers.Count);
        Clock.Advance(TimeSpan.FromHours(3));
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        // Batches of 2 (earliest due first): an instance's three timers come in different claims, fired by 4 workers.
        var dispatcher = new TimerDispatcher(Database.ContextOptions, Runtime, Clock, "node-a") { BatchSize = 2, Parallelism = 4, Fired = order.Enqueue };
        Assert.Equal(18, await dispatcher.DrainAsync());
        Assert.Equal(0, await dispatcher.DrainAsync());
        foreach (var instance in order.GroupBy(id => timers[id].Instance))
        {
            Assert.Equal(["t1", "t2", "t3"], instance.Select(id => timers[id].Node));
        }

        await using (var context = Database.NewContext())
        {
            Assert.Equal(0, await context.Timers.CountAsync());
            Assert.Equal(6, await context.ProcessInstances.CountAsync(i => i.Status == "Completed"));
        }
    }

    [DatabaseFact]
    public async Task Drain_FiringFailsOnTheDatabase_StopsAndThrowsIt_ThenAnotherRunFiresEachOnceAfterTheLease()
    {
        const int count = 10;
        for (var i = 0; i < count; i++)
        {
            await StartWaitingAtTimer(deploy: i == 0);
        }

        Clock.Advance(TimeSpan.FromHours(1));
        // A runtime on an empty database (no schema): every firing fails with the database's error, not the engine's.
        await using var empty = new SqliteTestDatabase();
        await empty.CreateAsync();
        var broken = new WorkflowRuntime(empty.ContextOptions, new ProcessDefinitionCache(), Clock);
        var failing = new TimerDispatcher(Database.ContextOptions, broken, Clock, "node-a") { BatchSize = 4, Parallelism = 2 };
        var error = await Assert.ThrowsAnyAsync<Exception>(() => failing.DrainAsync());
        Assert.IsNotAssignableFrom<OperationCanceledException>(error);

        var other = new TimerDispatcher(Database.ContextOptions, Runtime, Clock, "node-b");
        var early = await other.DrainAsync(); // the unclaimed ones at once, the leased ones after their lease
        Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(count, early + await other.DrainAsync());
        await using var context = Database.NewContext();
        Assert.Equal(0, await context.Timers.CountAsync());
        Assert.Equal(count, await context.History.CountAsync(h => h.Kind == "TimerFired"));
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
