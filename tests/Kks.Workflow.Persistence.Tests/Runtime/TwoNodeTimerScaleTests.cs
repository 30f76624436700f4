using System.Diagnostics;
using System.Globalization;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Kks.Workflow.Persistence.Tests.Runtime;

/// <summary>
/// Issue 3's two-node test: two timer dispatchers ("nodes": each its own runtime, definition cache and
/// connection pool) on one database, many timers due at once, both draining concurrently until none is left;
/// every timer must fire exactly once. 10,000 timers on PostgreSQL; SQLite (one writer, one node in practice)
/// runs the same test with 500.
/// </summary>
public abstract class TwoNodeTimerScaleTests(ITestOutputHelper output) : RuntimeSuite
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(4);

    protected abstract int TimerCount { get; }

    /// <summary>Timers per claim: small enough that a node cannot claim the whole set before the other starts.</summary>
    protected abstract int BatchSize { get; }

    /// <summary>start → wait PT1H → end: one timer per instance, nothing else.</summary>
    private static string Tiny() => Models.Process("tiny", """
        <bpmn:startEvent id="s"/>
        <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="e"/>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait"/>
        <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="e"/>
        """);

    [DatabaseFact]
    public async Task ManyTimersDueAtOnce_TwoNodesDrainConcurrently_EachFiresExactlyOnce()
    {
        var count = TimerCount;
        var total = Stopwatch.StartNew();
        await Deployments.DeployAsync(Tiny());
        // Set-up through the real command path, eight starts at a time.
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
            await Runtime.StartAsync("tiny", cancellationToken: ct));
        Dictionary<string, string> timers;
        await using (var context = Database.NewContext())
        {
            timers = await context.Timers.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.InstanceId);
        }

        Assert.Equal(count, timers.Count);
        Assert.Equal(count, timers.Values.Distinct(StringComparer.Ordinal).Count());
        var setup = total.Elapsed;
        Clock.Advance(TimeSpan.FromHours(1)); // all due at once

        var nodes = new[] { "node-a", "node-b" }.Select(name =>
        {
            var options = NodeOptions(name);
            var runtime = new WorkflowRuntime(options, new ProcessDefinitionCache(), Clock, new() { MaxConcurrencyRetries = 20 });
            return new TimerDispatcher(options, runtime, Clock, name) { BatchSize = BatchSize };
        }).ToList();
        using var stop = new CancellationTokenSource();
        // Both nodes make their first claim at the same moment, each on a thread of its own: on a busy machine a
        // thread-pool start once came after the other node had drained all 500 ("node-a 500, node-b 0").
        using var together = new Barrier(nodes.Count);
        var drain = Stopwatch.StartNew();
        var draining = Task.WhenAll(nodes.Select(node => Task.Factory.StartNew(async () =>
        {
            together.SignalAndWait(stop.Token);
            var n = 0;
            while (await node.DrainAsync(stop.Token) is var batch && batch > 0)
            {
                n += batch;
            }

            return n;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()));
        int[] fired;
        try
        {
            fired = await draining.WaitAsync(DrainLimit);
        }
        catch (TimeoutException)
        {
            await stop.CancelAsync();
            await using var context = Database.NewContext();
            var left = await context.Timers.CountAsync();
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"Draining {count} timers on two nodes took more than {DrainLimit.TotalMinutes} min; {left} timers still armed."));
        }

        drain.Stop();

        var message = string.Create(CultureInfo.InvariantCulture,
            $"{Database.Options.Provider}: {count} timers, set-up {setup.TotalSeconds:F1} s, drained by two nodes in {drain.Elapsed.TotalSeconds:F1} s " +
            $"({count / drain.Elapsed.TotalSeconds:F0} timers/s; node-a {fired[0]}, node-b {fired[1]})");
        output.WriteLine(message);
        Console.WriteLine(message);

        Assert.Equal(count, fired.Sum());
        Assert.All(fired, n => Assert.True(n > 0, "Both nodes should have fired some timers."));
        await using (var context = Database.NewContext())
        {
            Assert.Equal(0, await context.Timers.CountAsync());
            var firedPerInstance = await context.History.Where(h => h.Kind == "TimerFired").GroupBy(h => h.InstanceId)
                .Select(g => new { InstanceId = g.Key, Count = g.Count() }).ToListAsync();
            Assert.Equal(count, firedPerInstance.Count);
            Assert.All(firedPerInstance, f => Assert.Equal(1, f.Count));
            Assert.True(firedPerInstance.Select(f => f.InstanceId).ToHashSet(StringComparer.Ordinal).SetEquals(timers.Values), "TimerFired rows for instances other than the armed ones.");
            var statuses = await context.ProcessInstances.GroupBy(i => i.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync();
            Assert.Equal("Completed", Assert.Single(statuses).Status); // every instance moved past its timer (and ended)
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole test {total.Elapsed.TotalSeconds:F1} s"));
    }

    /// <summary>Each node its own context options and, on PostgreSQL, its own connection pool (the pool is per connection string).</summary>
    private Microsoft.EntityFrameworkCore.DbContextOptions<WorkflowDbContext> NodeOptions(string node)
    {
        var options = Database.Options;
        if (Database.IsSqlite)
        {
            return WorkflowDatabase.CreateOptions(options);
        }

        return WorkflowDatabase.CreateOptions(new PersistenceOptions
        {
            Provider = DatabaseProvider.PostgreSql,
            PostgresConnectionString = new NpgsqlConnectionStringBuilder(options.PostgresConnectionString) { ApplicationName = node }.ToString(),
        });
    }
}

public sealed class SqliteTwoNodeTimerScaleTests(ITestOutputHelper output) : TwoNodeTimerScaleTests(output)
{
    protected override int TimerCount => 500;

    // 200 (the default) made 3 claims of 500 timers: one node, claiming ahead while it fires, could take them all.
    protected override int BatchSize => 20;

    protected override TestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class PostgresTwoNodeTimerScaleTests(ITestOutputHelper output) : TwoNodeTimerScaleTests(output), IPostgresSuite
{
    protected override int TimerCount => 10_000;

    protected override int BatchSize => 200;

    protected override TestDatabase CreateDatabase() => new PostgresTestDatabase();
}
