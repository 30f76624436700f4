using System.Net;
using Kks.Workflow.Engine;
using Kks.Workflow.Web.Tests.Infrastructure;
using static Kks.Workflow.Web.Tests.Api.History.HistoryModels;

namespace Kks.Workflow.Web.Tests.Api.History;

[Collection(WebTests.Name)]
public sealed class HistoryAccessTests(WebFixture app)
{
    private async Task<(string A, string B)> TwoOpdsAsync()
    {
        await DeployAsync(app, "hist_acc_a", GroupA);
        await DeployAsync(app, "hist_acc_b", GroupB);
        var runtime = Runtime(app);
        var a = (await runtime.StartAsync("hist_acc_a", userId: "admin")).InstanceId;
        var b = (await runtime.StartAsync("hist_acc_b", userId: "admin")).InstanceId;
        return (a, b);
    }

    [Fact]
    public async Task OpdUser_SeesOnlyTheirOpdsHistory_OtherOpdsInstance404()
    {
        var (a, b) = await TwoOpdsAsync();
        using var opdA = await app.UserAsync("hist_acc_user_a", "opd", GroupA);

        var tasks = await GetJsonAsync(opdA, "/engine-rest/history/task?processDefinitionKey=hist_acc_a");
        Assert.Equal(a, Assert.Single(tasks.EnumerateArray()).Str("processInstanceId"));
        Assert.Empty((await GetJsonAsync(opdA, "/engine-rest/history/task?processDefinitionKey=hist_acc_b")).EnumerateArray());
        Assert.Empty((await GetJsonAsync(opdA, $"/engine-rest/history/task?processInstanceId={b}")).EnumerateArray());
        Assert.All((await GetJsonAsync(opdA, "/engine-rest/history/task")).EnumerateArray(), t => Assert.NotEqual("hist_acc_b", t.Str("processDefinitionKey")));

        await GetJsonAsync(opdA, $"/engine-rest/history/process-instance/{a}");
        var missing = await GetJsonAsync(opdA, $"/engine-rest/history/process-instance/{b}", HttpStatusCode.NotFound);
        Assert.Equal("InvalidRequestException", missing.Str("type"));
        Assert.Empty((await GetJsonAsync(opdA, $"/engine-rest/history/process-instance?processInstanceId={b}")).EnumerateArray());
        Assert.NotEmpty((await GetJsonAsync(opdA, $"/engine-rest/history/activity-instance?processInstanceId={a}")).EnumerateArray());
        Assert.Empty((await GetJsonAsync(opdA, $"/engine-rest/history/activity-instance?processInstanceId={b}")).EnumerateArray());
        Assert.Empty((await GetJsonAsync(opdA, $"/engine-rest/history/variable-instance?processInstanceId={b}")).EnumerateArray());
    }

    [Fact]
    public async Task OpdUserOfAnotherOpd_SeesTaskTheyCompleted_AfterItLeavesTheInbox()
    {
        var (a, _) = await TwoOpdsAsync();
        var runtime = Runtime(app);
        using var admin = app.Admin();
        var taskId = Assert.Single((await GetJsonAsync(admin, $"/engine-rest/history/task?processInstanceId={a}")).EnumerateArray()).Str("id");
        // A focal point of another OPD completes it (assigned by name): what they worked stays theirs to read.
        await runtime.ExecuteAsync(a, new SetTaskAssignee(taskId, "hist_acc_user_c"));
        await runtime.CompleteTaskAsync(taskId, userId: "hist_acc_user_c");
        using var opdC = await app.UserAsync("hist_acc_user_c", "opd", "HIST-C");

        var done = Assert.Single((await GetJsonAsync(opdC, $"/engine-rest/history/task?processInstanceId={a}&finished=true")).EnumerateArray());
        Assert.Equal("completed", done.Str("deleteReason"));
        Assert.Equal("COMPLETED", (await GetJsonAsync(opdC, $"/engine-rest/history/process-instance/{a}")).Str("state"));
        Assert.Equal("hist_acc_user_c", done.Str("assignee"));
    }

    [Fact]
    public async Task ReadersSeeAll_VerifierSeesNothing()
    {
        var (a, b) = await TwoOpdsAsync();
        using var leader = await app.UserAsync("hist_acc_pimpinan", "pimpinan");
        await GetJsonAsync(leader, $"/engine-rest/history/process-instance/{a}");
        await GetJsonAsync(leader, $"/engine-rest/history/process-instance/{b}");
        Assert.Single((await GetJsonAsync(leader, $"/engine-rest/history/task?processInstanceId={b}")).EnumerateArray());

        using var verifier = await app.UserAsync("hist_acc_verifikator", "verifikator");
        await GetJsonAsync(verifier, $"/engine-rest/history/process-instance/{a}", HttpStatusCode.NotFound);
        Assert.Empty((await GetJsonAsync(verifier, "/engine-rest/history/task")).EnumerateArray());
        Assert.Equal(0, (await GetJsonAsync(verifier, "/engine-rest/history/activity-instance/count")).GetProperty("count").GetInt32());
    }
}
