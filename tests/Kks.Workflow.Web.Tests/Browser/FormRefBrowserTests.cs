using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Tests.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kks.Workflow.Web.Tests.Browser;

/// <summary>
/// A camunda:formRef task in chromium: the form-js viewer bundle draws the deployed form with the task's data, refuses
/// to send while a required field is empty, and Kirim completes the task with the form's data as variables.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class FormRefBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task FocalPoint_FillsAFormJsForm_AndSendsIt()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var opd = "FB" + suffix[..5].ToUpperInvariant();
        var focalName = "formjs-" + suffix;
        var instance = await FormRefKit.StartAsync(browser.Services, "formref_b_" + suffix, "bukti-sampah-b-" + suffix, opd);
        string taskId;
        using (var scope = browser.Services.CreateScope())
        {
            taskId = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().UserTasks.Where(t => t.InstanceId == instance).Select(t => t.Id).SingleAsync();
        }

        await browser.EnsureUserAsync(focalName, "opd", opd);
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, focalName);
        await page.GotoAsync($"/tugas/{taskId}");
        await page.Locator("#form-js[data-kks-rendered='true']").WaitForAsync();
        Assert.Equal("awal", await page.GetByLabel("Catatan").InputValueAsync()); // the task's variable, shown in its field

        // Empty required fields: the viewer marks them and nothing is sent.
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirim", Exact = true }).ClickAsync();
        await page.Locator("#form-js .fjs-form-field-error").First.WaitForAsync();
        Assert.Equal(0, await page.GetByTestId("notice").CountAsync());

        await page.GetByLabel("Ringkasan bukti").FillAsync("Data SIPSN 2022 terlampir.");
        await page.GetByLabel("Persentase RT terlayani").FillAsync("85");
        await Screenshots.SaveAsync(page, "task-formjs-1280");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirim", Exact = true }).ClickAsync();
        Assert.Contains("Terkirim", await page.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);

        using var check = browser.Services.CreateScope();
        var record = await check.ServiceProvider.GetRequiredService<WorkflowDbContext>().ProcessInstances.AsNoTracking().SingleAsync(i => i.Id == instance);
        var variables = Engine.InstanceStateJson.Deserialize(record.StateJson).Root.Variables!;
        Assert.Equal("Data SIPSN 2022 terlampir.", variables["ringkasan"]);
        Assert.Equal(85L, variables["persen"]);
        Assert.NotNull(record.EndedAt);
        await page.Context.CloseAsync();
    }
}
