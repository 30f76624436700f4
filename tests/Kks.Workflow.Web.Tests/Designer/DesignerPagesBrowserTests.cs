using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Web.Tests.Browser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kks.Workflow.Web.Tests.Designer;

/// <summary>Versi (read-only versions, coloured diff) and Formulir (form-js editor with live preview) in the browser.</summary>
[Collection(BrowserTests.Name)]
public sealed class DesignerPagesBrowserTests(BrowserFixture browser)
{
    private async Task<IPage> SignedInAsync(int width = 1440)
    {
        await browser.EnsureUserAsync("dsg.halaman", "sekretariat");
        var page = await browser.NewPageAsync(width, 900);
        await page.GotoAsync("/masuk");
        await page.GetByLabel("Nama pengguna").FillAsync("dsg.halaman");
        await page.GetByLabel("Kata sandi").FillAsync(BrowserFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/masuk", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await page.GetByTestId("who").WaitForAsync(); // the signed-in page, not its load event (see BrowserFixture.SignInAsync)
        return page;
    }

    private Task<FilesDeployment> DeployAsync(string name, params DeploymentFile[] files) =>
        browser.Services.GetRequiredService<DeploymentService>().DeployFilesAsync(new DeploymentRequest(name, files) { DeployedBy = "admin" });

    [Fact]
    public async Task Versi_lists_versions_and_colours_what_changed_between_two()
    {
        var key = "kks_dsg_versi_" + Guid.NewGuid().ToString("N")[..6];
        var first = DesignerModels.Rakor(key);
        var second = first.Replace("name=\"Catat rapat koordinasi\"", "name=\"Catat rapat koordinasi dan daftar hadir\"", StringComparison.Ordinal);
        await DeployAsync("versi", new DeploymentFile("versi.bpmn", first));
        await DeployAsync("versi", new DeploymentFile("versi.bpmn", second));

        var page = await SignedInAsync();
        await page.GotoAsync("/desainer");
        await page.Locator($"tr[data-key='{key}']").GetByRole(AriaRole.Link, new() { Name = "Versi", Exact = true }).ClickAsync();
        Assert.Equal(2, await page.Locator("[data-testid='versions'] tbody tr").CountAsync());
        await page.Locator("button:has-text('Bandingkan')").ClickAsync();
        await page.Locator("[data-testid='diff-newer'][data-kks-rendered='true']").WaitForAsync();
        await page.Locator("[data-testid='diff-older'][data-kks-rendered='true']").WaitForAsync();
        Assert.Contains("0 ditambah, 0 dihapus, 1 diubah", await page.Locator("[data-testid='diff-summary']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("[data-testid='diff-newer'] .djs-element.kks-changed[data-element-id='rakor']").CountAsync());
        await Screenshots.SaveAsync(page, "designer-versions-diff-1440");

        await page.Locator("[data-testid='versions'] tr[data-version='1']").GetByRole(AriaRole.Link, new() { Name = "Lihat", Exact = true }).ClickAsync();
        await page.Locator("[data-testid='version-view'][data-kks-rendered='true']").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid='version-view'] .djs-palette").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Formulir_edits_a_form_with_live_preview_and_deploys_the_next_version()
    {
        var key = "dsg_form_" + Guid.NewGuid().ToString("N")[..6];
        var schema = $$"""{"id": "{{key}}", "type": "default", "schemaVersion": 16, "components": [{"type": "textfield", "key": "nilai", "label": "Skor penilaian mandiri", "id": "Field_1"}]}""";
        await DeployAsync("formulir", new DeploymentFile(key + ".form", schema));

        var page = await SignedInAsync();
        await page.GotoAsync("/desainer/formulir");
        await page.Locator($"[data-testid='forms'] >> text={key}").ClickAsync();
        await page.Locator("[data-kks-form-workbench][data-ready='true']").WaitForAsync();
        Assert.Equal(key, await page.Locator("[data-testid='form-key']").InputValueAsync());
        await page.Locator("[data-testid='form-preview'] >> text=Skor penilaian mandiri").WaitForAsync();
        Assert.True(await page.Locator("[data-testid='form-editor'] .fjs-editor-container").IsVisibleAsync());
        await Screenshots.SaveAsync(page, "designer-form-editor-1440");

        await page.Locator("[data-action='deploy']").ClickAsync();
        await page.Locator("[data-testid='designer-status']:has-text('versi 2')").WaitForAsync();

        await page.Locator("[data-testid='form-key']").FillAsync("bukan id sah");
        await page.Locator("[data-action='deploy']").ClickAsync();
        await page.Locator("[data-testid='designer-status'].bad").WaitForAsync();
        await page.Context.CloseAsync();
    }
}
