using System.Net;
using System.Text;
using System.Text.Json;
using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Tests.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Kks.Workflow.Web.Tests.Designer.DesignerPageKit;

namespace Kks.Workflow.Web.Tests.Designer;

/// <summary>
/// The real KKS workflow in chromium: the secretariat opens workflows/kks-penilaian.bpmn, drops a new task for an OPD
/// on the first flow, deploys the next version, an instance starts, and the OPD's focal point finds the task on the
/// Kotak Masuk page. And the designer's remaining library labels in Bahasa Indonesia (English for an English user).
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class DesignerKksWorkflowBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Process = "kks-penilaian";
    private const string OpdCode = "dsg5-dlh";
    private const string FocalPoint = "dsg5.dlh";

    [Fact]
    public async Task Secretariat_adds_a_task_for_an_OPD_to_the_KKS_workflow_and_the_focal_point_sees_it_in_Kotak_Masuk()
    {
        // the host deploys workflows/ at start (this fixture turns that off, so the test deploys the same file)
        var file = RepositoryFiles.WorkflowFiles().Single(f => f.EndsWith(Process + ".bpmn", StringComparison.Ordinal));
        await DeployAsync(browser, await File.ReadAllTextAsync(file), Process + ".bpmn");
        int before;
        using (var scope = browser.Services.CreateScope())
        {
            before = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().ProcessDefinitions.Where(d => d.Key == Process).MaxAsync(d => d.Version);
        }

        await EnsureOpdAsync(browser, OpdCode, "Dinas Lingkungan Hidup (uji KKS)");
        await browser.EnsureUserAsync(FocalPoint, "opd", OpdCode, "Fokal DLH");
        var page = await SignedInPageAsync(browser, output, "dsg5.sekretariat", "sekretariat");
        await page.GotoAsync("/desainer");
        await page.Locator($"tr[data-key='{Process}']").GetByRole(AriaRole.Link, new() { Name = "Buka", Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync("[data-kks-designer='editor'][data-ready='true']");
        Assert.Equal(0, await page.Locator("[data-testid='import-warnings'] li").CountAsync());

        // make room after the start with the space tool, then drop a task from the palette on the start's flow: bpmn-js
        // splits the flow around it (what a secretariat does to add a step)
        await page.EvaluateAsync("() => window.kksEditor.modeler.get('canvas').zoom(1.0, { x: 200, y: 200 })");
        await page.EvaluateAsync("() => window.kksEditor.modeler.get('canvas').scrollToElement(window.kksEditor.modeler.get('elementRegistry').get('Flow_Mulai_Rakor'))");
        const string FlowMiddle = """
            () => {
              const flow = window.kksEditor.modeler.get('elementRegistry').get('Flow_Mulai_Rakor');
              const [ a, b ] = [ flow.waypoints[0], flow.waypoints[flow.waypoints.length - 1] ];
              const viewbox = window.kksEditor.modeler.get('canvas').viewbox();
              const box = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
              const x = (a.x + b.x) / 2, y = (a.y + b.y) / 2;
              return { x: box.left + (x - viewbox.x) * viewbox.scale, y: box.top + (y - viewbox.y) * viewbox.scale };
            }
            """;
        var room = await page.EvaluateAsync<JsonElement>(FlowMiddle);
        var (sx, sy) = (room.GetProperty("x").GetSingle(), room.GetProperty("y").GetSingle());
        await page.Locator(".djs-palette [data-action='space-tool']").ClickAsync();
        await page.Mouse.MoveAsync(sx, sy + 120);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(sx + 60, sy + 120, new() { Steps = 5 });
        await page.Mouse.MoveAsync(sx + 160, sy + 120, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        var middle = await page.EvaluateAsync<JsonElement>(FlowMiddle);
        await page.Locator(".djs-palette [data-action='create.task']").ClickAsync();
        var (x, y) = (middle.GetProperty("x").GetSingle(), middle.GetProperty("y").GetSingle());
        Assert.True(x > sx + 50, $"the space tool made room: the flow's middle moved from {sx} to {x}");
        await page.Mouse.MoveAsync(x + 5, y);
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.ClickAsync(x, y);
        await page.Keyboard.PressAsync("Escape"); // leave the label's direct editing
        var taskId = await page.EvaluateAsync<string>("() => window.kksEditor.modeler.get('selection').get()[0].id");
        var incoming = await page.EvaluateAsync<string>($"() => window.kksEditor.modeler.get('elementRegistry').get('{taskId}').incoming.map(f => f.source.id).join(',')");
        Assert.Equal("Mulai", incoming);

        // a user task, named, for the OPD, with a due date and the standard ladder
        await page.Locator(".djs-context-pad [data-action='replace']").ClickAsync();
        await page.Locator(".djs-popup [data-id='replace-with-user-task']").ClickAsync();
        taskId = await page.EvaluateAsync<string>("() => window.kksEditor.modeler.get('selection').get()[0].id");
        await OpenGroupAsync(page, "general", "#bio-properties-panel-name");
        await page.Locator("#bio-properties-panel-name").FillAsync("Siapkan data dasar lingkungan");
        await OpenGroupAsync(page, "kks", "#bio-properties-panel-kks-candidateGroups");
        await page.Locator($"#bio-properties-panel-kks-opd-{OpdCode}").CheckAsync();
        await page.Locator("#bio-properties-panel-kks-dueDatePicker").FillAsync("2030-03-22");
        await page.Locator("#bio-properties-panel-kks-deadlinePolicy").SelectOptionAsync("standar");
        await Screenshots.SaveAsync(page, "designer-kks-penilaian-new-task-1440");
        output.WriteLine("lint: " + (await page.EvaluateAsync<JsonElement>("() => window.kksEditor.lintIssues()")).GetRawText());

        await page.Locator("[data-action='deploy']").ClickAsync();
        await page.Locator("[data-testid='designer-status'].good, [data-testid='designer-status'].bad").WaitForAsync();
        var status = await page.Locator("[data-testid='designer-status']").InnerTextAsync();
        Assert.True(status.Contains($"versi {before + 1}", StringComparison.Ordinal), status + " / " + await page.Locator("[data-testid='problems']").InnerTextAsync());

        // an instance of the new version, for a campaign: it waits at the new task, offered to the OPD
        using var admin = BasicClient(browser, "admin", "Admin-Peramban-123");
        var body = """{"businessKey": "dsg5-2030", "variables": {"kampanye": {"value": "dsg5-2030", "type": "String"}}}""";
        var started = await admin.PostAsync($"/engine-rest/process-definition/key/{Process}/start", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var definitionId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("definitionId").GetString();
        Assert.Equal($"{Process}:{before + 1}", definitionId);

        // the focal point signs in and sees it on the Kotak Masuk page
        var focal = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(focal, FocalPoint);
        await focal.GotoAsync("/kotak-masuk?kelompok=opd");
        var row = focal.GetByTestId("task-row").Filter(new() { HasText = "Siapkan data dasar lingkungan" });
        await row.First.WaitForAsync();
        Assert.Contains("2030", await row.First.InnerTextAsync(), StringComparison.Ordinal);
        await Screenshots.SaveAsync(focal, "designer-kks-penilaian-inbox-1280");
        await focal.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Simulation_toggle_lint_summary_and_panel_header_speak_Indonesian_and_English_for_an_English_user()
    {
        await DeployAsync(browser, DesignerModels.Rakor("kks_dsg5_label"));
        var page = await SignedInPageAsync(browser, output, "dsg5.label.id", "sekretariat");
        await OpenEditorAsync(page, "?kunci=kks_dsg5_label");
        await page.EvaluateAsync("() => window.kksEditor.linted");
        Assert.StartsWith("Simulasi token", (await page.Locator(".bts-toggle-mode").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.Equal("Tidak ada masalah", (await page.Locator(".bjsl-button").InnerTextAsync()).Trim());
        Assert.Equal(1, await page.Locator(".bts-palette [title='Ulangi simulasi']").CountAsync());
        await ClickElementAsync(page, "rakor");
        Assert.Equal("Tugas pengguna", (await page.Locator(".bio-properties-panel-header-type").TextContentAsync())!.Trim());

        // the canvas toggle is a keyboard switch, in step with the toolbar's Simulasi button
        await page.Locator(".bts-toggle-mode").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("true", await page.Locator(".bts-toggle-mode").GetAttributeAsync("aria-checked"));
        Assert.Equal("true", await page.Locator("[data-action='simulate']").GetAttributeAsync("aria-pressed"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("false", await page.Locator("[data-action='simulate']").GetAttributeAsync("aria-pressed"));
        await page.Context.CloseAsync();

        var english = await SignedInPageAsync(browser, output, "dsg5.label.en", "sekretariat");
        await english.Locator("#bahasa-pilih").SelectOptionAsync("en");
        await english.Locator("form.language button[type='submit']").ClickAsync();
        await Assertions.Expect(english.Locator("html")).ToHaveAttributeAsync("lang", "en"); // the page back in English (not a load-state wait)
        await OpenEditorAsync(english, "?kunci=kks_dsg5_label");
        await english.EvaluateAsync("() => window.kksEditor.linted");
        Assert.StartsWith("Token simulation", (await english.Locator(".bts-toggle-mode").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.Equal("No Issues", (await english.Locator(".bjsl-button").InnerTextAsync()).Trim());
        await ClickElementAsync(english, "rakor");
        Assert.Equal("User Task", (await english.Locator(".bio-properties-panel-header-type").TextContentAsync())!.Trim());
        await english.Context.CloseAsync();
    }
}
