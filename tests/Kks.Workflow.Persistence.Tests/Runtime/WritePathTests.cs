using Kks.Workflow.Engine;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Persistence.Runtime.Sql;
using Kks.Workflow.Persistence.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Tests.Runtime;

/// <summary>The ADO.NET write path: cached states against other nodes' commits, several commands on one task in one unit.</summary>
public abstract class WritePathTests : RuntimeSuite
{
    /// <summary>start → fork → a (dinkes) and b (bappeda) → join → end: two tasks open at once.</summary>
    private static string TwoTasks() => Models.Process("two", """
        <bpmn:startEvent id="s"/>
        <bpmn:parallelGateway id="fork"/>
        <bpmn:userTask id="a" name="A" camunda:candidateGroups="dinkes"/>
        <bpmn:userTask id="b" name="B" camunda:candidateGroups="bappeda"/>
        <bpmn:parallelGateway id="join"/>
        <bpmn:endEvent id="e"/>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="fork"/>
        <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="a"/>
        <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="b"/>
        <bpmn:sequenceFlow id="f4" sourceRef="a" targetRef="join"/>
        <bpmn:sequenceFlow id="f5" sourceRef="b" targetRef="join"/>
        <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="e"/>
        """);

    [DatabaseFact]
    public async Task CachedInstanceChangedOnAnotherNode_IsReadAgain_NoChangeLost()
    {
        await Deployments.DeployAsync(TwoTasks());
        var started = await Runtime.StartAsync("two");
        var (a, b) = await TasksAsync(started.InstanceId);
        var otherNode = NewRuntime();

        await Runtime.ClaimTaskAsync(a, "ani");        // this node caches the instance at version 2
        await otherNode.ClaimTaskAsync(b, "budi");     // the other node commits version 3
        var last = await Runtime.UnclaimTaskAsync(a);  // this node's cache is stale: it must read version 3

        Assert.Equal(4L, last.RowVersion);
        await using var context = Database.NewContext();
        var tasks = await context.UserTasks.AsNoTracking().OrderBy(t => t.NodeId).ToListAsync();
        Assert.Equal(new[] { ("a", (string?)null), ("b", (string?)"budi") }, tasks.Select(t => (t.NodeId, t.Assignee)));
        var state = InstanceStateJson.Deserialize((await context.ProcessInstances.AsNoTracking().SingleAsync()).StateJson);
        Assert.Equal("budi", state.Tasks.Single(t => t.NodeId == "b").Assignee);
        Assert.Null(state.Tasks.Single(t => t.NodeId == "a").Assignee);
    }

    /// <summary>
    /// A command on a task first runs on the state this node cached with the task (no lookup). When another node
    /// ended the task since, that attempt loses the row version race and the next one finds the task gone: not found,
    /// not a second completion.
    /// </summary>
    [DatabaseFact]
    public async Task TaskEndedOnAnotherNode_CachedGuessLoses_NotFound()
    {
        await Deployments.DeployAsync(TwoTasks());
        var started = await Runtime.StartAsync("two");
        var (a, _) = await TasksAsync(started.InstanceId);
        var otherNode = NewRuntime();

        await Runtime.ClaimTaskAsync(a, "ani");           // this node caches the instance with task a
        await otherNode.CompleteTaskAsync(a, userId: "budi");

        await Assert.ThrowsAsync<NotFoundException>(() => Runtime.CompleteTaskAsync(a, userId: "ani"));
        await using var context = Database.NewContext();
        Assert.Equal(1, await context.History.AsNoTracking().CountAsync(h => h.TaskId == a && h.Kind == "TaskCompleted"));
    }

    /// <summary>
    /// The cached state says another user holds the task, so the engine refuses the claim; but another node has
    /// changed the instance since (unclaimed, then claimed for this very user): the refusal came from a stale state,
    /// so the command runs again on the committed one, where the claim is the holder's own (allowed).
    /// </summary>
    [DatabaseFact]
    public async Task EngineRefusesAStaleCachedState_RunsAgainOnTheCommittedState()
    {
        await Deployments.DeployAsync(TwoTasks());
        var started = await Runtime.StartAsync("two");
        var (a, _) = await TasksAsync(started.InstanceId);
        var otherNode = NewRuntime();

        await Runtime.ClaimTaskAsync(a, "budi");          // cached here: a held by budi
        await otherNode.UnclaimTaskAsync(a);
        await otherNode.ClaimTaskAsync(a, "ani");

        var outcome = await Runtime.ClaimTaskAsync(a, "ani");

        Assert.Equal(started.RowVersion + 4, outcome.RowVersion);
        await using var context = Database.NewContext();
        Assert.Equal("ani", (await context.UserTasks.AsNoTracking().SingleAsync(t => t.Id == a)).Assignee);
    }

    [DatabaseFact]
    public async Task TwoChangesOfOneTaskInOneTransaction_RowsFollowTheLast()
    {
        await Deployments.DeployAsync(Models.OneTask());
        var started = await Runtime.StartAsync("one");
        await using (var context = Database.NewContext())
        {
            var taskId = (await context.UserTasks.AsNoTracking().SingleAsync()).Id;
            var outcome = await Runtime.ExecuteOnTaskAsync(taskId, [new SetTaskAssignee(taskId, "ani"), new SetTaskAssignee(taskId, "budi")]);
            Assert.Equal(started.RowVersion + 2, outcome.RowVersion);
        }

        await using (var context = Database.NewContext())
        {
            var task = await context.UserTasks.AsNoTracking().Include(t => t.Candidates).SingleAsync();
            Assert.Equal("budi", task.Assignee);
            Assert.Equal(new[] { (CandidateKind.Group, "dinkes") }, task.Candidates.Select(c => (c.Kind, c.Value)));
            var historic = await context.HistoricTasks.AsNoTracking().Include(t => t.Candidates).SingleAsync();
            Assert.Equal(("budi", null), (historic.Assignee, historic.EndedAt));
            Assert.Equal(new[] { (CandidateKind.Group, "dinkes") }, historic.Candidates.Select(c => (c.Kind, c.Value)));
        }
    }

    private async Task<(string A, string B)> TasksAsync(string instanceId)
    {
        await using var context = Database.NewContext();
        var tasks = await context.UserTasks.AsNoTracking().Where(t => t.InstanceId == instanceId).ToListAsync();
        return (tasks.Single(t => t.NodeId == "a").Id, tasks.Single(t => t.NodeId == "b").Id);
    }
}

public sealed class SqliteWritePathTests : WritePathTests
{
    protected override TestDatabase CreateDatabase() => new SqliteTestDatabase();

    /// <summary>
    /// Three commands queue behind SQLite's write lock (held here by another connection); the second and third
    /// then share one transaction. The second fails half-way (its second outbox row repeats the first command's
    /// key): its first row is rolled back with it (its savepoint), and the third commits.
    /// </summary>
    [Fact]
    public async Task FailingCommandInASharedBatch_RolledBackAlone_OthersCommitted()
    {
        var committer = new GroupCommitter(new SessionPool(Database.ContextOptions));
        string connectionString;
        await using (var context = Database.NewContext())
        {
            connectionString = context.Database.GetConnectionString()!;
        }

        await using var blocker = new SqliteConnection(connectionString);
        await blocker.OpenAsync();
        await using (var begin = new SqliteCommand("BEGIN IMMEDIATE", blocker))
        {
            await begin.ExecuteNonQueryAsync();
        }

        var first = Task.Run(() => committer.SaveAsync(Outbox("k1"), CancellationToken.None));
        await UntilAsync(() => committer.Writing && committer.Queued == 0); // the first took itself out of the queue and waits for the lock
        var second = Task.Run(() => committer.SaveAsync(Outbox("k2", "k1"), CancellationToken.None));
        var third = Task.Run(() => committer.SaveAsync(Outbox("k3"), CancellationToken.None));
        await UntilAsync(() => committer.Queued == 2);
        await using (var rollback = new SqliteCommand("ROLLBACK", blocker))
        {
            await rollback.ExecuteNonQueryAsync();
        }

        await first;
        await Assert.ThrowsAsync<SqliteException>(() => second);
        await third;
        await using var check = Database.NewContext();
        Assert.Equal(new[] { "k1", "k3" }, await check.Outbox.AsNoTracking().OrderBy(o => o.IdempotencyKey).Select(o => o.IdempotencyKey).ToListAsync());
    }

    private static WriteSet Outbox(params string[] keys)
    {
        var writes = new WriteSet();
        foreach (var key in keys)
        {
            writes.Add(CommandSql.InsertOutbox, Guid.NewGuid().ToString("N"), key, "test", null, "{}", Start, Start);
        }

        return writes;
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1_000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}

public sealed class PostgresWritePathTests : WritePathTests, IPostgresSuite
{
    protected override TestDatabase CreateDatabase() => new PostgresTestDatabase();
}
