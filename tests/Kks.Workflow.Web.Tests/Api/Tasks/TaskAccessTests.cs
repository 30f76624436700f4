using System.Net;
using Kks.Workflow.Web.Tests.Infrastructure;

namespace Kks.Workflow.Web.Tests.Api.Tasks;

/// <summary>The task resource against each role: a focal point sees and works their OPD's tasks only, another OPD's task is a 404, leaders read and never write.</summary>
[Collection(WebTests.Name)]
public sealed class TaskAccessTests(WebFixture app)
{
    private readonly TaskKit _kit = new(app);

    private async Task<(string Mine, string Theirs, HttpClient Opd, string User)> ArrangeAsync()
    {
        await _kit.DeployAsync();
        var opd = $"tasks-mine-{_kit.Suffix}";
        var user = $"tasks-opd-{_kit.Suffix}";
        var client = await app.UserAsync(user, "opd", opd);
        var mine = await _kit.TaskOfAsync(await _kit.StartAsync(opd));
        var theirs = await _kit.TaskOfAsync(await _kit.StartAsync($"tasks-theirs-{_kit.Suffix}"));
        return (mine, theirs, client, user);
    }

    [Fact]
    public async Task Opd_ListsOnlyTheirOpdsTasks()
    {
        var (mine, _, opd, _) = await ArrangeAsync();
        using var _opd = opd;

        var listed = await TaskKit.GetJsonAsync(opd, $"/engine-rest/task?processDefinitionKey={_kit.Key}");
        var posted = await TaskKit.PostJsonAsync(opd, "/engine-rest/task", $$"""{"processDefinitionKey": "{{_kit.Key}}"}""", HttpStatusCode.OK);
        var count = await TaskKit.GetJsonAsync(opd, $"/engine-rest/task/count?processDefinitionKey={_kit.Key}");
        var otherGroup = await TaskKit.GetJsonAsync(opd, $"/engine-rest/task?candidateGroup=tasks-theirs-{_kit.Suffix}");

        Assert.Equal([mine], TaskKit.Ids(listed));
        Assert.Equal([mine], TaskKit.Ids(posted));
        Assert.Equal(1, count.GetProperty("count").GetInt64());
        Assert.Empty(TaskKit.Ids(otherGroup));
    }

    [Fact]
    public async Task Opd_AnotherOpdsTask_404OnEveryRoute()
    {
        var (_, theirs, opd, user) = await ArrangeAsync();
        using var _opd = opd;

        TaskKit.AssertError(await TaskKit.GetJsonAsync(opd, $"/engine-rest/task/{theirs}", HttpStatusCode.NotFound), "InvalidRequestException");
        await TaskKit.GetJsonAsync(opd, $"/engine-rest/task/{theirs}/variables", HttpStatusCode.NotFound);
        await TaskKit.GetJsonAsync(opd, $"/engine-rest/task/{theirs}/variables/opd", HttpStatusCode.NotFound);
        await TaskKit.GetJsonAsync(opd, $"/engine-rest/task/{theirs}/form-variables", HttpStatusCode.NotFound);
        await TaskKit.GetJsonAsync(opd, $"/engine-rest/task/{theirs}/comment", HttpStatusCode.NotFound);
        await TaskKit.PostAsync(opd, $"/engine-rest/task/{theirs}/comment/create", new { message = "halo" }, HttpStatusCode.NotFound);
        await TaskKit.PostAsync(opd, $"/engine-rest/task/{theirs}/claim", new { userId = user }, HttpStatusCode.NotFound);
        await TaskKit.PostAsync(opd, $"/engine-rest/task/{theirs}/unclaim", new { }, HttpStatusCode.NotFound);
        await TaskKit.PostAsync(opd, $"/engine-rest/task/{theirs}/assignee", new { userId = user }, HttpStatusCode.NotFound);
        await TaskKit.PostAsync(opd, $"/engine-rest/task/{theirs}/complete", new { }, HttpStatusCode.NotFound);
        await TaskKit.PutJsonAsync(opd, $"/engine-rest/task/{theirs}", """{"priority": 1}""", HttpStatusCode.NotFound);

        using var admin = app.Admin();
        var untouched = await TaskKit.GetJsonAsync(admin, $"/engine-rest/task/{theirs}");
        Assert.Null(untouched.GetProperty("assignee").GetString());
        Assert.Equal(50, untouched.GetProperty("priority").GetInt32());
    }

    [Fact]
    public async Task Opd_WorksOwnTaskForThemselvesOnly()
    {
        var (mine, _, opd, user) = await ArrangeAsync();
        using var _opd = opd;

        TaskKit.AssertError(await TaskKit.PostAsync(opd, $"/engine-rest/task/{mine}/claim", new { userId = "tasks-orang-lain" }, HttpStatusCode.Forbidden), "AuthorizationException");
        await TaskKit.PostAsync(opd, $"/engine-rest/task/{mine}/assignee", new { userId = "tasks-orang-lain" }, HttpStatusCode.Forbidden);
        await TaskKit.PutJsonAsync(opd, $"/engine-rest/task/{mine}", """{"priority": 1}""", HttpStatusCode.Forbidden);
        await TaskKit.PostAsync(opd, $"/engine-rest/task/{mine}/claim", new { userId = user }, HttpStatusCode.NoContent);
        await TaskKit.PostAsync(opd, $"/engine-rest/task/{mine}/comment/create", new { message = "Sedang dikerjakan" }, HttpStatusCode.OK);
        var variables = await TaskKit.GetJsonAsync(opd, $"/engine-rest/task/{mine}/variables");
        await TaskKit.PostAsync(opd, $"/engine-rest/task/{mine}/complete", new { }, HttpStatusCode.NoContent);

        Assert.True(variables.TryGetProperty("opd", out _));
    }

    [Fact]
    public async Task Opd_TaskHeldByColleague_CannotTakeReleaseOrComplete()
    {
        var (mine, _, opd, _) = await ArrangeAsync();
        using var _opd = opd;
        using var admin = app.Admin();
        await TaskKit.PostAsync(admin, $"/engine-rest/task/{mine}/claim", new { userId = $"tasks-rekan-{_kit.Suffix}" }, HttpStatusCode.NoContent);
        var listed = await TaskKit.GetJsonAsync(opd, $"/engine-rest/task?processDefinitionKey={_kit.Key}&candidateGroup=tasks-mine-{_kit.Suffix}&includeAssignedTasks=true");

        await TaskKit.PostAsync(opd, $"/engine-rest/task/{mine}/unclaim", new { }, HttpStatusCode.Forbidden);
        await TaskKit.PostAsync(opd, $"/engine-rest/task/{mine}/complete", new { }, HttpStatusCode.Forbidden);
        var conflict = await TaskKit.PostAsync(opd, $"/engine-rest/task/{mine}/claim", new { userId = $"tasks-opd-{_kit.Suffix}" }, HttpStatusCode.Conflict);

        Assert.Equal([mine], TaskKit.Ids(listed));
        TaskKit.AssertError(conflict, "TaskAlreadyClaimedException");
    }

    [Fact]
    public async Task Pimpinan_ReadsEverythingWritesNothing()
    {
        var (mine, theirs, opd, _) = await ArrangeAsync();
        using var _opd = opd;
        using var leader = await app.UserAsync($"tasks-pimpinan-{_kit.Suffix}", "pimpinan");

        var listed = await TaskKit.GetJsonAsync(leader, $"/engine-rest/task?processDefinitionKey={_kit.Key}");
        await TaskKit.GetJsonAsync(leader, $"/engine-rest/task/{theirs}");
        await TaskKit.GetJsonAsync(leader, $"/engine-rest/task/{theirs}/variables");
        await TaskKit.GetJsonAsync(leader, $"/engine-rest/task/{theirs}/form-variables");
        await TaskKit.GetJsonAsync(leader, $"/engine-rest/task/{theirs}/comment");
        await TaskKit.PostAsync(leader, $"/engine-rest/task/{mine}/claim", new { userId = $"tasks-pimpinan-{_kit.Suffix}" }, HttpStatusCode.Forbidden);
        await TaskKit.PostAsync(leader, $"/engine-rest/task/{mine}/unclaim", new { }, HttpStatusCode.Forbidden);
        await TaskKit.PostAsync(leader, $"/engine-rest/task/{mine}/assignee", new { userId = "x" }, HttpStatusCode.Forbidden);
        await TaskKit.PostAsync(leader, $"/engine-rest/task/{mine}/complete", new { }, HttpStatusCode.Forbidden);
        await TaskKit.PostAsync(leader, $"/engine-rest/task/{mine}/comment/create", new { message = "Segera" }, HttpStatusCode.Forbidden);
        await TaskKit.PutJsonAsync(leader, $"/engine-rest/task/{mine}", """{"priority": 1}""", HttpStatusCode.Forbidden);

        Assert.Equal(2, listed.GetArrayLength());
    }

    [Fact]
    public async Task Verifikator_SeesNoTasks()
    {
        var (mine, _, opd, _) = await ArrangeAsync();
        using var _opd = opd;
        using var verifier = await app.UserAsync($"tasks-verif-{_kit.Suffix}", "verifikator");

        Assert.Empty(TaskKit.Ids(await TaskKit.GetJsonAsync(verifier, $"/engine-rest/task?processDefinitionKey={_kit.Key}")));
        await TaskKit.GetJsonAsync(verifier, $"/engine-rest/task/{mine}", HttpStatusCode.NotFound);
    }
}
