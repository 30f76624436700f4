using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Campaigns;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Tests.Instruments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kks.Workflow.Web.Tests.Browser;

/// <summary>
/// The secretariat's readiness dashboard in Chromium with demo data: the Kampar campaign on the kks-2025 stand-in, the
/// shipped workflow run to the review stage with part of the evidence approved and ODF 84%. The four charts draw
/// (Chart.js from the dashboard bundle), their tables are there, and the page fits a 360 px phone. Screenshots:
/// dasbor-1280.png and dasbor-360.png.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class DashboardBrowserTests(BrowserFixture browser)
{
    private const string Campaign = "kampar-dasbor";

    [Fact]
    public async Task Dashboard_DrawsItsChartsWithDemoData_AtDesktopAndPhoneWidth()
    {
        await SeedAsync();
        await browser.EnsureUserAsync("dasbor.sekretariat", Roles.Sekretariat, displayName: "Sekretariat Tim Pembina");

        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "dasbor.sekretariat");
        await page.GotoAsync($"/dasbor?kampanye={Campaign}");
        await page.WaitForSelectorAsync("body[data-charts-drawn='4']");
        foreach (var id in new[] { "chart-tatanan", "chart-opd", "chart-odf", "chart-burndown" })
        {
            var box = await page.Locator($"#{id}").BoundingBoxAsync();
            Assert.True(box is { Width: > 100, Height: > 100 }, $"{id} is not drawn");
        }

        Assert.Equal(9, await page.Locator("[data-testid=tatanan-table] tbody tr").CountAsync());
        Assert.Contains("paling tinggi Padapa", await page.Locator("[data-testid=award-reason]").InnerTextAsync(), StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "dasbor-1280");

        var phone = await browser.NewPageAsync(360, 740);
        await BrowserFixture.SignInAsync(phone, "dasbor.sekretariat");
        await phone.GotoAsync($"/dasbor?kampanye={Campaign}");
        await phone.WaitForSelectorAsync("body[data-charts-drawn='4']");
        var overflow = await phone.EvaluateAsync<int>("() => document.querySelector('main').scrollWidth - document.querySelector('main').clientWidth");
        Assert.True(overflow <= 1, $"the dashboard is {overflow} px wider than a 360 px screen");
        await Screenshots.SaveAsync(phone, "dasbor-360");
    }

    /// <summary>The campaign, the workflow started and past the rakor, a third of the OPD tasks submitted and approved.</summary>
    private async Task SeedAsync()
    {
        using var scope = browser.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        if (await db.Campaigns.AnyAsync(c => c.Id == Campaign))
        {
            return;
        }

        await KksTestData.EnsureDemoOpdsAsync(scope.ServiceProvider);
        await scope.ServiceProvider.GetRequiredService<DemoCampaign>().SeedAsync(Campaign, "kks-2025", CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<CampaignService>().AddOdfShareAsync(Campaign, new OdfShareInput(84, new DateOnly(2023, 1, 31), "Aplikasi STBM"), "sekretariat", CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<DeploymentService>().DeployAsync(
            await File.ReadAllTextAsync(Path.Combine(ReplayFixture.RepositoryFolder("workflows"), "kks-penilaian.bpmn")), "kks");
        var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
        var instance = (await runtime.StartAsync("kks-penilaian", new Dictionary<string, object?> { ["kampanye"] = Campaign }, Campaign)).InstanceId;
        var rakor = await db.UserTasks.AsNoTracking().SingleAsync(t => t.InstanceId == instance);
        await runtime.CompleteTaskAsync(rakor.Id, new Dictionary<string, object?> { ["jumlahOpdHadir"] = 18L });
        List<UserTaskRecord> tasks = [];
        for (var wait = 0; wait < 300 && tasks.Count == 0; wait++)
        {
            await Task.Delay(100);
            tasks = await db.UserTasks.AsNoTracking().Where(t => t.InstanceId == instance).ToListAsync();
        }

        var scores = new[] { "100", "75", "75", "50" };
        foreach (var (task, n) in tasks.Where((_, n) => n % 3 == 0).Select((t, n) => (t, n)))
        {
            await runtime.CompleteTaskAsync(task.Id, new Dictionary<string, object?> { ["nilaiMandiri"] = scores[n % scores.Length] });
        }

        foreach (var review in await db.UserTasks.AsNoTracking().Where(t => t.InstanceId == instance && t.NodeId == "PeriksaBukti").ToListAsync())
        {
            await runtime.CompleteTaskAsync(review.Id, new Dictionary<string, object?> { ["keputusan"] = "setuju" });
        }
    }
}
