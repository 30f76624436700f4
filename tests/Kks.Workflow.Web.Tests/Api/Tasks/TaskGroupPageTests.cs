using Kks.Workflow.Engine;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Api.Tasks;

/// <summary>
/// A candidate group's page and count for a caller who sees every task come from the prepared SQL statement
/// (TaskGroupPage), not EF: the bodies must be byte for byte what the EF path writes. includeAssignedTasks=false
/// (the same meaning as leaving it out) sends the same question through EF, so each pair is compared directly.
/// </summary>
[Collection(WebTests.Name)]
public sealed class TaskGroupPageTests(WebFixture app)
{
    private readonly TaskKit _kit = new(app);

    [Fact]
    public async Task GroupPageAndCount_SameBytesAsTheEfPath()
    {
        await _kit.DeployAsync();
        var opd = $"tasks-g-{_kit.Suffix}";
        var runtime = app.Services.GetRequiredService<WorkflowRuntime>();
        var early = await _kit.StartAsync(opd, priority: 70, due: WebFixture.Start.AddDays(2), businessKey: "KKS-" + _kit.Suffix);
        await _kit.StartAsync(opd, priority: 10, due: WebFixture.Start.AddDays(9));
        await _kit.StartAsync(opd, due: WebFixture.Start.AddDays(5).AddMilliseconds(123));
        var claimed = await _kit.TaskOfAsync(await _kit.StartAsync(opd, due: WebFixture.Start.AddDays(1)));
        await runtime.ExecuteAsync((await InstanceOf(claimed)), new SetTaskAssignee(claimed, "someone"));
        // One instance moves on to its second task (no form, no documentation); another gets a follow-up date.
        await runtime.CompleteTaskAsync(await _kit.TaskOfAsync(early), userId: "admin");
        using var admin = app.Admin();
        var followUp = await _kit.TaskOfAsync(await _kit.StartAsync(opd, due: WebFixture.Start.AddDays(3)));
        await TaskKit.PutJsonAsync(admin, $"/engine-rest/task/{followUp}",
            """{"name":"Isi bukti (tindak lanjut)","followUp":"2023-02-20T09:30:00.000+0700","due":"2023-02-21T17:00:00.000+0700","priority":60}""",
            System.Net.HttpStatusCode.NoContent);

        foreach (var query in new[]
                 {
                     $"candidateGroup={opd}&sortBy=dueDate&sortOrder=asc",
                     $"candidateGroup={opd}",
                     $"candidateGroup={opd}&sortBy=dueDate&sortOrder=asc&firstResult=1&maxResults=2",
                     $"candidateGroup={opd}&firstResult=10",
                 })
        {
            var fast = await BodyAsync(admin, $"/engine-rest/task?{query}");
            var ef = await BodyAsync(admin, $"/engine-rest/task?{query}&includeAssignedTasks=false");
            Assert.Equal(ef, fast);
        }

        var all = TaskKit.Ids(await TaskKit.GetJsonAsync(admin, $"/engine-rest/task?candidateGroup={opd}&sortBy=dueDate&sortOrder=asc"));
        Assert.Equal(4, all.Count);
        Assert.DoesNotContain(claimed, all);
        Assert.Equal(await BodyAsync(admin, $"/engine-rest/task/count?candidateGroup={opd}&includeAssignedTasks=false"),
            await BodyAsync(admin, $"/engine-rest/task/count?candidateGroup={opd}"));
        Assert.Equal("""{"count":4}""", await BodyAsync(admin, $"/engine-rest/task/count?candidateGroup={opd}"));

        // A focal point of the group (the prepared page too, see AccessPolicy.SeesWholeGroup): the same page.
        using var focal = await app.UserAsync($"tasks-g-user-{_kit.Suffix}", "opd", opd);
        Assert.Equal(await BodyAsync(admin, $"/engine-rest/task?candidateGroup={opd}&sortBy=dueDate&sortOrder=asc"),
            await BodyAsync(focal, $"/engine-rest/task?candidateGroup={opd}&sortBy=dueDate&sortOrder=asc"));
        // A verifier sees no task: never the prepared page.
        using var verifier = await app.UserAsync($"tasks-g-verif-{_kit.Suffix}", "verifikator");
        Assert.Equal("[]", await BodyAsync(verifier, $"/engine-rest/task?candidateGroup={opd}"));
    }

    /// <summary>
    /// A focal point asking for their own OPD's group is answered by the prepared page (AccessPolicy.SeesWholeGroup):
    /// it must answer exactly what AccessPolicy.Tasks lets EF answer (includeAssignedTasks=false), while another group's
    /// question (where they see only the tasks also offered to them) still goes through EF and shows just those.
    /// </summary>
    [Fact]
    public async Task FocalPointOwnGroup_SameBytesAsTheEfPath_OtherGroupOnlyWhatTheySee()
    {
        await _kit.DeployAsync();
        var mine = $"tasks-fo-{_kit.Suffix}";
        var theirs = $"tasks-ft-{_kit.Suffix}";
        var runtime = app.Services.GetRequiredService<WorkflowRuntime>();
        using var focal = await app.UserAsync($"tasks-fo-user-{_kit.Suffix}", "opd", mine);
        await _kit.StartAsync(mine, priority: 70, due: WebFixture.Start.AddDays(2), businessKey: "KKS-fo-" + _kit.Suffix);
        await _kit.StartAsync(mine, due: WebFixture.Start.AddDays(4).AddMilliseconds(7));
        var held = await _kit.TaskOfAsync(await _kit.StartAsync(mine, due: WebFixture.Start.AddDays(1)));
        await runtime.ExecuteAsync(await InstanceOf(held), new SetTaskAssignee(held, $"tasks-fo-user-{_kit.Suffix}"));
        await _kit.StartAsync(theirs, due: WebFixture.Start.AddDays(3));
        // Offered to both OPDs: the focal point sees it under the other group's code too.
        var shared = await _kit.TaskOfAsync(await _kit.StartAsync(theirs, due: WebFixture.Start.AddDays(5)));
        await runtime.ExecuteAsync(await InstanceOf(shared), new UpdateTask(shared) { CandidateGroups = [theirs, mine] });

        foreach (var query in new[]
                 {
                     $"candidateGroup={mine}&sortBy=dueDate&sortOrder=asc",
                     $"candidateGroup={mine}",
                     $"candidateGroup={mine}&firstResult=1&maxResults=1",
                 })
        {
            var fast = await BodyAsync(focal, $"/engine-rest/task?{query}");
            Assert.Equal(await BodyAsync(focal, $"/engine-rest/task?{query}&includeAssignedTasks=false"), fast);
        }

        var own = TaskKit.Ids(await TaskKit.GetJsonAsync(focal, $"/engine-rest/task?candidateGroup={mine}&sortBy=dueDate&sortOrder=asc"));
        Assert.Equal(3, own.Count);
        Assert.Contains(shared, own);
        Assert.DoesNotContain(held, own);
        Assert.Equal("""{"count":3}""", await BodyAsync(focal, $"/engine-rest/task/count?candidateGroup={mine}"));
        Assert.Equal(await BodyAsync(focal, $"/engine-rest/task/count?candidateGroup={mine}&includeAssignedTasks=false"),
            await BodyAsync(focal, $"/engine-rest/task/count?candidateGroup={mine}"));

        // The other OPD's group: only the shared task, never the prepared page's whole group.
        Assert.Equal([shared], TaskKit.Ids(await TaskKit.GetJsonAsync(focal, $"/engine-rest/task?candidateGroup={theirs}&sortBy=dueDate&sortOrder=asc")));
        Assert.Equal("""{"count":1}""", await BodyAsync(focal, $"/engine-rest/task/count?candidateGroup={theirs}"));
        using var admin = app.Admin();
        Assert.Equal(2, TaskKit.Ids(await TaskKit.GetJsonAsync(admin, $"/engine-rest/task?candidateGroup={theirs}")).Count);
    }

    private async Task<string> InstanceOf(string taskId)
    {
        using var admin = app.Admin();
        return (await TaskKit.GetJsonAsync(admin, $"/engine-rest/task/{taskId}")).GetProperty("processInstanceId").GetString()!;
    }

    private static async Task<string> BodyAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        return body;
    }
}
