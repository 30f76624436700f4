using System.Net;
using System.Text.Json;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kks.Workflow.Web.Tests.Notifications.Deadlines.DeadlineKit;

namespace Kks.Workflow.Web.Tests.Notifications.Deadlines;

/// <summary>
/// The ladder in the running app: the engine reads the policies and the calendar file through the host, arms the
/// steps on the working days of March-April 2023, the admin's "run now" fires one into a deadline outbox row, and a
/// due-date change through the REST API re-arms.
/// </summary>
[Collection(WebTests.Name)]
public sealed class LadderWebTests(WebFixture app)
{
    private static readonly DateTimeOffset Due = new(2023, 3, 24, 16, 0, 0, Wib);

    [Fact]
    public async Task StandardLadder_ArmedOnTheFileCalendarsWorkingDays_FiresIntoTheOutbox_AndRearmsOnANewDueDate()
    {
        var key = Unique("ladder_");
        await app.Services.GetRequiredService<DeploymentService>().DeployAsync(LadderProcess(key, "standar"), key);
        var instance = (await app.Services.GetRequiredService<WorkflowRuntime>().StartAsync(key, new Dictionary<string, object?> { ["due"] = Due }, "KKS-2023-" + key)).InstanceId;

        Assert.Equal(["03-17 16:00", "03-21 16:00", "03-24 16:00", "03-27 16:00", "03-31 16:00", "04-10 16:00"], await TimersAsync(instance));

        using var admin = app.Admin();
        var first = await FirstTimerIdAsync(instance);
        await SendAsync(admin, HttpMethod.Post, $"/engine-rest/job/{first}/execute", null, HttpStatusCode.NoContent);
        var row = await OutboxAsync(instance);
        var taskId = row.Payload.GetProperty("taskId").GetString();
        Assert.Equal($"deadline:{taskId}:202303241600:0", row.Key);
        Assert.Equal(("pengingat", -3, "KKS-2023-" + key), (row.Payload.GetProperty("step").GetString(), row.Payload.GetProperty("workingDaysFromDue").GetInt32(), row.Payload.GetProperty("businessKey").GetString()));

        // One more week, through the Camunda API: the ladder is re-armed from Friday 31 March.
        await SendAsync(admin, HttpMethod.Put, $"/engine-rest/task/{taskId}",
            """{"name": "Lengkapi dokumen T2.3", "due": "2023-03-31T16:00:00.000+0700", "priority": 50}""", HttpStatusCode.NoContent);
        Assert.Equal(["03-28 16:00", "03-30 16:00", "03-31 16:00", "04-03 16:00", "04-10 16:00", "04-17 16:00"], await TimersAsync(instance));
    }

    private async Task<List<string>> TimersAsync(string instance)
    {
        using var scope = app.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var due = await context.Timers.AsNoTracking().Where(t => t.InstanceId == instance).Select(t => t.DueAt).ToListAsync();
        return due.Select(d => d.ToOffset(Wib).ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToList();
    }

    private async Task<string> FirstTimerIdAsync(string instance)
    {
        using var scope = app.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var timers = await context.Timers.AsNoTracking().Where(t => t.InstanceId == instance).ToListAsync();
        return timers.OrderBy(t => t.DueAt).First().Id;
    }

    private async Task<(string Key, JsonElement Payload)> OutboxAsync(string instance)
    {
        using var scope = app.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var row = await context.Outbox.AsNoTracking().SingleAsync(o => o.InstanceId == instance && o.Kind == "deadline");
        return (row.IdempotencyKey, JsonDocument.Parse(row.PayloadJson).RootElement.Clone());
    }
}
