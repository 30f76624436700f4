using Kks.Workflow.Engine;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Tests.Runtime;

public abstract class CommandPathTests : RuntimeSuite
{
    [DatabaseFact]
    public async Task StartCompleteFireComplete_RowsFollowEachCommand_AcrossRestarts()
    {
        await Deployments.DeployAsync(Models.Review());
        var started = await Runtime.StartAsync("review", new Dictionary<string, object?> { ["opd"] = "Dinkes" }, "KKS-2025", "sekretariat");
        Assert.Equal(("Active", 1L), (started.Status, started.RowVersion));

        string uploadId;
        await using (var context = Database.NewContext())
        {
            var upload = Assert.Single(await TaskQueries.InboxOfGroupAsync(context, "dinkes"));
            Assert.Equal(("upload", "Unggah bukti", started.InstanceId), (upload.NodeId, upload.Name, upload.InstanceId));
            Assert.Equal(new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.FromHours(7)), upload.DueAt);
            uploadId = upload.Id;
        }

        Restart();
        await Runtime.CompleteTaskAsync(uploadId, new Dictionary<string, object?> { ["evidence"] = "bukti.pdf" }, "budi");
        string timerId;
        await using (var context = Database.NewContext())
        {
            Assert.Empty(await context.UserTasks.ToListAsync());
            Assert.Empty(await context.TaskCandidates.ToListAsync());
            var timer = await context.Timers.SingleAsync();
            Assert.Equal(Start.AddHours(1), timer.DueAt);
            timerId = timer.Id;
        }

        Clock.Advance(TimeSpan.FromHours(1));
        Restart();
        await Runtime.FireTimerAsync(timerId);
        await Assert.ThrowsAsync<NotFoundException>(() => Runtime.FireTimerAsync(timerId));
        string verifyId;
        await using (var context = Database.NewContext())
        {
            Assert.Empty(await context.Timers.ToListAsync());
            verifyId = Assert.Single(await TaskQueries.InboxOfGroupAsync(context, "sekda")).Id;
        }

        var done = await Runtime.CompleteTaskAsync(verifyId, userId: "sekda1");
        Assert.Equal("Completed", done.Status);
        await using (var context = Database.NewContext())
        {
            var instance = await context.ProcessInstances.SingleAsync();
            Assert.Equal(("Completed", 4L, "KKS-2025"), (instance.Status, instance.RowVersion, instance.BusinessKey));
            Assert.NotNull(instance.EndedAt);
            var history = await TaskQueries.HistoryOfInstanceAsync(context, instance.Id);
            Assert.Contains(history, h => h.Kind == "TimerFired" && h.NodeId == "wait");
            var completed = Assert.Single(await TaskQueries.HistoryOfTaskAsync(context, uploadId), h => h.Kind == "TaskCompleted");
            Assert.Equal("budi", completed.UserId);
            Assert.Contains("bukti.pdf", completed.DataJson, StringComparison.Ordinal);
            var ended = await context.Outbox.SingleAsync();
            Assert.Equal(("instance.ended", $"instance-ended:{instance.Id}"), (ended.Kind, ended.IdempotencyKey));
        }
    }

    [DatabaseFact]
    public async Task CompleteAlreadyCompletedTask_ClearNotFoundError()
    {
        await Deployments.DeployAsync(Models.OneTask());
        await Runtime.StartAsync("one");
        var taskId = await OnlyTaskId();
        await Runtime.CompleteTaskAsync(taskId);
        var error = await Assert.ThrowsAsync<NotFoundException>(() => Runtime.CompleteTaskAsync(taskId));
        Assert.Contains("completed already", error.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task SameIdempotencyKeyTwice_ReturnsFirstResult_RunsOnce()
    {
        await Deployments.DeployAsync(Models.OneTask());
        var first = await Runtime.StartAsync("one", idempotencyKey: "req-1");
        var again = await Runtime.StartAsync("one", idempotencyKey: "req-1");
        Assert.Equal(first.InstanceId, again.InstanceId);
        Assert.True(again.Replayed);
        var taskId = await OnlyTaskId();
        var completed = await Runtime.CompleteTaskAsync(taskId, idempotencyKey: "req-2");
        var replay = await Runtime.CompleteTaskAsync(taskId, idempotencyKey: "req-2");
        Assert.Equal((completed.InstanceId, completed.RowVersion, "Completed"), (replay.InstanceId, replay.RowVersion, replay.Status));
        await using var context = Database.NewContext();
        Assert.Equal(1, await context.ProcessInstances.CountAsync());
        Assert.Equal(1, await context.History.CountAsync(h => h.Kind == "TaskCompleted"));
    }

    [DatabaseFact]
    public async Task ManyCommandsRacingOnOneInstance_NoneLost()
    {
        await Deployments.DeployAsync(Models.OneTask());
        var started = await Runtime.StartAsync("one");
        const int writers = 12;
        // Separate runtimes (as separate app nodes would be), all writing the same instance at once.
        await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(() => NewRuntime(maxRetries: 50).ExecuteAsync(
            started.InstanceId, new SetVariables(new Dictionary<string, object?> { ["v" + i] = (long)i })))));
        await using var context = Database.NewContext();
        var instance = await context.ProcessInstances.SingleAsync();
        Assert.Equal(1 + writers, instance.RowVersion);
        var state = InstanceStateJson.Deserialize(instance.StateJson);
        Assert.All(Enumerable.Range(0, writers), i => Assert.Equal((long)i, state.Root.Variables!["v" + i]));
    }

    [DatabaseFact]
    public async Task ManyCommandsRacingOnOneInstance_InOneRuntime_NoneLost()
    {
        // One runtime: on SQLite the commands reaching their commit together share a group commit, where the
        // losers of the row version check roll back to their savepoint and run again on fresh state.
        await Deployments.DeployAsync(Models.OneTask());
        var started = await Runtime.StartAsync("one");
        var runtime = NewRuntime(maxRetries: 50);
        const int writers = 12;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(() => runtime.ExecuteAsync(
            started.InstanceId, new SetVariables(new Dictionary<string, object?> { ["v" + i] = (long)i })))));
        await using var context = Database.NewContext();
        var instance = await context.ProcessInstances.SingleAsync();
        Assert.Equal(1 + writers, instance.RowVersion);
        var state = InstanceStateJson.Deserialize(instance.StateJson);
        Assert.All(Enumerable.Range(0, writers), i => Assert.Equal((long)i, state.Root.Variables!["v" + i]));
    }

    [DatabaseFact]
    public async Task ConcurrentCompletionsOnManyInstances_InOneRuntime_AllCommittedWithTheirRows()
    {
        await Deployments.DeployAsync(Models.OneTask());
        const int instances = 16;
        for (var i = 0; i < instances; i++)
        {
            await Runtime.StartAsync("one");
        }

        List<string> taskIds;
        await using (var context = Database.NewContext())
        {
            taskIds = await context.UserTasks.Select(t => t.Id).ToListAsync();
        }

        Assert.Equal(instances, taskIds.Count);
        var outcomes = await Task.WhenAll(taskIds.Select(id => Task.Run(() => Runtime.CompleteTaskAsync(id, userId: "budi"))));
        Assert.All(outcomes, o => Assert.Equal(("Completed", 2L), (o.Status, o.RowVersion)));
        // Completing one again is still a clear error (its row is gone, committed).
        await Assert.ThrowsAsync<NotFoundException>(() => Runtime.CompleteTaskAsync(taskIds[0]));
        await using (var context = Database.NewContext())
        {
            Assert.Empty(await context.UserTasks.ToListAsync());
            Assert.Empty(await context.TaskCandidates.ToListAsync());
            Assert.Equal(instances, await context.ProcessInstances.CountAsync(p => p.Status == "Completed"));
            Assert.Equal(instances, await context.History.CountAsync(h => h.Kind == "TaskCompleted" && h.UserId == "budi"));
            Assert.Equal(instances, await context.HistoricTasks.CountAsync(t => t.EndedAt != null && t.CompletedBy == "budi"));
            Assert.Equal(instances, await context.Outbox.CountAsync(o => o.Kind == "instance.ended"));
        }
    }

    [DatabaseFact]
    public async Task SameIdempotencyKeyConcurrently_InOneRuntime_RunsOnce()
    {
        await Deployments.DeployAsync(Models.OneTask());
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Runtime.StartAsync("one", idempotencyKey: "req-same"))));
        Assert.Single(outcomes.Select(o => o.InstanceId).Distinct());
        Assert.Single(outcomes, o => !o.Replayed);
        await using var context = Database.NewContext();
        Assert.Equal(1, await context.ProcessInstances.CountAsync());
        Assert.Equal(1, await context.CommandResults.CountAsync());
    }

    [DatabaseFact]
    public async Task TwoCompletionsOfOneTaskRacing_InOneRuntime_OneWinsOtherFailsClearly()
    {
        await Deployments.DeployAsync(Models.OneTask());
        var started = await Runtime.StartAsync("one");
        var taskId = await OnlyTaskId();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            try
            {
                await Runtime.ExecuteAsync(started.InstanceId, new CompleteTask(taskId));
                return null;
            }
            catch (EngineException error)
            {
                return error;
            }
        })));
        Assert.Single(results, r => r is null);
        Assert.Equal(3, results.Count(r => r is not null));
        await using var context = Database.NewContext();
        Assert.Equal(1, await context.History.CountAsync(h => h.Kind == "TaskCompleted"));
    }

    [DatabaseFact]
    public async Task TwoCompletionsOfOneTaskRacing_OneWinsOtherFailsClearly()
    {
        await Deployments.DeployAsync(Models.OneTask());
        var started = await Runtime.StartAsync("one");
        var taskId = await OnlyTaskId();
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            try
            {
                await NewRuntime().ExecuteAsync(started.InstanceId, new CompleteTask(taskId));
                return null;
            }
            catch (EngineException error)
            {
                return error;
            }
        })));
        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is not null);
        await using var context = Database.NewContext();
        Assert.Equal(1, await context.History.CountAsync(h => h.Kind == "TaskCompleted"));
    }

    [DatabaseFact]
    public async Task CallActivity_ChildStartsAndParentContinues_InTheSameTransactions()
    {
        await Deployments.DeployAsync(Models.OneTask());
        await Deployments.DeployAsync(Models.Parent());
        var parent = await Runtime.StartAsync("parent");
        string childTask;
        await using (var context = Database.NewContext())
        {
            var child = await context.ProcessInstances.SingleAsync(i => i.Id != parent.InstanceId);
            Assert.Equal((parent.InstanceId, "one:1"), (child.SuperInstanceId, child.DefinitionId));
            childTask = (await context.UserTasks.SingleAsync()).Id;
        }

        Restart();
        await Runtime.CompleteTaskAsync(childTask);
        await using (var context = Database.NewContext())
        {
            var after = await context.UserTasks.SingleAsync();
            Assert.Equal(("after", parent.InstanceId), (after.NodeId, after.InstanceId));
            Assert.Equal("Completed", (await context.ProcessInstances.SingleAsync(i => i.Id != parent.InstanceId)).Status);
        }
    }

    [DatabaseFact]
    public async Task CancelInstance_RemovesItsRows()
    {
        await Deployments.DeployAsync(Models.Review());
        var started = await Runtime.StartAsync("review");
        var outcome = await Runtime.ExecuteAsync(started.InstanceId, new CancelInstance("salah input"));
        Assert.Equal("Cancelled", outcome.Status);
        await using var context = Database.NewContext();
        Assert.Empty(await context.UserTasks.ToListAsync());
        Assert.Empty(await context.TaskCandidates.ToListAsync());
    }

    [DatabaseFact]
    public async Task ClaimAndUnclaim_AssigneeColumnFollows()
    {
        await Deployments.DeployAsync(Models.OneTask());
        await Runtime.StartAsync("one");
        var taskId = await OnlyTaskId();
        await Runtime.ClaimTaskAsync(taskId, "budi");
        await using (var context = Database.NewContext())
        {
            Assert.Equal("budi", (await context.UserTasks.SingleAsync()).Assignee);
            Assert.Single(await context.TaskCandidates.ToListAsync());
        }

        await Assert.ThrowsAsync<TaskConflictException>(() => Runtime.ClaimTaskAsync(taskId, "ani"));
        await Runtime.UnclaimTaskAsync(taskId, "budi");
        await using (var context = Database.NewContext())
        {
            Assert.Null((await context.UserTasks.SingleAsync()).Assignee);
        }
    }

    private async Task<string> OnlyTaskId()
    {
        await using var context = Database.NewContext();
        return (await context.UserTasks.SingleAsync()).Id;
    }
}

public sealed class SqliteCommandPathTests : CommandPathTests
{
    protected override TestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class PostgresCommandPathTests : CommandPathTests, IPostgresSuite
{
    protected override TestDatabase CreateDatabase() => new PostgresTestDatabase();
}
