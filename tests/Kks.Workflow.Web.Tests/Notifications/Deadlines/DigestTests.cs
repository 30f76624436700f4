using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Notifications.Calendar;
using Kks.Workflow.Web.Notifications.Digests;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kks.Workflow.Web.Tests.Notifications.Deadlines.DeadlineKit;

namespace Kks.Workflow.Web.Tests.Notifications.Deadlines;

/// <summary>
/// The working-morning digests on a database of their own (the shared app's database holds every test's tasks):
/// Monday 27 March 2023, after Nyepi week, two OPDs with open tasks, some overdue.
/// </summary>
public abstract class DigestTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Morning = new(2023, 3, 27, 7, 30, 0, Wib);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kks-digest-tests-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _clock = new(Morning);
    private DbContextOptions<WorkflowDbContext> _options = null!;
    private EngineOptions _engine = null!;

    /// <summary>The database the digests are written to: a SQLite file in <paramref name="directory"/>, or a PostgreSQL schema.</summary>
    protected abstract Task<PersistenceOptions> CreateDatabaseAsync(string directory);

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _options = WorkflowDatabase.CreateOptions(await CreateDatabaseAsync(_directory));
        await using var context = new WorkflowDbContext(_options);
        await SchemaMigrator.MigrateAsync(context);
        context.Opds.AddRange(new() { Code = "DINKES", Name = "Dinas Kesehatan" }, new() { Code = "DISHUB", Name = "Dinas Perhubungan" });
        await context.SaveChangesAsync();
        var calendar = new HolidayCalendar();
        calendar.Replace(HolidayFile.Load().Select(e => e.Date));
        _engine = new EngineOptions { Calendar = calendar };
    }

    public async Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await DropDatabaseAsync();
        Directory.Delete(_directory, recursive: true);
    }

    protected async Task WorkingMorning_OneLeadersDigestAndOnePerOpd_ThenNothingTheSecondTimeBody()
    {
        var tasks = await StartTasksAsync();
        var writer = new DigestWriter(_options, _engine, _clock);

        Assert.Equal(3, await writer.WriteAsync(new DateOnly(2023, 3, 27), default));
        Assert.Equal(0, await writer.WriteAsync(new DateOnly(2023, 3, 27), default)); // a restart, or the job run twice

        var rows = await DigestsAsync();
        Assert.Equal(["digest:opd:2023-03-27:DINKES", "digest:opd:2023-03-27:DISHUB", "digest:pimpinan:2023-03-27:all"], rows.Keys.Order(StringComparer.Ordinal));

        var leaders = rows["digest:pimpinan:2023-03-27:all"];
        Assert.Equal(("2023-03-27", "pimpinan"), (leaders.GetProperty("date").GetString(), leaders.GetProperty("type").GetString()));
        Assert.Equal(["role:pimpinan", "leader:*"], Strings(leaders.GetProperty("to")));
        Assert.Equal(["DINKES Dinas Kesehatan 2 1", "DISHUB Dinas Perhubungan 2 1"], leaders.GetProperty("opds").EnumerateArray()
            .Select(o => $"{o.GetProperty("code").GetString()} {o.GetProperty("name").GetString()} {o.GetProperty("open").GetInt32()} {o.GetProperty("overdue").GetInt32()}"));
        // The overdue list, most late first: 17 March is 4 working days late on 27 March (Nyepi and its cuti bersama not counted).
        Assert.Equal([$"{tasks["D"]} DISHUB 2023-03-17T16:00:00+07:00 4 KKS-D", $"{tasks["A"]} DINKES 2023-03-24T16:00:00+07:00 1 KKS-A"], Lines(leaders));

        var dinkes = rows["digest:opd:2023-03-27:DINKES"];
        Assert.Equal(["group:DINKES"], Strings(dinkes.GetProperty("to")));
        Assert.Equal([$"{tasks["A"]} DINKES 2023-03-24T16:00:00+07:00 1 KKS-A", $"{tasks["B"]} DINKES 2023-03-31T16:00:00+07:00 0 KKS-B"], Lines(dinkes));
        Assert.Equal(2, rows["digest:opd:2023-03-27:DISHUB"].GetProperty("tasks").GetArrayLength());
    }

    protected async Task TwoNodesAtOnce_WriteEachDigestOnceBody()
    {
        await StartTasksAsync();
        var writers = Enumerable.Range(0, 4).Select(_ => new DigestWriter(_options, _engine, _clock)).ToList();
        var day = new DateOnly(2023, 3, 28);

        var written = await Task.WhenAll(writers.Select(w => Task.Run(() => w.WriteAsync(day, default))));

        Assert.Equal(3, written.Sum());
        Assert.Equal(3, (await DigestsAsync()).Count);
    }

    protected async Task DayOff_OrNothingOpen_WritesNothingBody()
    {
        var writer = new DigestWriter(_options, _engine, _clock);
        Assert.Equal(0, await writer.WriteAsync(new DateOnly(2023, 3, 29), default)); // nothing open: never an empty digest

        await StartTasksAsync();
        Assert.Equal(0, await writer.WriteAsync(new DateOnly(2023, 3, 22), default)); // Nyepi
        Assert.Equal(0, await writer.WriteAsync(new DateOnly(2023, 3, 25), default)); // Saturday
        Assert.Empty(await DigestsAsync());
    }

    /// <summary>A (DINKES, due Fri 24 March), B (DINKES, 31 March), C (DISHUB, 30 March), D (DISHUB, 17 March); returns their task ids.</summary>
    private async Task<Dictionary<string, string>> StartTasksAsync()
    {
        var cache = new ProcessDefinitionCache();
        var key = "digest_" + Guid.NewGuid().ToString("N")[..6];
        await new DeploymentService(_options, cache, _clock).DeployAsync(TestBpmn.Process(key,
            """<bpmn:startEvent id="s"/><bpmn:userTask id="t" name="Unggah bukti" camunda:candidateGroups="${opd}" camunda:dueDate="${due}"/><bpmn:endEvent id="e"/>""" +
            TestBpmn.Flows("s", "t", "e")), key);
        var runtime = new WorkflowRuntime(_options, cache, _clock, new PersistenceOptions(), _engine);
        var ids = new Dictionary<string, string>();
        foreach (var (name, opd, day) in new[] { ("A", "DINKES", 24), ("B", "DINKES", 31), ("C", "DISHUB", 30), ("D", "DISHUB", 17) })
        {
            var instance = (await runtime.StartAsync(key, new Dictionary<string, object?> { ["opd"] = opd, ["due"] = new DateTimeOffset(2023, 3, day, 16, 0, 0, Wib) }, "KKS-" + name)).InstanceId;
            await using var context = new WorkflowDbContext(_options);
            ids[name] = (await context.UserTasks.SingleAsync(t => t.InstanceId == instance)).Id;
        }

        return ids;
    }

    private async Task<Dictionary<string, JsonElement>> DigestsAsync()
    {
        await using var context = new WorkflowDbContext(_options);
        var rows = await context.Outbox.AsNoTracking().Where(o => o.Kind == "digest").ToListAsync();
        return rows.ToDictionary(r => r.IdempotencyKey, r => JsonDocument.Parse(r.PayloadJson).RootElement.Clone(), StringComparer.Ordinal);
    }

    private static List<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()).ToList();

    private static IEnumerable<string> Lines(JsonElement digest) => digest.GetProperty("tasks").EnumerateArray().Select(t =>
        $"{t.GetProperty("taskId").GetString()} {t.GetProperty("opd").GetString()} {t.GetProperty("due").GetString()} {t.GetProperty("workingDaysOverdue").GetInt32()} {t.GetProperty("businessKey").GetString()}");
}

public sealed class SqliteDigestTests : DigestTests
{
    protected override Task<PersistenceOptions> CreateDatabaseAsync(string directory) =>
        Task.FromResult(new PersistenceOptions { DataDirectory = directory });

    [Fact]
    public Task WorkingMorning_OneLeadersDigestAndOnePerOpd_ThenNothingTheSecondTime() => WorkingMorning_OneLeadersDigestAndOnePerOpd_ThenNothingTheSecondTimeBody();

    [Fact]
    public Task TwoNodesAtOnce_WriteEachDigestOnce() => TwoNodesAtOnce_WriteEachDigestOnceBody();

    [Fact]
    public Task DayOff_OrNothingOpen_WritesNothing() => DayOff_OrNothingOpen_WritesNothingBody();
}

/// <summary>The same on PostgreSQL (several app nodes share one database there): a fresh schema in KKS_TEST_POSTGRES.</summary>
public sealed class PostgresDigestTests : DigestTests
{
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N");

    private static string? ConnectionString => Environment.GetEnvironmentVariable("KKS_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    protected override async Task<PersistenceOptions> CreateDatabaseAsync(string directory)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"CREATE SCHEMA {_schema}", connection);
        await command.ExecuteNonQueryAsync();
        return new PersistenceOptions
        {
            Provider = DatabaseProvider.PostgreSql,
            PostgresConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = _schema }.ToString(),
        };
    }

    protected override async Task DropDatabaseAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }

    [PostgresFact]
    public Task WorkingMorning_OneLeadersDigestAndOnePerOpd_ThenNothingTheSecondTime() => WorkingMorning_OneLeadersDigestAndOnePerOpd_ThenNothingTheSecondTimeBody();

    [PostgresFact]
    public Task TwoNodesAtOnce_WriteEachDigestOnce() => TwoNodesAtOnce_WriteEachDigestOnceBody();

    [PostgresFact]
    public Task DayOff_OrNothingOpen_WritesNothing() => DayOff_OrNothingOpen_WritesNothingBody();
}

/// <summary>Skipped, with the reason, when KKS_TEST_POSTGRES is unset (as the persistence suite does).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KKS_TEST_POSTGRES")))
        {
            Skip = "KKS_TEST_POSTGRES is not set: run `eval \"$(.ci/start-postgres.sh)\"` first.";
        }
    }
}
