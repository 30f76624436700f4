using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Tests.Api.Tasks;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Kks.Workflow.Web.Tests.Reliability;

/// <summary>
/// 50 clients (30 focal points of one OPD, 20 secretariat users, each its own HttpClient through the app's HTTP
/// pipeline) released at the same moment on the same task: claiming, reassigning and completing it. Per task exactly
/// one completion wins, the history shows it completed once (and the instance moved on once), and every other answer
/// is a success of a claim/reassign that came before the end, or a 409 that says who won; never a 404, 403 or 500.
/// </summary>
[Collection(ReliabilityTests.Name)]
public sealed class ConcurrencyTests(WebFixture app, ITestOutputHelper output)
{
    private const int Tasks = 5;
    private const int FocalPoints = 30;
    private const int Secretariat = 20;

    [Fact]
    public async Task FiftyClients_OnTheSameTasks_OneCompletionEach_LosersGet409()
    {
        var kit = new TaskKit(app);
        await kit.DeployAsync();
        var opd = "KONK" + kit.Suffix[..4].ToUpperInvariant();
        var focal = new List<(string Name, HttpClient Client)>();
        var managers = new List<(string Name, HttpClient Client)>();
        for (var i = 0; i < FocalPoints; i++)
        {
            var name = $"konk-opd-{kit.Suffix}-{i}";
            focal.Add((name, await app.UserAsync(name, "opd", opd)));
        }

        for (var i = 0; i < Secretariat; i++)
        {
            var name = $"konk-sek-{kit.Suffix}-{i}";
            managers.Add((name, await app.UserAsync(name, "sekretariat")));
        }

        var instances = new List<string>();
        for (var i = 0; i < Tasks; i++)
        {
            instances.Add(await kit.StartAsync(opd, businessKey: $"konk-{kit.Suffix}-{i}"));
        }

        var outcomes = new ConcurrentDictionary<string, int>();
        var unexpected = new ConcurrentBag<string>();
        var wins = new ConcurrentDictionary<string, int>();
        var watch = Stopwatch.StartNew();
        var random = new Random(50);
        try
        {
            foreach (var instance in instances)
            {
                // First task (Isi): focal points claim it, half the secretariat reassigns it, the other half completes it.
                var first = await kit.TaskOfAsync(instance);
                var actions = new List<Func<Task>>();
                foreach (var (name, client) in focal)
                {
                    actions.Add(() => ActAsync(client, "claim", first, $"{{\"userId\": \"{name}\"}}"));
                }

                for (var i = 0; i < managers.Count; i++)
                {
                    var client = managers[i].Client;
                    actions.Add(i % 2 == 0
                        ? () => ActAsync(client, "assignee", first, $"{{\"userId\": \"{focal[random.Next(focal.Count)].Name}\"}}")
                        : () => ActAsync(client, "complete", first, "{}"));
                }

                await RaceAsync(actions);

                // Second task (Periksa): all 50 complete it at once; focal points may, as it is offered to their OPD and unclaimed.
                var second = await kit.TaskOfAsync(instance);
                await RaceAsync(focal.Concat(managers).Select(c => (Func<Task>)(() => ActAsync(c.Client, "complete", second, "{}"))).ToList());
            }
        }
        finally
        {
            foreach (var (_, client) in focal.Concat(managers))
            {
                client.Dispose();
            }
        }

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var historic = await db.HistoricTasks.AsNoTracking().Where(t => instances.Contains(t.InstanceId)).ToListAsync();
        var completedLines = await db.History.AsNoTracking().Where(h => instances.Contains(h.InstanceId) && h.Kind == "TaskCompleted").CountAsync();
        var ended = await db.ProcessInstances.AsNoTracking().Where(i => instances.Contains(i.Id) && i.EndedAt != null).CountAsync();
        var total = outcomes.Values.Sum();
        Counts.Print(output, $"Concurrency: {FocalPoints + Secretariat} clients, {Tasks * 2} tasks, {total} requests " +
            $"({string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}), {wins.Count} completions won, " +
            $"{historic.Count} historic tasks, {completedLines} completion history lines, {ended} instances ended, {watch.Elapsed.TotalSeconds:0.0} s");

        Assert.True(unexpected.IsEmpty, string.Join("\n", unexpected.Take(20)));
        Assert.Equal(Tasks * 2, historic.Count); // one Isi and one Periksa per instance: no task created twice
        Assert.All(historic, t => Assert.Equal(HistoricTaskRecord.Completed, t.EndReason));
        Assert.All(historic, t => Assert.Equal(1, wins.GetValueOrDefault(t.Id)));
        Assert.Equal(Tasks * 2, completedLines);
        Assert.Equal(Tasks, ended);

        async Task ActAsync(HttpClient client, string action, string taskId, string body)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await client.PostAsync($"/engine-rest/task/{taskId}/{action}", content);
            var status = (int)response.StatusCode;
            outcomes.AddOrUpdate($"{action} {status}", 1, (_, n) => n + 1);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                if (action == "complete")
                {
                    wins.AddOrUpdate(taskId, 1, (_, n) => n + 1);
                }

                return;
            }

            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Conflict || !text.Contains("\"type\"", StringComparison.Ordinal))
            {
                unexpected.Add($"{action} {taskId}: {status} {text}");
            }
        }
    }

    /// <summary>Starts every action, then releases them together so they hit the task at the same moment.</summary>
    private static async Task RaceAsync(List<Func<Task>> actions)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = actions.Select(async action =>
        {
            await gate.Task;
            await action();
        }).ToList();
        gate.SetResult();
        await Task.WhenAll(running);
    }
}
