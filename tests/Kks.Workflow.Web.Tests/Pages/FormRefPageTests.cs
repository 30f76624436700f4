using System.Net;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Pages;

/// <summary>
/// A camunda:formRef task on the Tugas page: the deployed form-js schema and the task's data go to the viewer, and a
/// send is checked again on the server (required, bounds; keys outside the schema never become variables).
/// </summary>
[Collection(WebTests.Name)]
public sealed class FormRefPageTests(WebFixture app)
{
    [Fact]
    public async Task FormRefTask_ServerChecksTheViewersData_ThenCompletesWithIt()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var opd = "FR" + suffix[..5].ToUpperInvariant();
        var instance = await FormRefKit.StartAsync(app.Services, "formref_" + suffix, "bukti-sampah-" + suffix, opd);
        string taskId;
        using (var scope = app.Services.CreateScope())
        {
            taskId = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().UserTasks.Where(t => t.InstanceId == instance).Select(t => t.Id).SingleAsync();
        }

        using var focal = await PageSession.SignInAsync(app, "formref-" + suffix, "opd", opd);
        var page = $"/tugas/{taskId}";
        var html = await focal.HtmlAsync(page);
        Assert.Contains("data-testid=\"form-js\"", html, StringComparison.Ordinal);
        Assert.Contains("bukti-sampah-" + suffix, html, StringComparison.Ordinal); // the schema travels to the viewer
        Assert.Contains("\"catatan\":\"awal\"", html, StringComparison.Ordinal); // with the task's variable under its key
        Assert.Contains("form-viewer.js", html, StringComparison.Ordinal);

        // Simpan draf keeps the viewer's data (unchecked) and shows it again.
        using (var draft = await focal.PostFormAsync(page, page + "?handler=Simpan", new() { ["formjs_data"] = """{"ringkasan":"Draf dulu"}""" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        }

        Assert.Contains("\"ringkasan\":\"Draf dulu\"", await focal.HtmlAsync(page), StringComparison.Ordinal);

        // Nothing filled (a browser without the viewer's check, or a forged post): refused, field by field.
        using (var empty = await focal.PostFormAsync(page, page + "?handler=Kirim", new() { ["formjs_data"] = "{}" }))
        {
            var refused = await empty.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
            Assert.Contains("&quot;Ringkasan bukti&quot; wajib diisi.", refused, StringComparison.Ordinal);
            Assert.Contains("&quot;Persentase RT terlayani&quot; wajib diisi.", refused, StringComparison.Ordinal);
        }

        using (var forged = await focal.PostFormAsync(page, page + "?handler=Kirim", new() { ["formjs_data"] = "{bukan json" }))
        {
            Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
            Assert.Contains("&quot;Ringkasan bukti&quot; wajib diisi.", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var tooMuch = await focal.PostFormAsync(page, page + "?handler=Kirim",
                   new() { ["formjs_data"] = """{"ringkasan":"Ada","persen":150}""" }))
        {
            Assert.Contains("&quot;Persentase RT terlayani&quot; paling besar 100.", await tooMuch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var scope = app.Services.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().UserTasks.AnyAsync(t => t.Id == taskId));
        }

        using var sent = await focal.PostFormAsync(page, page + "?handler=Kirim",
            new() { ["formjs_data"] = """{"ringkasan":"Data SIPSN 2022 terlampir.","persen":85,"peran":"admin"}""" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        using var check = app.Services.CreateScope();
        var record = await check.ServiceProvider.GetRequiredService<WorkflowDbContext>().ProcessInstances.AsNoTracking().SingleAsync(i => i.Id == instance);
        var variables = InstanceStateJson.Deserialize(record.StateJson).Root.Variables!;
        Assert.Equal("Data SIPSN 2022 terlampir.", variables["ringkasan"]);
        Assert.Equal(85L, variables["persen"]);
        Assert.False(variables.ContainsKey("peran")); // not a field of the form
        Assert.NotNull(record.EndedAt);
    }

    [Fact]
    public async Task FormRefNotDeployed_SaysSoAndSendsNothing()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var opd = "FM" + suffix[..5].ToUpperInvariant();
        var key = "formref_missing_" + suffix;
        await app.Services.GetRequiredService<Persistence.Deployments.DeploymentService>().DeployAsync(FormRefKit.Bpmn(key, "tidak-ada-" + suffix, opd), key);
        var instance = (await app.Services.GetRequiredService<Persistence.Runtime.WorkflowRuntime>().StartAsync(key, null, null)).InstanceId;
        string taskId;
        using (var scope = app.Services.CreateScope())
        {
            taskId = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().UserTasks.Where(t => t.InstanceId == instance).Select(t => t.Id).SingleAsync();
        }

        using var focal = await PageSession.SignInAsync(app, "formref-missing-" + suffix, "opd", opd);
        var page = $"/tugas/{taskId}";
        Assert.Contains("data-testid=\"form-js-missing\"", await focal.HtmlAsync(page), StringComparison.Ordinal);
        using var post = await focal.PostFormAsync(page, page + "?handler=Kirim", new() { ["formjs_data"] = "{}" });
        Assert.Contains("belum dapat dikirim", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
