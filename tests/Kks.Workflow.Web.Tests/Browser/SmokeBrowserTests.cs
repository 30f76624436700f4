using Microsoft.Playwright;

namespace Kks.Workflow.Web.Tests.Browser;

/// <summary>The browser reaches the app: a focal point signs in and sees the layout (regency, name, role, overdue count).</summary>
[Collection(BrowserTests.Name)]
public sealed class SmokeBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task SignIn_ShowsTheLayout()
    {
        await browser.EnsureUserAsync("asap.dinkes", "opd", "DINKES", "Sari Asap");
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "asap.dinkes");

        Assert.Equal("Kabupaten Kampar", await page.GetByTestId("regency").InnerTextAsync());
        var who = await page.GetByTestId("who").InnerTextAsync();
        Assert.Contains("Sari Asap", who, StringComparison.Ordinal);
        Assert.Contains("Petugas OPD", who, StringComparison.Ordinal);
        Assert.Contains("Terlambat", await page.GetByTestId("overdue-count").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Kotak Masuk" }).IsVisibleAsync());
        await Screenshots.SaveAsync(page, "smoke-layout-1280");
        await page.Context.CloseAsync();
    }
}
