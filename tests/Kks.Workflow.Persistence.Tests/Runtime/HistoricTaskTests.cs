using Kks.Workflow.Engine;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Tests.Runtime;

/// <summary>historic_tasks and its candidates follow user_tasks in the command's own transaction.</summary>
public abstract class HistoricTaskTests : RuntimeSuite
{
    [DatabaseFact]
    public async Task CreateClaimRegroupComplete_HistoricRowFollowsEachCommand()
    {
        await Deployments.DeployAsync(Models.OneTask("hist_one", "dinkes"));
        var instanceId = (await Runtime.StartAsync("hist_one", businessKey: "KKS-H", userId: "sekretariat")).InstanceId;
        string taskId;
        await using (var context = Database.NewContext())
        {
            var row = await context.HistoricTasks.Include(t => t.Candidates).SingleAsync(t => t.InstanceId == instanceId);
            Assert.Equal(("hist_one", "hist_one:1", "KKS-H", "t", "Tugas", Start), (row.ProcessKey, row.DefinitionId, row.BusinessKey, row.NodeId, row.Name, row.CreatedAt));
            Assert.StartsWith("t:", row.ActivityInstanceId, StringComparison.Ordinal);
            Assert.Null(row.EndedAt);
            Assert.Equal((CandidateKind.Group, "dinkes"), Assert.Single(row.Candidates.Select(c => (c.Kind, c.Value))));
            taskId = row.Id;
        }

        Clock.Advance(TimeSpan.FromHours(1));
        await Runtime.ClaimTaskAsync(taskId, "budi");
        await Runtime.ExecuteAsync(instanceId, new UpdateTask(taskId) { CandidateGroups = ["sekda"], Priority = 70 });
        Clock.Advance(TimeSpan.FromHours(2));
        await Runtime.CompleteTaskAsync(taskId, userId: "budi");
        await using (var context = Database.NewContext())
        {
            var row = await context.HistoricTasks.Include(t => t.Candidates).SingleAsync(t => t.Id == taskId);
            Assert.Equal(("budi", "budi", 70, Start.AddHours(3), HistoricTaskRecord.Completed, "budi"),
                (row.Assignee, row.Owner, row.Priority, row.EndedAt, row.EndReason, row.CompletedBy));
            // The candidates as they stood at the end (the end time is the task's own: 0015).
            Assert.Equal((CandidateKind.Group, "sekda"), Assert.Single(row.Candidates.Select(c => (c.Kind, c.Value))));
            Assert.Equal([taskId], await context.HistoricTaskCandidates.Where(c => c.Kind == CandidateKind.Group && c.Value == "sekda")
                .Where(c => context.HistoricTasks.Any(t => t.Id == c.TaskId && t.EndedAt != null)).Select(c => c.TaskId).ToListAsync());
            var started = await context.History.SingleAsync(h => h.InstanceId == instanceId && h.Kind == "ActivityStarted" && h.NodeId == "t");
            Assert.Equal(("Tugas", row.ActivityInstanceId), (started.NodeName, started.ActivityInstanceId));
            Assert.Single(await context.History.Where(h => h.ActivityInstanceId == row.ActivityInstanceId && h.Kind == "ActivityCompleted").ToListAsync());
        }
    }

    [DatabaseFact]
    public async Task CancelInstance_HistoricTaskDeletedWithReason()
    {
        await Deployments.DeployAsync(Models.OneTask("hist_cancel", "dinkes"));
        var instanceId = (await Runtime.StartAsync("hist_cancel")).InstanceId;
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Runtime.ExecuteAsync(instanceId, new CancelInstance("salah mulai"));
        await using var context = Database.NewContext();
        var row = await context.HistoricTasks.Include(t => t.Candidates).SingleAsync(t => t.InstanceId == instanceId);
        Assert.Equal((Start.AddMinutes(5), "deleted: salah mulai", (string?)null), (row.EndedAt, row.EndReason, row.CompletedBy));
        Assert.Equal("dinkes", Assert.Single(row.Candidates).Value);
    }
}

public sealed class SqliteHistoricTaskTests : HistoricTaskTests
{
    protected override TestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class PostgresHistoricTaskTests : HistoricTaskTests, IPostgresSuite
{
    protected override TestDatabase CreateDatabase() => new PostgresTestDatabase();
}

/// <summary>Migration 0005 copies the open tasks of an existing database, so their later commands find their historic row.</summary>
public abstract class HistoricTaskBackfillTests : DatabaseSuite
{
    [DatabaseFact]
    public async Task UpgradeWithOpenTask_HistoricRowAndCandidatesCopied()
    {
        await Database.MigrateAsync(toVersion: 3);
        var started = new DateTimeOffset(2025, 1, 6, 8, 0, 0, TimeSpan.FromHours(7));
        await using (var context = Database.NewContext())
        {
            context.ProcessInstances.Add(new() { Id = "pi1", DefinitionId = "p:1", ProcessKey = "p", BusinessKey = "KKS-1", Status = "Active", StateJson = "{}", StartedAt = started });
            context.UserTasks.Add(new() { Id = "pi1-2", InstanceId = "pi1", ExecutionId = "pi1-1", NodeId = "t", Name = "Unggah", Assignee = "budi", Priority = 60, CreatedAt = started, DueAt = started.AddDays(3), Candidates = [new() { TaskId = "pi1-2", Value = "dinkes", SortDue = started.AddDays(3) }] });
            await context.SaveChangesAsync();
        }

        await Database.MigrateAsync();
        await using (var context = Database.NewContext())
        {
            var row = await context.HistoricTasks.Include(t => t.Candidates).SingleAsync();
            Assert.Equal(("pi1-2", "p", "p:1", "KKS-1", "Unggah", "budi", 60, started, started.AddDays(3), (DateTimeOffset?)null),
                (row.Id, row.ProcessKey, row.DefinitionId, row.BusinessKey, row.Name, row.Assignee, row.Priority, row.CreatedAt, row.DueAt, row.EndedAt));
            Assert.Equal("dinkes", Assert.Single(row.Candidates).Value);
        }
    }
}

public sealed class SqliteHistoricTaskBackfillTests : HistoricTaskBackfillTests
{
    protected override TestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class PostgresHistoricTaskBackfillTests : HistoricTaskBackfillTests, IPostgresSuite
{
    protected override TestDatabase CreateDatabase() => new PostgresTestDatabase();
}
