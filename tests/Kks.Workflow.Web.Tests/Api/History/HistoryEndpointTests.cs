using System.Net;
using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kks.Workflow.Web.Tests.Api.History.HistoryModels;

namespace Kks.Workflow.Web.Tests.Api.History;

[Collection(WebTests.Name)]
public sealed class HistoryEndpointTests(WebFixture app)
{
    /// <summary>One instance run through (created, claimed after 1 h, completed 2 h later) and one left open.</summary>
    private async Task<(string Done, string Open, string TaskId, DateTimeOffset T0)> RunAsync(string key)
    {
        await DeployAsync(app, key, GroupA);
        var runtime = Runtime(app);
        var t0 = app.Clock.GetUtcNow();
        var done = (await runtime.StartAsync(key, new Dictionary<string, object?> { ["tahun"] = 2023L }, businessKey: key + "-1", userId: "admin")).InstanceId;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Kks.Workflow.Persistence.WorkflowDbContext>();
        var taskId = await db.UserTasks.Where(t => t.InstanceId == done).Select(t => t.Id).SingleAsync();
        app.Clock.Advance(TimeSpan.FromHours(1));
        await runtime.ClaimTaskAsync(taskId, "hist_opd_a");
        app.Clock.Advance(TimeSpan.FromHours(2));
        await runtime.CompleteTaskAsync(taskId, new Dictionary<string, object?> { ["ok"] = true }, userId: "hist_opd_a");
        var open = (await runtime.StartAsync(key, businessKey: key + "-2", userId: "admin")).InstanceId;
        return (done, open, taskId, t0);
    }

    [Fact]
    public async Task ProcessInstance_RunThrough_TimesStateAndFilters()
    {
        var (done, open, _, t0) = await RunAsync("hist_pi");
        using var admin = app.Admin();

        var finished = await GetJsonAsync(admin, "/engine-rest/history/process-instance?processDefinitionKey=hist_pi&finished=true");
        var row = Assert.Single(finished.EnumerateArray());
        Assert.Equal(done, row.Str("id"));
        Assert.Equal("hist_pi-1", row.Str("businessKey"));
        Assert.Equal("hist_pi:1", row.Str("processDefinitionId"));
        Assert.Equal("Riwayat hist_pi", row.Str("processDefinitionName"));
        Assert.Equal(1, row.GetProperty("processDefinitionVersion").GetInt32());
        Assert.Equal(Wib(t0), row.Str("startTime"));
        Assert.Equal(Wib(t0.AddHours(3)), row.Str("endTime"));
        Assert.Equal(3 * 3600 * 1000L, row.GetProperty("durationInMillis").GetInt64());
        Assert.Equal("admin", row.Str("startUserId"));
        Assert.Equal("s", row.Str("startActivityId"));
        Assert.Equal("COMPLETED", row.Str("state"));

        var unfinished = await GetJsonAsync(admin, "/engine-rest/history/process-instance?processDefinitionKey=hist_pi&unfinished=true");
        Assert.Equal(open, Assert.Single(unfinished.EnumerateArray()).Str("id"));
        Assert.Equal("ACTIVE", Assert.Single(unfinished.EnumerateArray()).Str("state"));
        Assert.Equal(JsonValueKind.Null, Assert.Single(unfinished.EnumerateArray()).GetProperty("endTime").ValueKind);

        var count = await GetJsonAsync(admin, "/engine-rest/history/process-instance/count?processDefinitionKey=hist_pi");
        Assert.Equal(2, count.GetProperty("count").GetInt32());
        var byKey = await GetJsonAsync(admin, "/engine-rest/history/process-instance?processInstanceBusinessKey=hist_pi-2");
        Assert.Equal(open, Assert.Single(byKey.EnumerateArray()).Str("id"));
        var sorted = await GetJsonAsync(admin, "/engine-rest/history/process-instance?processDefinitionKey=hist_pi&sortBy=startTime&sortOrder=desc&maxResults=1");
        Assert.Equal(open, Assert.Single(sorted.EnumerateArray()).Str("id"));
        var started = await GetJsonAsync(admin, $"/engine-rest/history/process-instance?processDefinitionKey=hist_pi&startedAfter={Uri.EscapeDataString(Wib(t0.AddHours(1)))}");
        Assert.Equal(open, Assert.Single(started.EnumerateArray()).Str("id"));

        var one = await GetJsonAsync(admin, $"/engine-rest/history/process-instance/{done}");
        Assert.Equal("COMPLETED", one.Str("state"));
        await GetJsonAsync(admin, "/engine-rest/history/process-instance/tidak-ada", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ActivityInstance_RunThrough_PairsStartAndEnd()
    {
        var (done, open, taskId, t0) = await RunAsync("hist_ai");
        using var admin = app.Admin();

        var rows = (await GetJsonAsync(admin, $"/engine-rest/history/activity-instance?processInstanceId={done}&sortBy=startTime&sortOrder=asc")).EnumerateArray().ToList();
        Assert.Equal(["s", "upload", "e"], rows.Select(r => r.Str("activityId")));
        var task = rows[1];
        Assert.Equal("userTask", task.Str("activityType"));
        Assert.Equal("Unggah bukti", task.Str("activityName"));
        Assert.Equal(taskId, task.Str("taskId"));
        Assert.Equal("hist_opd_a", task.Str("assignee"));
        Assert.Equal(Wib(t0), task.Str("startTime"));
        Assert.Equal(Wib(t0.AddHours(3)), task.Str("endTime"));
        Assert.Equal(3 * 3600 * 1000L, task.GetProperty("durationInMillis").GetInt64());
        Assert.False(task.GetProperty("canceled").GetBoolean());
        Assert.Equal("hist_ai", task.Str("processDefinitionKey"));
        Assert.True(rows[2].GetProperty("completeScope").GetBoolean());

        var unfinished = await GetJsonAsync(admin, $"/engine-rest/history/activity-instance?processInstanceId={open}&unfinished=true");
        Assert.Equal("upload", Assert.Single(unfinished.EnumerateArray()).Str("activityId"));
        var finished = await GetJsonAsync(admin, $"/engine-rest/history/activity-instance/count?processInstanceId={open}&finished=true");
        Assert.Equal(1, finished.GetProperty("count").GetInt32());
        var userTasks = await GetJsonAsync(admin, $"/engine-rest/history/activity-instance?processInstanceId={done}&activityType=userTask");
        Assert.Equal("upload", Assert.Single(userTasks.EnumerateArray()).Str("activityId"));
    }

    [Fact]
    public async Task Task_RunThrough_TimesAssigneeAndFilters()
    {
        var (done, open, taskId, t0) = await RunAsync("hist_task");
        using var admin = app.Admin();

        var finished = await GetJsonAsync(admin, "/engine-rest/history/task?processDefinitionKey=hist_task&finished=true");
        var row = Assert.Single(finished.EnumerateArray());
        Assert.Equal(taskId, row.Str("id"));
        Assert.Equal(done, row.Str("processInstanceId"));
        Assert.Equal("upload", row.Str("taskDefinitionKey"));
        Assert.Equal("Unggah bukti", row.Str("name"));
        Assert.Equal("hist_opd_a", row.Str("assignee"));
        Assert.Equal("hist_opd_a", row.Str("owner"));
        Assert.Equal("completed", row.Str("deleteReason"));
        Assert.Equal(Wib(t0), row.Str("startTime"));
        Assert.Equal(Wib(t0.AddHours(3)), row.Str("endTime"));
        Assert.Equal(3 * 3600 * 1000L, row.GetProperty("duration").GetInt64());
        Assert.Equal("2023-03-01T17:00:00.000+0700", row.Str("due"));
        Assert.Equal(50, row.GetProperty("priority").GetInt32());
        Assert.StartsWith("upload:", row.Str("activityInstanceId"), StringComparison.Ordinal);

        var unfinished = await GetJsonAsync(admin, "/engine-rest/history/task?processDefinitionKey=hist_task&unfinished=true");
        var openRow = Assert.Single(unfinished.EnumerateArray());
        Assert.Equal(open, openRow.Str("processInstanceId"));
        Assert.Equal(JsonValueKind.Null, openRow.GetProperty("endTime").ValueKind);
        Assert.Equal(JsonValueKind.Null, openRow.GetProperty("assignee").ValueKind);

        var byAssignee = await GetJsonAsync(admin, "/engine-rest/history/task/count?processDefinitionKey=hist_task&taskAssignee=hist_opd_a");
        Assert.Equal(1, byAssignee.GetProperty("count").GetInt32());
        var dueBefore = await GetJsonAsync(admin, "/engine-rest/history/task/count?processDefinitionKey=hist_task&taskDueDateBefore=2023-03-02T00:00:00.000%2B0700");
        Assert.Equal(2, dueBefore.GetProperty("count").GetInt32());
        var dueAfter = await GetJsonAsync(admin, "/engine-rest/history/task/count?processDefinitionKey=hist_task&taskDueDateAfter=2023-03-02T00:00:00.000%2B0700");
        Assert.Equal(0, dueAfter.GetProperty("count").GetInt32());
        var sorted = await GetJsonAsync(admin, "/engine-rest/history/task?processDefinitionKey=hist_task&sortBy=endTime&sortOrder=desc&firstResult=0&maxResults=1");
        Assert.Single(sorted.EnumerateArray());
    }

    [Fact]
    public async Task CancelledInstance_TaskDeletedActivityCanceledStateTerminated()
    {
        await DeployAsync(app, "hist_cancel", GroupA);
        var runtime = Runtime(app);
        var id = (await runtime.StartAsync("hist_cancel", userId: "admin")).InstanceId;
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await runtime.ExecuteAsync(id, new CancelInstance("dibatalkan uji"));
        using var admin = app.Admin();

        var instance = await GetJsonAsync(admin, $"/engine-rest/history/process-instance/{id}");
        Assert.Equal("EXTERNALLY_TERMINATED", instance.Str("state"));
        var task = Assert.Single((await GetJsonAsync(admin, $"/engine-rest/history/task?processInstanceId={id}")).EnumerateArray());
        Assert.Equal("deleted: dibatalkan uji", task.Str("deleteReason"));
        Assert.Equal(30 * 60 * 1000L, task.GetProperty("duration").GetInt64());
        var activity = Assert.Single((await GetJsonAsync(admin, $"/engine-rest/history/activity-instance?processInstanceId={id}&activityId=upload")).EnumerateArray());
        Assert.True(activity.GetProperty("canceled").GetBoolean());
    }

    [Fact]
    public async Task VariableInstance_ProcessVariablesTyped()
    {
        var (done, _, _, _) = await RunAsync("hist_var");
        using var admin = app.Admin();
        var rows = (await GetJsonAsync(admin, $"/engine-rest/history/variable-instance?processInstanceId={done}")).EnumerateArray().ToList();
        var tahun = Assert.Single(rows, r => r.Str("name") == "tahun");
        Assert.Equal("Integer", tahun.Str("type")); // TypedVariables writes a whole number that fits 32 bits as Integer
        Assert.Equal(2023, tahun.GetProperty("value").GetInt64());
        Assert.Equal("Boolean", Assert.Single(rows, r => r.Str("name") == "ok").Str("type"));
        await GetJsonAsync(admin, "/engine-rest/history/variable-instance", HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/engine-rest/history/task?sortBy=bogus&sortOrder=asc", "sortBy")]
    [InlineData("/engine-rest/history/task?sortBy=startTime", "sortOrder")]
    [InlineData("/engine-rest/history/process-instance?sortBy=startTime&sortOrder=up", "sortOrder")]
    [InlineData("/engine-rest/history/process-instance?maxResults=-1", "maxResults")]
    [InlineData("/engine-rest/history/process-instance?maxResults=1001", "1000")]
    [InlineData("/engine-rest/history/variable-instance?processInstanceId=x&maxResults=1001", "firstResult")]
    [InlineData("/engine-rest/history/activity-instance?firstResult=abc", "firstResult")]
    [InlineData("/engine-rest/history/task?finished=maybe", "finished")]
    [InlineData("/engine-rest/history/task?taskDueDateBefore=kemarin", "taskDueDateBefore")]
    public async Task BadQuery_400NamesTheParameter(string url, string parameter)
    {
        using var admin = app.Admin();
        var error = await GetJsonAsync(admin, url, HttpStatusCode.BadRequest);
        Assert.Equal("InvalidRequestException", error.Str("type"));
        Assert.Contains(parameter, error.Str("message"), StringComparison.Ordinal);
    }
}
