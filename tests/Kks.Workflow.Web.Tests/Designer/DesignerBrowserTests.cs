using System.Net;
using System.Text;
using System.Text.Json;
using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Tests.Browser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Kks.Workflow.Web.Tests.Designer.DesignerPageKit;

namespace Kks.Workflow.Web.Tests.Designer;

/// <summary>
/// The designer in Debian's chromium: the secretariat extends a workflow with a user task for an OPD through the
/// panel, sees the lint warning come and go, deploys, and the task reaches that OPD; an invalid model is refused
/// with its problems marked on the elements; big models open fast.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class DesignerBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Secretariat = "dsg.sekretariat";
    private const string OpdCode = "dsg-dlh";
    private const string OpdUser = "dsg.dlh";

    private Task<IPage> SecretariatPageAsync() => SignedInPageAsync(browser, output, Secretariat, "sekretariat");

    private Task DeployAsync(string xml) => DesignerPageKit.DeployAsync(browser, xml);

    private async Task EnsureOpdAsync()
    {
        await DesignerPageKit.EnsureOpdAsync(browser, OpdCode, "Dinas Lingkungan Hidup");
        await browser.EnsureUserAsync(OpdUser, "opd", OpdCode, "Fokal DLH");
    }

    private HttpClient Api(string user, string password) => BasicClient(browser, user, password);

    [Fact]
    public async Task Secretariat_adds_a_task_for_an_OPD_deploys_and_the_task_reaches_that_OPD()
    {
        await EnsureOpdAsync();
        var key = "kks_dsg_" + Guid.NewGuid().ToString("N")[..6];
        await DeployAsync(DesignerModels.Rakor(key));
        var page = await SecretariatPageAsync();

        // the list shows the definition; Buka opens it in the editor
        await page.GotoAsync("/desainer");
        await page.Locator($"tr[data-key='{key}']").GetByRole(AriaRole.Link, new() { Name = "Buka", Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync("[data-kks-designer='editor'][data-ready='true']");
        Assert.Equal(0, await page.Locator("[data-testid='import-warnings'] li").CountAsync());
        Assert.Equal("Buat tugas", await page.Locator(".djs-palette [data-action='create.task']").GetAttributeAsync("aria-label"));

        // remove the end, append a task after the rakor, make it a user task, close with a new end
        await ClickElementAsync(page, "selesai");
        await page.Locator(".djs-context-pad [data-action='delete']").ClickAsync();
        await ClickElementAsync(page, "rakor");
        Assert.Equal("Tambahkan tugas", await page.Locator(".djs-context-pad [data-action='append.append-task']").GetAttributeAsync("title"));
        await page.Locator(".djs-context-pad [data-action='append.append-task']").ClickAsync();
        await page.Keyboard.PressAsync("Escape"); // leave the label's direct editing
        await page.Locator(".djs-context-pad [data-action='replace']").ClickAsync();
        await page.Locator(".djs-popup [data-id='replace-with-user-task']").ClickAsync();
        var taskId = await page.EvaluateAsync<string>("() => window.kksEditor.modeler.get('selection').get()[0].id");
        Assert.StartsWith("Activity_", taskId, StringComparison.Ordinal);
        await page.Locator(".djs-context-pad [data-action='append.end-event']").ClickAsync();
        await ClickElementAsync(page, taskId);

        // the new user task has nobody to receive it: the live lint warns on it
        await page.WaitForFunctionAsync($"() => window.kksEditor.lintIssues().some(i => i.id === '{taskId}' && i.message.includes('belum punya penerima'))");

        // the panel: name, then the KKS group: the OPD from the list (code and name) and a due date from the picker
        await OpenGroupAsync(page, "general", "#bio-properties-panel-name");
        await page.Locator("#bio-properties-panel-name").FillAsync("Kumpulkan bukti DLH");
        var kks = page.Locator(".bio-properties-panel-group[data-group-id='group-kks']");
        Assert.Equal("KKS", (await kks.Locator(".bio-properties-panel-group-header-title").InnerTextAsync()).Trim());
        await OpenGroupAsync(page, "kks", "#bio-properties-panel-kks-candidateGroups");

        var option = page.Locator($"#bio-properties-panel-kks-candidateGroups label:has(#bio-properties-panel-kks-opd-{OpdCode})");
        Assert.Equal($"{OpdCode} — Dinas Lingkungan Hidup", (await option.InnerTextAsync()).Trim());
        await page.Locator($"#bio-properties-panel-kks-opd-{OpdCode}").CheckAsync();
        await page.Locator("#bio-properties-panel-kks-dueDatePicker").FillAsync("2023-03-24");
        await page.WaitForFunctionAsync($"() => !window.kksEditor.lintIssues().some(i => i.id === '{taskId}' && i.message.includes('belum punya penerima'))");
        await Screenshots.SaveAsync(page, "designer-editor-panel-1440");

        // Validasi: clean; Terapkan: version 2
        await page.Locator("[data-action='validate']").ClickAsync();
        await page.Locator("[data-testid='designer-status'].good").WaitForAsync();
        await page.Locator("[data-action='deploy']").ClickAsync();
        await page.Locator("[data-testid='designer-status']:has-text('versi 2')").WaitForAsync();

        // an instance of the new version: after the rakor, the new task is offered to the OPD with its due date
        using var admin = Api("admin", "Admin-Peramban-123");
        var started = await admin.PostAsync($"/engine-rest/process-definition/key/{key}/start", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var instanceId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var tasks = JsonDocument.Parse(await admin.GetStringAsync($"/engine-rest/task?processInstanceId={instanceId}")).RootElement;
        var rakor = Assert.Single(tasks.EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/engine-rest/task/{rakor.GetProperty("id").GetString()}/complete", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);

        using var focal = Api(OpdUser, BrowserFixture.Password);
        var inbox = JsonDocument.Parse(await focal.GetStringAsync($"/engine-rest/task?processInstanceId={instanceId}")).RootElement;
        var task = Assert.Single(inbox.EnumerateArray());
        Assert.Equal("Kumpulkan bukti DLH", task.GetProperty("name").GetString());
        Assert.Equal(taskId, task.GetProperty("taskDefinitionKey").GetString());
        Assert.StartsWith("2023-03-24T23:59:59", task.GetProperty("due").GetString(), StringComparison.Ordinal);
        Assert.Equal(key + ":2", task.GetProperty("processDefinitionId").GetString());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Deploying_an_invalid_model_marks_the_problems_and_deploys_nothing()
    {
        var key = "kks_dsg_bad_" + Guid.NewGuid().ToString("N")[..6];
        var page = await SecretariatPageAsync();
        await OpenEditorAsync(page, "");
        var warnings = await page.EvaluateAsync<string[]>("xml => window.kksEditor.open(xml)", DesignerModels.WithScriptTask(key));
        Assert.Empty(warnings);
        // the live lint already says it before the server does
        await page.WaitForFunctionAsync("() => window.kksEditor.lintIssues().some(i => i.id === 'skrip' && i.category === 'error')");

        await page.Locator("[data-action='deploy']").ClickAsync();
        await page.Locator("[data-testid='designer-status'].bad").WaitForAsync();
        Assert.Contains("Tidak ada yang diterapkan", await page.Locator("[data-testid='designer-status']").InnerTextAsync(), StringComparison.Ordinal);
        var badge = page.Locator(".kks-problem-badge[data-element-id='skrip']");
        Assert.True(await badge.IsVisibleAsync());
        Assert.Contains("tidak didukung", await badge.GetAttributeAsync("title"), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator(".djs-element.kks-problem[data-element-id='skrip']").CountAsync());
        Assert.Contains("skrip", await page.Locator("[data-testid='problems']").InnerTextAsync(), StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "designer-invalid-deploy-1440");

        using var scope = browser.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        Assert.False(context.ProcessDefinitions.Any(d => d.Key == key), "nothing may be deployed from an invalid model");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_301_element_model_opens_in_under_two_seconds()
    {
        var page = await SecretariatPageAsync();
        await OpenEditorAsync(page, "");
        var xml = DesignerModels.Chain("kks_dsg_besar", 149);
        // warm-up with the small model happened on page load; measure the import and first render of the big one
        var result = await page.EvaluateAsync<JsonElement>("""
            async xml => {
              const started = performance.now();
              const warnings = await window.kksEditor.open(xml);
              await new Promise(resolve => requestAnimationFrame(() => resolve()));
              const drawn = performance.now() - started;
              await window.kksEditor.linted;
              return { ms: drawn, linted: performance.now() - started, warnings, elements: window.kksEditor.modeler.get('elementRegistry').filter(e => e.type !== 'label' && e.type !== 'bpmn:Process').length };
            }
            """, xml);
        var ms = result.GetProperty("ms").GetDouble();
        output.WriteLine($"301-element model: drawn in {ms:F0} ms, lint marks after {result.GetProperty("linted").GetDouble():F0} ms, {result.GetProperty("elements").GetInt32()} elements");
        Assert.Equal(301, result.GetProperty("elements").GetInt32());
        Assert.Equal(0, result.GetProperty("warnings").GetArrayLength());
        // Timed, not asserted (speed is measured, never a test's pass mark: a loaded CI machine must not fail the build);
        // the figure is written beside the screenshots and quoted in the README (goal: under 2 s).
        var figures = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(figures);
        await File.WriteAllTextAsync(Path.Combine(figures, "designer-open-301-elements.txt"),
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"301-element model drawn in {ms:F0} ms (goal: under 2000 ms)\n"));
        await page.Context.CloseAsync();
    }
}
