using System.Net;
using Kks.Workflow.Web.Tests.Infrastructure;

namespace Kks.Workflow.Web.Tests.Api.Tasks;

[Collection(WebTests.Name)]
public sealed class TaskQueryTests(WebFixture app)
{
    private readonly TaskKit _kit = new(app);

    [Fact]
    public async Task List_ByProcessKeyAndCandidateGroup_OnlyMatchingTasks()
    {
        await _kit.DeployAsync();
        var a = $"tasks-a-{_kit.Suffix}";
        var b = $"tasks-b-{_kit.Suffix}";
        var first = await _kit.StartAsync(a);
        var second = await _kit.StartAsync(a);
        await _kit.StartAsync(b);
        using var admin = app.Admin();

        var byKey = await TaskKit.GetJsonAsync(admin, $"/engine-rest/task?processDefinitionKey={_kit.Key}");
        var byGroup = await TaskKit.GetJsonAsync(admin, $"/engine-rest/task?processDefinitionKey={_kit.Key}&candidateGroup={a}");
        var count = await TaskKit.GetJsonAsync(admin, $"/engine-rest/task/count?candidateGroup={a}");
        var postCount = await TaskKit.PostJsonAsync(admin, "/engine-rest/task/count", $$"""{"candidateGroup": "{{b}}"}""", HttpStatusCode.OK);

        Assert.Equal(3, byKey.GetArrayLength());
        var groupInstances = byGroup.EnumerateArray().Select(t => t.GetProperty("processInstanceId").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal).ToList(), groupInstances);
        Assert.Equal(2, count.GetProperty("count").GetInt64());
        Assert.Equal(1, postCount.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task List_EachFilter_NarrowsAsCamundaDoes()
    {
        await _kit.DeployAsync();
        var opd = $"tasks-f-{_kit.Suffix}";
        var early = await _kit.StartAsync(opd, due: WebFixture.Start.AddDays(2), businessKey: $"bk-{_kit.Suffix}");
        var late = await _kit.StartAsync(opd, due: WebFixture.Start.AddDays(20));
        var earlyTask = await _kit.TaskOfAsync(early);
        var lateTask = await _kit.TaskOfAsync(late);
        using var admin = app.Admin();
        await TaskKit.PostAsync(admin, $"/engine-rest/task/{lateTask}/claim", new { userId = $"tasks-budi-{_kit.Suffix}" }, HttpStatusCode.NoContent);
        var scope = $"/engine-rest/task?processDefinitionKey={_kit.Key}";
        async Task<List<string>> Ids(string filter) => TaskKit.Ids(await TaskKit.GetJsonAsync(admin, scope + "&" + filter));

        Assert.Equal([earlyTask], await Ids($"processInstanceId={early}"));
        Assert.Equal([earlyTask], await Ids($"processInstanceBusinessKey=bk-{_kit.Suffix}"));
        Assert.Equal(2, (await Ids("taskDefinitionKey=isi")).Count);
        Assert.Empty(await Ids("taskDefinitionKey=periksa"));
        Assert.Equal([lateTask], await Ids($"assignee=tasks-budi-{_kit.Suffix}"));
        Assert.Equal([lateTask], await Ids("assigneeLike=tasks-bu%25"));
        Assert.Equal([earlyTask], await Ids("unassigned=true"));
        Assert.Equal([earlyTask], await Ids($"candidateGroup={opd}"));
        Assert.Equal(2, (await Ids($"candidateGroup={opd}&includeAssignedTasks=true")).Count);
        Assert.Equal([earlyTask], await Ids("dueBefore=" + Uri.EscapeDataString("2023-02-10T00:00:00.000+0700")));
        Assert.Equal([lateTask], await Ids("dueAfter=" + Uri.EscapeDataString("2023-02-10T00:00:00.000+0700")));
        var definitionId = (await TaskKit.GetJsonAsync(admin, $"/engine-rest/task/{earlyTask}")).GetProperty("processDefinitionId").GetString();
        Assert.Equal(2, (await Ids($"processDefinitionId={definitionId}")).Count);
    }

    [Fact]
    public async Task CandidateUser_ByNameOrThroughTheirOpd()
    {
        await _kit.DeployAsync();
        var opd = $"tasks-cu-{_kit.Suffix}";
        var user = $"tasks-cu-user-{_kit.Suffix}";
        using var client = await app.UserAsync(user, "opd", opd);
        var instance = await _kit.StartAsync(opd);
        await _kit.StartAsync($"tasks-other-{_kit.Suffix}");
        var task = await _kit.TaskOfAsync(instance);
        using var admin = app.Admin();

        var asAdmin = await TaskKit.GetJsonAsync(admin, $"/engine-rest/task?processDefinitionKey={_kit.Key}&candidateUser={user}");
        var asSelf = await TaskKit.PostJsonAsync(client, "/engine-rest/task", $$"""{"candidateUser": "{{user}}"}""", HttpStatusCode.OK);

        Assert.Equal([task], TaskKit.Ids(asAdmin));
        Assert.Equal([task], TaskKit.Ids(asSelf));
    }

    [Fact]
    public async Task SortingAndPaging_GetAndPostAgree()
    {
        await _kit.DeployAsync();
        var opd = $"tasks-s-{_kit.Suffix}";
        var low = await _kit.TaskOfAsync(await _kit.StartAsync(opd, priority: 10));
        var high = await _kit.TaskOfAsync(await _kit.StartAsync(opd, priority: 90));
        var mid = await _kit.TaskOfAsync(await _kit.StartAsync(opd, priority: 50));
        using var admin = app.Admin();
        var scope = $"/engine-rest/task?processDefinitionKey={_kit.Key}";

        var desc = TaskKit.Ids(await TaskKit.GetJsonAsync(admin, scope + "&sortBy=priority&sortOrder=desc"));
        var asc = TaskKit.Ids(await TaskKit.GetJsonAsync(admin, scope + "&sortBy=priority&sortOrder=asc"));
        var page = TaskKit.Ids(await TaskKit.GetJsonAsync(admin, scope + "&sortBy=priority&sortOrder=desc&firstResult=1&maxResults=1"));
        var posted = TaskKit.Ids(await TaskKit.PostJsonAsync(admin, "/engine-rest/task?firstResult=0&maxResults=2",
            $$"""{"processDefinitionKey": "{{_kit.Key}}", "sorting": [{"sortBy": "priority", "sortOrder": "asc"}]}""", HttpStatusCode.OK));
        var byId = TaskKit.Ids(await TaskKit.GetJsonAsync(admin, scope + "&sortBy=id&sortOrder=asc"));
        var byDue = TaskKit.Ids(await TaskKit.GetJsonAsync(admin, scope + "&sortBy=dueDate&sortOrder=asc"));
        var byCreated = TaskKit.Ids(await TaskKit.GetJsonAsync(admin, scope + "&sortBy=created&sortOrder=desc"));
        var byName = TaskKit.Ids(await TaskKit.GetJsonAsync(admin, scope + "&sortBy=name&sortOrder=asc"));

        Assert.Equal([high, mid, low], desc);
        Assert.Equal([low, mid, high], asc);
        Assert.Equal([mid], page);
        Assert.Equal([low, mid], posted);
        Assert.Equal(new[] { low, high, mid }.Order(StringComparer.Ordinal).ToList(), byId);
        Assert.Equal(3, byDue.Count);
        Assert.Equal(3, byCreated.Count);
        Assert.Equal(3, byName.Count);
    }

    [Theory]
    [InlineData("sortBy=nope&sortOrder=asc", "sortBy")]
    [InlineData("sortBy=priority", "sortOrder")]
    [InlineData("sortBy=priority&sortOrder=up", "sortOrder")]
    [InlineData("maxResults=-1", "maxResults")]
    [InlineData("firstResult=abc", "firstResult")]
    [InlineData("maxResults=1001", "1000")]
    [InlineData("unassigned=yes", "unassigned")]
    [InlineData("dueBefore=kemarin", "dueBefore")]
    public async Task Get_BadParameter_400SaysWhat(string query, string named)
    {
        using var admin = app.Admin();
        var error = await TaskKit.GetJsonAsync(admin, "/engine-rest/task?" + query, HttpStatusCode.BadRequest);
        TaskKit.AssertError(error, "InvalidRequestException", named);
    }

    [Theory]
    [InlineData("{\"assignee\": ", "JSON")]
    [InlineData("{\"assignee\": 5}", "assignee")]
    [InlineData("{\"noSuchFilter\": \"x\"}", "noSuchFilter")]
    [InlineData("{\"sorting\": {\"sortBy\": \"id\"}}", "sorting")]
    [InlineData("{\"sorting\": [{\"sortBy\": \"nope\", \"sortOrder\": \"asc\"}]}", "nope")]
    [InlineData("[1, 2]", "JSON")]
    public async Task Post_BadBody_400SaysWhat(string body, string named)
    {
        using var admin = app.Admin();
        var error = await TaskKit.PostJsonAsync(admin, "/engine-rest/task", body, HttpStatusCode.BadRequest);
        TaskKit.AssertError(error, "InvalidRequestException", named);
    }

    [Fact]
    public async Task Post_EmptyBody_ListsLikeGet()
    {
        await _kit.DeployAsync();
        await _kit.StartAsync($"tasks-e-{_kit.Suffix}");
        using var admin = app.Admin();
        var tasks = await TaskKit.PostJsonAsync(admin, "/engine-rest/task?maxResults=5", "", HttpStatusCode.OK);
        Assert.InRange(tasks.GetArrayLength(), 1, 5);
    }
}
