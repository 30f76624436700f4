using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Hosting;
using Kks.Workflow.Web.Notifications.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kks.Workflow.Web.Tests.Notifications.Mail;

/// <summary>
/// The mail pieces without the web host: a migrated SQLite file in a temp folder, the real sink (audience
/// resolution, templates) and an outbox dispatcher on a manual clock, sending through SMTP or the pickup folder.
/// </summary>
public sealed class MailTestBed : IAsyncDisposable
{
    public const string BaseUrl = "https://kks.example.go.id";

    public static readonly DateTimeOffset Start = new(2023, 3, 21, 7, 30, 0, TimeSpan.FromHours(7));

    private MailTestBed(string folder, DbContextOptions<WorkflowDbContext> options)
    {
        Folder = folder;
        Options = options;
    }

    public string Folder { get; }

    public DbContextOptions<WorkflowDbContext> Options { get; }

    public ManualTimeProvider Clock { get; } = new(Start);

    public MailOptions Mail { get; } = new() { FromAddress = "kks@kampar.example.go.id", FromName = "Sekretariat KKS" };

    public static async Task<MailTestBed> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kks-mail-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var options = WorkflowDatabase.CreateOptions(new PersistenceOptions { DataDirectory = folder, SqliteSynchronous = SqliteSynchronous.Normal });
        await using (var context = new WorkflowDbContext(options))
        {
            await SchemaMigrator.MigrateAsync(context);
        }

        return new MailTestBed(folder, options);
    }

    internal MailOutboxSink Sink(IMailTransport transport) => new(
        new AudienceResolver(Options), transport, Mail,
        Microsoft.Extensions.Options.Options.Create(new AppOptions { RegencyName = "Kabupaten Kampar", PublicBaseUrl = BaseUrl + "/" }),
        new EngineOptions { TimeZone = Zones.Jakarta }, Options, NullLogger<MailOutboxSink>.Instance);

    internal IMailTransport Smtp(int port) => new SmtpTransport(new MailOptions
    {
        FromAddress = Mail.FromAddress,
        FromName = Mail.FromName,
        Delivery = "Smtp",
        Smtp = new SmtpSettings { Host = "127.0.0.1", Port = port, StartTls = false, Timeout = TimeSpan.FromSeconds(5) },
    }, Clock);

    internal OutboxDispatcher Dispatcher(IOutboxSink sink, int maxAttempts = 5) =>
        new(Options, sink, Clock, "mail-test") { MaxAttempts = maxAttempts, BaseBackoff = TimeSpan.FromSeconds(30), MaxBackoff = TimeSpan.FromHours(1), BatchSize = 100 };

    /// <summary>Runs the dispatcher until no row is due now; returns how many rows were delivered.</summary>
    public async Task<int> DrainAsync(OutboxDispatcher dispatcher)
    {
        var total = 0;
        while (true)
        {
            var now = Clock.GetUtcNow();
            await using (var context = new WorkflowDbContext(Options))
            {
                if (!await context.Outbox.AnyAsync(o => o.DeliveredAt == null && o.DeadAt == null && o.NextAttemptAt <= now))
                {
                    return total;
                }
            }

            total += await dispatcher.RunOnceAsync();
        }
    }

    public async Task AddOpdAsync(string code, string name, string? headName = null, string? headEmail = null)
    {
        await using var context = new WorkflowDbContext(Options);
        context.Opds.Add(new OpdRecord { Code = code, Name = name, HeadName = headName, HeadEmail = headEmail });
        await context.SaveChangesAsync();
    }

    public async Task AddUserAsync(string userName, string email, string? opd = null, string language = "id", string? displayName = null)
    {
        await using var context = new WorkflowDbContext(Options);
        context.Users.Add(new UserAccount
        {
            Id = Guid.NewGuid().ToString("N"), UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), Email = email,
            NormalizedEmail = email.ToUpperInvariant(), OpdCode = opd, Language = language, DisplayName = displayName ?? userName,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        });
        await context.SaveChangesAsync();
    }

    public async Task AddLeaderAsync(string role, string name, string? email, string? userName = null)
    {
        await using var context = new WorkflowDbContext(Options);
        context.Leaders.Add(new LeaderRecord { Role = role, Name = name, Email = email, UserName = userName });
        await context.SaveChangesAsync();
    }

    public async Task AddOutboxAsync(string kind, string key, object payload)
    {
        await using var context = new WorkflowDbContext(Options);
        context.Outbox.Add(Row(kind, key, payload, Clock.GetUtcNow()));
        await context.SaveChangesAsync();
    }

    public static OutboxRecord Row(string kind, string key, object payload, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid().ToString("N"), IdempotencyKey = key, Kind = kind, PayloadJson = JsonSerializer.Serialize(payload), CreatedAt = now, NextAttemptAt = now,
    };

    public async Task<List<OutboxRecord>> OutboxAsync()
    {
        await using var context = new WorkflowDbContext(Options);
        return await context.Outbox.AsNoTracking().OrderBy(o => o.CreatedAt).ToListAsync();
    }

    /// <summary>A deadline row as the deadline engineer writes it (contract: kind deadline).</summary>
    public static object Deadline(string taskId, string taskName, string opd, string step, int workingDaysFromDue, DateTimeOffset due, string[] to, string? assignee = null) => new
    {
        policy = "standar",
        step,
        workingDaysFromDue,
        to,
        taskId,
        taskName,
        taskDefinitionKey = "T2_3",
        processInstanceId = "pi-" + taskId,
        processDefinitionKey = "kks-opd",
        businessKey = "KKS-2023",
        candidateGroups = new[] { opd },
        assignee,
        due = due.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string DeadlineKey(string taskId, DateTimeOffset due, int step) =>
        $"deadline:{taskId}:{due.ToUniversalTime():yyyyMMddHHmm}:{step}";

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Task.Yield();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
