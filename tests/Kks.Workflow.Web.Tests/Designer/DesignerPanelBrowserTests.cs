using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Tests.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Kks.Workflow.Web.Tests.Designer.DesignerPageKit;

namespace Kks.Workflow.Web.Tests.Designer;

/// <summary>
/// The KKS panel group in chromium: several OPDs by keyboard (checkboxes and chips), the deadline policy, a form from
/// the user's drafts; Terapkan deploys the model with its form, and the engine arms the ladder. A reference to a
/// missing form is refused on its element.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class DesignerPanelBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Secretariat = "dsg2.sekretariat";

    [Fact]
    public async Task Panel_sets_several_OPDs_a_deadline_policy_and_a_draft_form_and_Terapkan_deploys_them_together()
    {
        await EnsureOpdAsync(browser, "dsg2-dlh", "Dinas Lingkungan Hidup");
        await EnsureOpdAsync(browser, "dsg2-pupr", "Dinas Pekerjaan Umum dan Penataan Ruang");
        var key = "kks_dsg2_" + Guid.NewGuid().ToString("N")[..6];
        var formKey = "bukti-" + key;
        await DeployAsync(browser, DesignerModels.Rakor(key));
        var page = await SignedInPageAsync(browser, output, Secretariat, "sekretariat");
        using (var api = BasicClient(browser, Secretariat, BrowserFixture.Password))
        {
            var saved = await api.PutAsJsonAsync($"/api/designer/drafts/form/{formKey}",
                new { name = formKey, content = $$"""{"id": "{{formKey}}", "type": "default", "components": [{"type": "textfield", "key": "catatan", "label": "Catatan"}]}""" });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        await OpenEditorAsync(page, "?kunci=" + key);
        await ClickElementAsync(page, "rakor");
        await OpenGroupAsync(page, "kks", "#bio-properties-panel-kks-candidateGroups");

        // the existing group (not an OPD) is a chip; two OPDs ticked with the keyboard (Space, Tab, Space)
        Assert.Equal("sekretariat", (await page.Locator("[data-testid='kks-opd-chips'] li").First.Locator("span").InnerTextAsync()).Trim());
        await page.Locator("#bio-properties-panel-kks-opd-dsg2-dlh").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Locator("[data-testid='kks-opd-chips'] li[data-code='dsg2-dlh']").WaitForAsync();
        await page.Locator("#bio-properties-panel-kks-opd-dsg2-dlh").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("bio-properties-panel-kks-opd-dsg2-pupr", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.PressAsync("Space");
        await page.Locator("[data-testid='kks-opd-chips'] li[data-code='dsg2-pupr']").WaitForAsync();
        Assert.Equal("dsg2-pupr — Dinas Pekerjaan Umum dan Penataan Ruang",
            (await page.Locator("[data-testid='kks-opd-chips'] li[data-code='dsg2-pupr'] span").InnerTextAsync()).Trim());

        // the chip's remove button, by keyboard: "sekretariat" goes, the two OPDs stay as a comma list
        await page.GetByRole(AriaRole.Button, new() { Name = "Hapus sekretariat" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-testid='kks-opd-chips'] li[data-code='sekretariat']").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Contains("camunda:candidateGroups=\"dsg2-dlh,dsg2-pupr\"", await XmlAsync(page), StringComparison.Ordinal);

        // the deadline policy: offered by name, "(tanpa)" removes the attribute
        var policy = page.Locator("#bio-properties-panel-kks-deadlinePolicy");
        Assert.Equal("(tanpa)", (await policy.Locator("option[value='']").InnerTextAsync()).Trim());
        await policy.SelectOptionAsync("standar");
        Assert.Contains("kks:deadlinePolicy=\"standar\"", await XmlAsync(page), StringComparison.Ordinal);
        await policy.SelectOptionAsync("");
        Assert.DoesNotContain("deadlinePolicy", await XmlAsync(page), StringComparison.Ordinal);
        await policy.SelectOptionAsync("standar");

        // a due date far ahead (every ladder step is still to come) and the form from the user's drafts
        await page.Locator("#bio-properties-panel-kks-dueDatePicker").FillAsync("2030-03-22");
        await page.Locator("#bio-properties-panel-kks-formRef").SelectOptionAsync(formKey);
        await Screenshots.SaveAsync(page, "designer-panel-opds-policy-1440");
        var drawn = await XmlAsync(page);
        Assert.Contains($"camunda:formRef=\"{formKey}\"", drawn, StringComparison.Ordinal);

        await page.Locator("[data-action='deploy']").ClickAsync();
        await page.Locator("[data-testid='designer-status'].good").WaitForAsync();
        var status = await page.Locator("[data-testid='designer-status']").InnerTextAsync();
        output.WriteLine("status after Terapkan: " + status);
        Assert.Contains("versi 2", status, StringComparison.Ordinal);
        Assert.Contains(formKey + " v1", status, StringComparison.Ordinal);

        // the deployed XML carries what the panel set; the form is in the same deployment
        using var admin = BasicClient(browser, "admin", "Admin-Peramban-123");
        var deployed = await admin.GetStringAsync($"/api/designer/definitions/{key}/xml?version=2");
        Assert.Contains("kks:deadlinePolicy=\"standar\"", deployed, StringComparison.Ordinal);
        Assert.Contains("camunda:candidateGroups=\"dsg2-dlh,dsg2-pupr\"", deployed, StringComparison.Ordinal);
        Assert.Contains($"camunda:formRef=\"{formKey}\"", deployed, StringComparison.Ordinal);
        Assert.Contains("camunda:formRefBinding=\"deployment\"", deployed, StringComparison.Ordinal);
        using (var scope = browser.Services.CreateScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            var definition = await context.ProcessDefinitions.AsNoTracking().SingleAsync(d => d.Key == key && d.Version == 2);
            Assert.True(await context.DeploymentResources.AnyAsync(r => r.DeploymentId == definition.DeploymentId && r.FormKey == formKey));
            Assert.False(await context.DesignerDrafts.AnyAsync(d => d.Key == formKey), "the deployed form draft is removed");
        }

        // an instance: the task is offered to both OPDs, and the engine armed the ladder of "standar" for it
        var started = await admin.PostAsync($"/engine-rest/process-definition/key/{key}/start", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var instanceId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        using (var scope = browser.Services.CreateScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            var steps = JsonDocument.Parse((await context.DeadlinePolicies.AsNoTracking().SingleAsync(p => p.Name == "standar")).StepsJson).RootElement.GetArrayLength();
            Assert.Equal(steps, await context.Timers.AsNoTracking().CountAsync(t => t.InstanceId == instanceId && t.NodeId == "rakor"));
            var taskIds = await context.UserTasks.AsNoTracking().Where(t => t.InstanceId == instanceId).Select(t => t.Id).ToListAsync();
            var groups = await context.TaskCandidates.AsNoTracking().Where(c => taskIds.Contains(c.TaskId) && c.Kind == CandidateKind.Group).Select(c => c.Value).ToListAsync();
            Assert.Equal(new[] { "dsg2-dlh", "dsg2-pupr" }, groups.Order(StringComparer.Ordinal).ToArray());
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Terapkan_refuses_a_task_whose_form_does_not_exist_and_marks_it()
    {
        var key = "kks_dsg2_noform_" + Guid.NewGuid().ToString("N")[..6];
        var page = await SignedInPageAsync(browser, output, Secretariat, "sekretariat");
        await OpenEditorAsync(page, "");
        var xml = DesignerModels.Rakor(key).Replace("camunda:candidateGroups=\"sekretariat\"",
            "camunda:candidateGroups=\"sekretariat\" camunda:formRef=\"formulir-hilang\" camunda:formRefBinding=\"deployment\"", StringComparison.Ordinal);
        Assert.Empty(await page.EvaluateAsync<string[]>("xml => window.kksEditor.open(xml)", xml));

        await page.Locator("[data-action='deploy']").ClickAsync();
        await page.Locator("[data-testid='designer-status'].bad").WaitForAsync();
        Assert.Contains("Tidak ada yang diterapkan", await page.Locator("[data-testid='designer-status']").InnerTextAsync(), StringComparison.Ordinal);
        var badge = page.Locator(".kks-problem-badge[data-element-id='rakor']");
        Assert.Contains("formulir 'formulir-hilang' yang tidak ada", await badge.GetAttributeAsync("title"), StringComparison.Ordinal);
        using var scope = browser.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().ProcessDefinitions.AnyAsync(d => d.Key == key));
        await page.Context.CloseAsync();
    }
}
