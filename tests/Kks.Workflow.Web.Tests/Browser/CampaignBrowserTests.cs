using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Tests.Instruments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kks.Workflow.Web.Tests.Browser;

/// <summary>
/// The secretariat's main flow on the campaign pages in Chromium on a 360 px phone: a new campaign refused once (the
/// form keeps what was typed) then created, the ODF share recorded, a kelembagaan item answered with a PDF, the
/// campaign started, and a province score drafted per indicator; no page wider than the screen. Screenshots:
/// kampanye-360.png and hasil-provinsi-360.png.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class CampaignBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Secretariat_CreatesRecordsAndStartsACampaign_OnAPhone()
    {
        await SeedAsync();
        await browser.EnsureUserAsync("kampanye.sekretariat", Roles.Sekretariat, displayName: "Sekretariat Tim Pembina");
        var page = await browser.NewPageAsync(360, 740);
        await BrowserFixture.SignInAsync(page, "kampanye.sekretariat");
        await page.GotoAsync("/");
        await page.Locator("nav.main a[href='/kampanye']").ClickAsync();
        await page.GetByTestId("new-campaign").ClickAsync();

        // The first submit forgets the name: refused, everything else kept.
        await page.FillAsync("#kode", "uji-peramban");
        await page.FillAsync("#kabupaten", "Kabupaten Kampar");
        await page.SelectOptionAsync("#instrumen", "kks-2025");
        await page.CheckAsync("input[name='Form.Opds'][value='dinkes']");
        await page.CheckAsync("input[name='Form.Opds'][value='dlh']");
        await page.FillAsync("#rakorDate", "2023-02-15");
        await page.FillAsync("#documentsDueDate", "2023-03-24");
        await page.FillAsync("#verificationDate", "2023-05-02");
        await page.GetByTestId("save-campaign").ClickAsync();
        await Assertions.Expect(page.GetByTestId("error-name")).ToBeVisibleAsync();
        Assert.Equal("Kabupaten Kampar", await page.InputValueAsync("#kabupaten"));
        Assert.True(await page.IsCheckedAsync("input[name='Form.Opds'][value='dlh']"));
        Assert.Equal("2023-03-24", await page.InputValueAsync("#documentsDueDate"));
        await page.FillAsync("#nama", "Penilaian KKS Kabupaten Kampar (uji peramban)");
        await page.GetByTestId("save-campaign").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/kampanye/uji-peramban$"));

        Assert.Contains("Jumat, 24 Maret 2023", await page.GetByTestId("dates").InnerTextAsync(), StringComparison.Ordinal);

        await page.FillAsync("#odf-persen", "84");
        await page.FillAsync("#odf-tanggal", "2023-01-31");
        await page.FillAsync("#odf-sumber", "Aplikasi STBM, unduhan 31 Januari 2023");
        await page.GetByTestId("odf-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("odf-latest")).ToContainTextAsync("84%");
        Assert.Contains("Padapa", await page.GetByTestId("odf-projection").InnerTextAsync(), StringComparison.Ordinal);

        var item = page.Locator("[data-testid=kelembagaan] > li").First;
        var code = (await item.GetAttributeAsync("id"))!["butir-".Length..];
        await item.Locator("summary").ClickAsync();
        await item.Locator("select[name=Ada]").SelectOptionAsync("ya");
        await item.Locator("input[name=Catatan]").FillAsync("SK Bupati Kampar No. 12/2023");
        await item.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "SK Forum KKS.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray(),
        });
        await item.GetByTestId("kl-save-" + code).ClickAsync();
        await Assertions.Expect(page.GetByTestId("state-" + code)).ToHaveTextAsync("Ada");
        await Assertions.Expect(page.Locator($"#butir-{code.Replace(".", "\\.", StringComparison.Ordinal)} [data-testid=file]")).ToHaveTextAsync("SK Forum KKS.pdf");

        await page.GetByTestId("start-campaign").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToContainTextAsync("sudah dimulai");
        await AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "kampanye-360");

        await page.GetByTestId("province-link").ClickAsync();
        await page.SelectOptionAsync("#f-tatanan", "2");
        await page.SelectOptionAsync("#f-opd", "dlh");
        await page.Locator("form.filters button").ClickAsync();
        await page.GetByTestId("score-T2.3").SelectOptionAsync("75");
        await page.GetByTestId("note-T2.3").FillAsync("Lengkapi data SIPSN 2022");
        await page.GetByTestId("save-draft").ClickAsync();
        await Assertions.Expect(page.GetByTestId("done")).ToContainTextAsync("Draf tersimpan");
        Assert.Equal("75", await page.GetByTestId("score-T2.3").InputValueAsync());
        await AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "hasil-provinsi-360");
    }

    private static async Task AssertFitsAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        var culprits = overflow <= 1 ? "" : await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('body *')].filter(e => !e.closest('.scroll') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id + ':' + Math.round(e.getBoundingClientRect().width)).join(', ') + ' | ' + [...document.querySelectorAll('.scroll')].map(e => getComputedStyle(e).overflowX + ':' + Math.round(e.getBoundingClientRect().width) + ':' + e.parentElement.tagName + ':' + Math.round(e.parentElement.getBoundingClientRect().width)).join(', ')");
        Assert.True(overflow <= 1, $"{page.Url} is {overflow} px wider than a 360 px screen: {culprits}");
    }

    /// <summary>The demo OPDs and the shipped workflow (the browser app seeds no demo).</summary>
    private async Task SeedAsync()
    {
        using var scope = browser.Services.CreateScope();
        await KksTestData.EnsureDemoOpdsAsync(scope.ServiceProvider);
        await scope.ServiceProvider.GetRequiredService<DeploymentService>().DeployAsync(await File.ReadAllTextAsync(KksTestData.WorkflowFile()), "kks");
    }
}
