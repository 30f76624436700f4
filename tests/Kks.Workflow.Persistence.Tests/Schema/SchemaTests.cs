using Kks.Workflow.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Tests.Schema;

public abstract class SchemaTests : DatabaseSuite
{
    [DatabaseFact]
    public async Task MigrateEmptyDatabase_SchemaEqualsModel()
    {
        await Database.MigrateAsync();
        await using var context = Database.NewContext();
        var expected = SchemaReader.FromModel(context);
        var actual = await SchemaReader.FromDatabaseAsync(context);
        Assert.Contains("index ix_task_candidates_inbox on task_candidates(kind,value,sort_due,task_id)", expected);
        Assert.True(expected.Count > 100, "the model yields the whole schema");
        Assert.Equal(string.Join("\n", expected), string.Join("\n", actual));
        Assert.Equal(SchemaMigrator.Scripts(Database.IsSqlite).Max(s => s.Version), await CurrentVersion(context));
    }

    [DatabaseFact]
    public async Task MigrateTwice_SecondRunAppliesNothing()
    {
        await using var context = Database.NewContext();
        Assert.NotEmpty(await SchemaMigrator.MigrateAsync(context));
        Assert.Empty(await SchemaMigrator.MigrateAsync(context));
    }

    [DatabaseFact]
    public async Task AScriptMissingBelowTheHighest_IsAppliedToo()
    {
        // A database migrated while a lower-numbered script was still on another branch: it has 7 but not 6.
        await Database.MigrateAsync(toVersion: 5);
        await using var context = Database.NewContext();
        var seven = SchemaMigrator.Scripts(Database.IsSqlite).Single(s => s.Version == 7);
        await context.Database.OpenConnectionAsync();
        await using (var command = context.Database.GetDbConnection().CreateCommand())
        {
            command.CommandText = seven.Sql + ";\nINSERT INTO schema_version (version, name, applied_at) VALUES (7, 'seven', 'now')";
            await command.ExecuteNonQueryAsync();
        }

        await context.Database.CloseConnectionAsync();

        var applied = await SchemaMigrator.MigrateAsync(context);

        Assert.Equal(6, applied[0]);
        Assert.DoesNotContain(7, applied);
        Assert.Equal(string.Join("\n", SchemaReader.FromModel(context)), string.Join("\n", await SchemaReader.FromDatabaseAsync(context)));
    }

    [DatabaseFact]
    public async Task UpgradeFromFirstVersionWithData_DataIntact()
    {
        await Database.MigrateAsync(toVersion: 1);
        var started = new DateTimeOffset(2025, 1, 6, 8, 0, 0, TimeSpan.FromHours(7));
        await using (var context = Database.NewContext())
        {
            context.ProcessInstances.Add(new() { Id = "pi1", DefinitionId = "p:1", ProcessKey = "p", Status = "Active", StateJson = "{\"id\":\"pi1\"}", RowVersion = 3, StartedAt = started });
            context.UserTasks.Add(new() { Id = "pi1-2", InstanceId = "pi1", ExecutionId = "pi1-1", NodeId = "t", Name = "Unggah bukti", CreatedAt = started, Candidates = [new() { TaskId = "pi1-2", Value = "dinkes", SortDue = started }] });
            await context.SaveChangesAsync();
        }

        await Database.MigrateAsync();
        await using (var context = Database.NewContext())
        {
            var instance = await context.ProcessInstances.SingleAsync();
            Assert.Equal(("pi1", 3L, started), (instance.Id, instance.RowVersion, instance.StartedAt));
            var task = await context.UserTasks.Include(t => t.Candidates).SingleAsync();
            Assert.Equal("Unggah bukti", task.Name);
            Assert.Equal("dinkes", Assert.Single(task.Candidates).Value);
            Assert.Equal(SchemaMigrator.Scripts(Database.IsSqlite).Max(s => s.Version), await CurrentVersion(context));
            Assert.Empty(await context.Outbox.ToListAsync());
        }
    }

    /// <summary>
    /// The task-end UPDATE of historic_tasks (ended_at, end_reason, completed_by) touches no indexed column, in an
    /// index's key or its filter, so PostgreSQL can make it a HOT update (no index entry written), on a page with room
    /// (fillfactor 80); and the candidates' end-time copy is gone (0015). The schema-equals-model test does not see
    /// index filters or storage parameters: this one reads the index definitions as the database has them.
    /// </summary>
    [DatabaseFact]
    public async Task TaskEndColumns_AreInNoIndex()
    {
        await Database.MigrateAsync();
        await using var context = Database.NewContext();
        Assert.DoesNotContain(await SchemaReader.FromDatabaseAsync(context), line => line.StartsWith("historic_task_candidates.ended_at", StringComparison.Ordinal));
        await context.Database.OpenConnectionAsync();
        try
        {
            var definitions = await Texts(context, Database.IsSqlite
                ? "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'historic_tasks' AND sql IS NOT NULL"
                : "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'historic_tasks'");
            Assert.Contains(definitions, d => d.Contains("assignee", StringComparison.Ordinal));
            Assert.All(definitions, d => Assert.DoesNotMatch("ended_at|end_reason|completed_by", d));
            if (!Database.IsSqlite)
            {
                Assert.Equal(["fillfactor=80"], await Texts(context,
                    "SELECT unnest(reloptions) FROM pg_class WHERE oid = (current_schema() || '.historic_tasks')::regclass"));
            }
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<string>> Texts(WorkflowDbContext context, string sql)
    {
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var texts = new List<string>();
        while (await reader.ReadAsync())
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }

    private static async Task<int> CurrentVersion(WorkflowDbContext context)
    {
        await context.Database.OpenConnectionAsync();
        try
        {
            return await SchemaMigrator.CurrentVersionAsync(context);
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }
}

public sealed class SqliteSchemaTests : SchemaTests
{
    protected override TestDatabase CreateDatabase() => new SqliteTestDatabase();

    [Fact]
    public async Task EveryConnection_HasWalFullSyncAndBusyTimeout()
    {
        await Database.MigrateAsync();
        await using var context = Database.NewContext();
        await context.Database.OpenConnectionAsync();
        Assert.Equal("wal", await Pragma(context, "journal_mode"));
        Assert.Equal("2", await Pragma(context, "synchronous")); // 2 = FULL
        Assert.Equal("30000", await Pragma(context, "busy_timeout"));
        Assert.True(File.Exists(Path.Combine(Database.Options.DataDirectory, Database.Options.SqliteFileName)));
    }

    private static async Task<string?> Pragma(WorkflowDbContext context, string name)
    {
        using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class PostgresSchemaTests : SchemaTests, IPostgresSuite
{
    protected override TestDatabase CreateDatabase() => new PostgresTestDatabase();
}
