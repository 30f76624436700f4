using System.Diagnostics;
using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Pages.KotakMasuk;
using Kks.Workflow.Web.Tests.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Kks.Workflow.Web.Tests.Pages;

/// <summary>
/// On demand (KKS_INBOX_SCALE=1): the inbox's reads on 100,000 open tasks over 18 OPDs, in its own SQLite database.
/// Prints the figures the README quotes; asserts only that the pages are right, never a time (the machine is shared).
/// </summary>
public sealed class InboxScaleFigures(ITestOutputHelper output)
{
    private const int Tasks = 100_000;
    private const int Opds = 18;

    [Fact]
    public async Task Inbox_On100000Tasks_Figures()
    {
        if (Environment.GetEnvironmentVariable("KKS_INBOX_SCALE") != "1")
        {
            return;
        }

        await using var factory = new BrowserWebFactory();
        factory.Start();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var now = factory.Clock.GetUtcNow();
        await SeedAsync(db, now);

        var inbox = scope.ServiceProvider.GetRequiredService<InboxQuery>();
        var focal = new Caller("opd.k07", new HashSet<string> { "opd" }, "K07");
        var secretariat = new Caller("sekretariat", new HashSet<string> { "sekretariat" }, null);
        foreach (var (who, caller) in new[] { ("opd (one OPD, ~5,500 tasks)", focal), ("sekretariat (all 100,000)", secretariat) })
        {
            foreach (var group in InboxQuery.GroupsFor(caller))
            {
                foreach (var sort in new[] { InboxSorts.Due, InboxSorts.Priority })
                {
                    var request = new InboxRequest(group, null, null, sort, null);
                    await inbox.ReadAsync(caller, request, default); // warm
                    var clock = Stopwatch.StartNew();
                    var first = await inbox.ReadAsync(caller, request, default);
                    var firstMs = clock.Elapsed.TotalMilliseconds;
                    string? after = first.Next;
                    for (var page = 0; page < 20 && after is not null; page++)
                    {
                        after = (await inbox.ReadAsync(caller, request with { After = after }, default)).Next;
                    }

                    clock.Restart();
                    var deep = after is null ? null : await inbox.ReadAsync(caller, request with { After = after }, default);
                    output.WriteLine($"{who,-28} {group,-10} {sort,-10} page 1 with counts: {firstMs,7:0.0} ms   page 22: {(deep is null ? "-" : clock.Elapsed.TotalMilliseconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)),7} ms   counts: {string.Join(" ", first.Counts.Select(c => $"{c.Key}={c.Value}"))}");
                    Assert.True(first.Rows.Count <= 25);
                }
            }
        }

        var searchClock = Stopwatch.StartNew();
        var found = await inbox.ReadAsync(secretariat, new InboxRequest(InboxGroups.All, "kks-77777", null, InboxSorts.Due, null), default);
        output.WriteLine($"search by business key (sekretariat, 100,000): {searchClock.Elapsed.TotalMilliseconds:0.0} ms, {found.Rows.Count} row(s)");
        Assert.Single(found.Rows);
    }

    /// <summary>100,000 open tasks straight into the tables (through the engine it would take minutes): a third overdue, one in ten assigned.</summary>
    private static async Task SeedAsync(WorkflowDbContext db, DateTimeOffset now)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = """
            INSERT INTO process_instances (id, definition_id, process_key, business_key, status, state_json, row_version, started_at)
              VALUES ($id, 'skala:1', 'skala', $key, 'Active', '{}', 1, $created);
            INSERT INTO user_tasks (id, instance_id, execution_id, node_id, name, assignee, due_at, priority, created_at)
              VALUES ($id, $id, $id, 'isi', $name, $assignee, $due, $priority, $created);
            INSERT INTO task_candidates (task_id, kind, value, sort_due) VALUES ($id, 0, $opd, $due);
            """;
        var id = command.CreateParameter(); id.ParameterName = "$id"; command.Parameters.Add(id);
        var key = command.CreateParameter(); key.ParameterName = "$key"; command.Parameters.Add(key);
        var name = command.CreateParameter(); name.ParameterName = "$name"; command.Parameters.Add(name);
        var assignee = command.CreateParameter(); assignee.ParameterName = "$assignee"; command.Parameters.Add(assignee);
        var due = command.CreateParameter(); due.ParameterName = "$due"; command.Parameters.Add(due);
        var priority = command.CreateParameter(); priority.ParameterName = "$priority"; command.Parameters.Add(priority);
        var created = command.CreateParameter(); created.ParameterName = "$created"; command.Parameters.Add(created);
        var opd = command.CreateParameter(); opd.ParameterName = "$opd"; command.Parameters.Add(opd);
        for (var i = 0; i < Tasks; i++)
        {
            var o = i % Opds;
            id.Value = $"t{i:000000}";
            key.Value = $"KKS-{i:00000}";
            name.Value = $"Lengkapi dokumen T{i % 9 + 1}.{i % 17 + 1}";
            assignee.Value = i % 10 == 0 ? $"opd.k{o:00}" : DBNull.Value;
            due.Value = now.AddHours((i % 600) - 200).UtcTicks;
            priority.Value = i % 100;
            created.Value = now.AddMinutes(-i).UtcTicks;
            opd.Value = $"K{o:00}";
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }
}
