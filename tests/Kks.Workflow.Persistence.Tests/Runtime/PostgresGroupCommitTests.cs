using System.Collections.Concurrent;
using Kks.Workflow.Engine;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Persistence.Runtime.Sql;
using Kks.Workflow.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Kks.Workflow.Persistence.Tests.Runtime;

/// <summary>
/// Group commit on PostgreSQL: a write set that fails in a shared batch fails alone, a deadlock between two nodes'
/// batches fails one batch as a whole (its commands run again), and two runtimes completing the same tasks at once
/// complete each exactly once.
/// </summary>
public sealed class PostgresGroupCommitTests(ITestOutputHelper output) : RuntimeSuite, IPostgresSuite
{
    protected override TestDatabase CreateDatabase() => new PostgresTestDatabase();

    /// <summary>start → fork → six tasks → join → end.</summary>
    private static string SixTasks() => Models.Process("six", $"""
        <bpmn:startEvent id="s"/>
        <bpmn:parallelGateway id="fork"/>
        {string.Concat(Enumerable.Range(1, 6).Select(i => $"""<bpmn:userTask id="t{i}" name="T{i}" camunda:candidateGroups="dinkes"/>"""))}
        <bpmn:parallelGateway id="join"/>
        <bpmn:endEvent id="e"/>
        <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="fork"/>
        {string.Concat(Enumerable.Range(1, 6).Select(i => $"""<bpmn:sequenceFlow id="in{i}" sourceRef="fork" targetRef="t{i}"/><bpmn:sequenceFlow id="out{i}" sourceRef="t{i}" targetRef="join"/>"""))}
        <bpmn:sequenceFlow id="f9" sourceRef="join" targetRef="e"/>
        """);

    /// <summary>
    /// Two runtimes (two nodes: each its own group committer, cache and connections) complete the same 120 tasks at
    /// once, 8 callers each, in opposite orders, so their batches hold locks on the same instances and can deadlock.
    /// Every call ends; each task is completed by exactly one of them (the other is told the task is gone), once in
    /// the history; every instance ends.
    /// </summary>
    [DatabaseFact]
    public async Task TwoRuntimes_CompletingTheSameTasks_EachTaskCompletedExactlyOnce()
    {
        await Deployments.DeployAsync(SixTasks());
        var instances = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            instances.Add((await Runtime.StartAsync("six")).InstanceId);
        }

        List<string> tasks;
        await using (var context = Database.NewContext())
        {
            tasks = await context.UserTasks.AsNoTracking().OrderBy(t => t.InstanceId).ThenBy(t => t.NodeId).Select(t => t.Id).ToListAsync();
        }

        Assert.Equal(120, tasks.Count);
        var deadlocksBefore = await DeadlocksAsync();
        var won = new ConcurrentDictionary<string, int>();
        var gone = new ConcurrentDictionary<string, int>();
        async Task NodeAsync(WorkflowRuntime node, IEnumerable<string> order)
        {
            var queue = new ConcurrentQueue<string>(order);
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                while (queue.TryDequeue(out var task))
                {
                    try
                    {
                        await node.CompleteTaskAsync(task, userId: "ani");
                        won.AddOrUpdate(task, 1, (_, n) => n + 1);
                    }
                    catch (NotFoundException)
                    {
                        gone.AddOrUpdate(task, 1, (_, n) => n + 1);
                    }
                }
            })));
        }

        var nodeB = NewRuntime();
        await Task.WhenAll(NodeAsync(Runtime, tasks), NodeAsync(nodeB, Enumerable.Reverse(tasks))).WaitAsync(TimeSpan.FromMinutes(2));

        output.WriteLine($"deadlocks PostgreSQL detected (whole database, during the run): {await DeadlocksAsync() - deadlocksBefore}");
        Assert.All(tasks, task => Assert.Equal(1, won.GetValueOrDefault(task)));
        Assert.All(tasks, task => Assert.Equal(1, gone.GetValueOrDefault(task)));
        await using var check = Database.NewContext();
        Assert.Empty(await check.UserTasks.AsNoTracking().ToListAsync());
        var completions = await check.History.AsNoTracking().Where(h => h.Kind == HistoryKind.TaskCompleted.ToString()).Select(h => h.TaskId).ToListAsync();
        Assert.Equal(tasks.Order(StringComparer.Ordinal), completions.Order(StringComparer.Ordinal));
        Assert.All(await check.ProcessInstances.AsNoTracking().Where(p => instances.Contains(p.Id)).Select(p => p.Status).ToListAsync(),
            status => Assert.Equal(InstanceStatus.Completed.ToString(), status));
    }

    /// <summary>
    /// Three write sets queue behind a row another connection is inserting (one writer, so they wait for it); the
    /// second and third then share one batch. The second fails half-way (its second outbox row repeats the first's
    /// key): it fails alone, its first row is not committed, and the third commits.
    /// </summary>
    [DatabaseFact]
    public async Task FailingWriteSetInASharedBatch_FailsAlone_OthersCommitted()
    {
        var committer = new GroupCommitter(new SessionPool(Database.ContextOptions), maxWriters: 1);
        await using var blocker = await OpenAsync();
        await ExecAsync(blocker, "BEGIN");
        await ExecAsync(blocker, "INSERT INTO outbox (id, idempotency_key, kind, payload_json, created_at, attempts, next_attempt_at) VALUES ('x', 'k1', 'test', '{}', now(), 0, now())");

        var first = Task.Run(() => committer.SaveAsync(Outbox("k1"), CancellationToken.None)); // waits on the uncommitted k1
        await UntilAsync(() => committer.Writing && committer.Queued == 0);
        var second = Task.Run(() => committer.SaveAsync(Outbox("k2", "k1"), CancellationToken.None));
        var third = Task.Run(() => committer.SaveAsync(Outbox("k3"), CancellationToken.None));
        await UntilAsync(() => committer.Queued == 2);
        await ExecAsync(blocker, "ROLLBACK");

        await first;
        var error = await Assert.ThrowsAsync<PostgresException>(() => second);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        await third;
        await using var check = Database.NewContext();
        Assert.Equal(new[] { "k1", "k3" }, await check.Outbox.AsNoTracking().OrderBy(o => o.IdempotencyKey).Select(o => o.IdempotencyKey).ToListAsync());
    }

    /// <summary>
    /// Batches are written side by side: while one waits (here on a row another connection is inserting), a write set
    /// on another instance goes out in a batch of its own and commits; a write set on the instance in flight stays
    /// queued (in a second batch it would wait for the first's row lock and then lose the race) and goes out after it.
    /// </summary>
    [DatabaseFact]
    public async Task ConcurrentBatches_OtherInstancesCommitAtOnce_SameInstanceWaitsForTheBatchInFlight()
    {
        var committer = new GroupCommitter(new SessionPool(Database.ContextOptions), maxWriters: 2);
        await using var blocker = await OpenAsync();
        await ExecAsync(blocker, "BEGIN");
        await ExecAsync(blocker, "INSERT INTO outbox (id, idempotency_key, kind, payload_json, created_at, attempts, next_attempt_at) VALUES ('x', 'k1', 'test', '{}', now(), 0, now())");

        var first = Task.Run(() => committer.SaveAsync(Outbox("k1").On("a"), CancellationToken.None)); // waits on the uncommitted k1
        await UntilAsync(() => committer.Writing && committer.Queued == 0);
        var second = Task.Run(() => committer.SaveAsync(Outbox("k2").On("a"), CancellationToken.None));
        await committer.SaveAsync(Outbox("k3").On("b"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, committer.Queued);
        await ExecAsync(blocker, "ROLLBACK");
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));
        await using var check = Database.NewContext();
        Assert.Equal(new[] { "k1", "k2", "k3" }, await check.Outbox.AsNoTracking().OrderBy(o => o.IdempotencyKey).Select(o => o.IdempotencyKey).ToListAsync());
    }

    /// <summary>
    /// Two nodes' batches lock two tasks in opposite orders (each first held up by a third connection, so both hold
    /// their first lock when it lets go): PostgreSQL aborts one. That batch fails as a whole with
    /// <see cref="GroupCommitFailedException"/> (the runtime runs its commands again on fresh state), nothing of it is
    /// committed, and the other batch commits.
    /// </summary>
    [DatabaseFact]
    public async Task DeadlockBetweenTwoNodesBatches_OneFailsAsAWhole_TheOtherCommits()
    {
        await Deployments.DeployAsync(Models.OneTask());
        List<string> ids;
        for (var i = 0; i < 4; i++)
        {
            await Runtime.StartAsync("one");
        }

        await using (var context = Database.NewContext())
        {
            ids = await context.UserTasks.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
        }

        var (x, y, k1, k2) = (ids[0], ids[1], ids[2], ids[3]);
        await using var blocker = await OpenAsync();
        await ExecAsync(blocker, "BEGIN");
        await ExecAsync(blocker, $"SELECT 1 FROM user_tasks WHERE id IN ('{k1}', '{k2}') FOR UPDATE");
        var nodeA = new GroupCommitter(new SessionPool(Database.ContextOptions));
        var nodeB = new GroupCommitter(new SessionPool(Database.ContextOptions));
        var a = Task.Run(() => nodeA.SaveAsync(Assign("a", x, k1, y), CancellationToken.None));
        var b = Task.Run(() => nodeB.SaveAsync(Assign("b", y, k2, x), CancellationToken.None));
        await UntilAsync(async () => await BlockedByAsync(blocker.ProcessID) == 2);
        await ExecAsync(blocker, "ROLLBACK");

        var outcomes = await Task.WhenAll(Outcome(a), Outcome(b));
        var failure = Assert.Single(outcomes, o => o is not null);
        var deadlock = Assert.IsType<PostgresException>(Assert.IsType<GroupCommitFailedException>(failure).InnerException);
        Assert.Equal(PostgresErrorCodes.DeadlockDetected, deadlock.SqlState);
        var winner = outcomes[0] is null ? "a" : "b";
        await using var check = Database.NewContext();
        var assignees = await check.UserTasks.AsNoTracking().Where(t => t.Id == x || t.Id == y || t.Id == k1 || t.Id == k2)
            .ToDictionaryAsync(t => t.Id, t => t.Assignee);
        Assert.Equal(winner, assignees[x]);
        Assert.Equal(winner, assignees[y]);
        Assert.Equal(winner, assignees[winner == "a" ? k1 : k2]);
        Assert.Null(assignees[winner == "a" ? k2 : k1]);

        static async Task<Exception?> Outcome(Task save)
        {
            try
            {
                await save;
                return null;
            }
            catch (GroupCommitFailedException error)
            {
                return error;
            }
        }
    }

    /// <summary>One write set setting the assignee of the given tasks, in that order (each must hit its row).</summary>
    private static WriteSet Assign(string assignee, params string[] taskIds)
    {
        var writes = new WriteSet();
        foreach (var id in taskIds)
        {
            writes.One(CommandSql.UpdateTask, "T", assignee, null, null, null, 50, null, Start, id);
        }

        return writes;
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

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Database.Options.PostgresConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>How many backends wait for a lock the given backend holds.</summary>
    private async Task<long> BlockedByAsync(int pid)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE @pid = ANY(pg_blocking_pids(pid))", connection);
        command.Parameters.AddWithValue("pid", pid);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> DeadlocksAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 1_000 && !await condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(await condition());
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
