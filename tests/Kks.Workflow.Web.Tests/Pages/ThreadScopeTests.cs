using System.Net;
using System.Text.Json;
using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Tests.Api.Deployments;
using Kks.Workflow.Web.Tests.Infrastructure;
using Kks.Workflow.Web.Tests.Instruments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Pages;

/// <summary>
/// The KKS workflow holds every OPD's indicator tasks in one process instance: the Tugas page's comments and history
/// thread by the task's scope (its indicator's sub-process instance), read through AccessPolicy, so a focal point of
/// DLH reads the secretariat's review note on DLH's indicator and never DINKES's notes or history lines.
/// </summary>
[Collection(WebTests.Name)]
public sealed class ThreadScopeTests(WebFixture app) : IAsyncLifetime
{
    public async Task InitializeAsync() => await KksTestData.EnsureDemoOpdsAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task KksWorkflow_TwoOpds_CommentsAndHistoryStayInTheIndicatorsThread()
    {
        using var sekretariat = await app.UserAsync("utas-sekretariat", Roles.Sekretariat);
        var instanceId = await KksTestData.StartCampaignAsync(app, sekretariat, "uji-utas", "Uji utas komentar", "dinkes", "dlh");
        var rakorId = await KksTestData.CompleteRakorAsync(sekretariat, instanceId);

        var dlhTask = await TaskOfAsync(sekretariat, instanceId, "dlh", "Lengkapi bukti dukung T2.3");
        var dinkesTask = await TaskOfAsync(sekretariat, instanceId, "dinkes", null);

        using var dlh = await PageSession.SignInAsync(app, "utas-opd-dlh", Roles.Opd, "dlh");
        using var dinkes = await PageSession.SignInAsync(app, "utas-opd-dinkes", Roles.Opd, "dinkes");
        using var secretariatPage = await PageSession.SignInAsync(app, "utas-sekretariat", Roles.Sekretariat);
        await CommentAsync(dinkes, dinkesTask, "Catatan rahasia DINKES.");
        (await dinkes.PostFormAsync($"/tugas/{dinkesTask}", $"/tugas/{dinkesTask}?handler=Klaim", [])).Dispose();
        await CommentAsync(dlh, dlhTask, "Catatan DLH: bukti menyusul.");

        // DLH sends; the secretariat notes on its review task and returns it.
        using var focal = await app.UserAsync("utas-opd-dlh", Roles.Opd, "dlh");
        await DeployKit.PostJsonAsync(focal, $"/engine-rest/task/{dlhTask}/complete", """{"variables":{"nilaiMandiri":{"value":"75","type":"String"}}}""", HttpStatusCode.NoContent);
        var review = Assert.Single((await KksTestData.TasksAsync(sekretariat, instanceId)).EnumerateArray(), t => t.GetProperty("name").GetString() == "Periksa bukti dukung T2.3").GetProperty("id").GetString()!;
        await CommentAsync(secretariatPage, review, "Lampirkan tangkapan layar SIPSN 2022.");
        await DeployKit.PostJsonAsync(sekretariat, $"/engine-rest/task/{review}/complete",
            """{"variables":{"keputusan":{"value":"revisi","type":"String"}}}""", HttpStatusCode.NoContent);
        var returned = await TaskOfAsync(sekretariat, instanceId, "dlh", "Lengkapi bukti dukung T2.3");
        Assert.NotEqual(dlhTask, returned);

        // The focal point of DLH: its own note and the review note, nothing of DINKES (comment or history line).
        var dlhHtml = await dlh.HtmlAsync($"/tugas/{returned}");
        Assert.Contains("Catatan DLH: bukti menyusul.", dlhHtml, StringComparison.Ordinal);
        Assert.Contains("Lampirkan tangkapan layar SIPSN 2022.", dlhHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Catatan rahasia DINKES.", dlhHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("utas-opd-dinkes", dlhHtml, StringComparison.Ordinal);
        Assert.Contains("utas-sekretariat", dlhHtml, StringComparison.Ordinal);

        // DINKES reads its own thread only.
        var dinkesHtml = await dinkes.HtmlAsync($"/tugas/{dinkesTask}");
        Assert.Contains("Catatan rahasia DINKES.", dinkesHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Catatan DLH", dinkesHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("SIPSN 2022", dinkesHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("utas-opd-dlh", dinkesHtml, StringComparison.Ordinal);

        // The secretariat reads the whole thread of DLH's indicator, still not DINKES's (another thread).
        var secretariatHtml = await secretariatPage.HtmlAsync($"/tugas/{returned}");
        Assert.Contains("Catatan DLH: bukti menyusul.", secretariatHtml, StringComparison.Ordinal);
        Assert.Contains("Lampirkan tangkapan layar SIPSN 2022.", secretariatHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Catatan rahasia DINKES.", secretariatHtml, StringComparison.Ordinal);

        // Recorded: the indicator's tasks share one scope (its sub-process instance), other indicators have their own.
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var scopes = await db.HistoricTasks.Where(t => t.InstanceId == instanceId).ToDictionaryAsync(t => t.Id, t => t.ScopeId);
        Assert.All(scopes.Values, s => Assert.NotNull(s));
        Assert.Equal(scopes[dlhTask], scopes[review]);
        Assert.Equal(scopes[dlhTask], scopes[returned]);
        Assert.NotEqual(scopes[dlhTask], scopes[dinkesTask]);
        Assert.Equal(instanceId, scopes[rakorId]);
    }

    private static async Task CommentAsync(PageSession session, string taskId, string text)
    {
        var page = $"/tugas/{taskId}";
        using var response = await session.PostFormAsync(page, page + "?handler=Komentar", new() { ["pesan_komentar"] = text });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<string> TaskOfAsync(HttpClient client, string instanceId, string group, string? name)
    {
        var tasks = (await DeployKit.GetJsonAsync(client, $"/engine-rest/task?processInstanceId={instanceId}&candidateGroup={group}&maxResults=1000")).EnumerateArray();
        return tasks.First(t => name is null || t.GetProperty("name").GetString() == name).GetProperty("id").GetString()!;
    }
}
