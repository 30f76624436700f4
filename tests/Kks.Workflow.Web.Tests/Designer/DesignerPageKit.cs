using System.Net.Http.Headers;
using System.Text;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Tests.Browser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kks.Workflow.Web.Tests.Designer;

/// <summary>What the designer's browser tests do again and again: sign in, open the editor, click an element, open a panel group.</summary>
internal static class DesignerPageKit
{
    public static async Task<IPage> SignedInPageAsync(BrowserFixture browser, ITestOutputHelper output, string user, string role, string? opd = null, int width = 1440)
    {
        await browser.EnsureUserAsync(user, role, opd, user);
        var page = await browser.NewPageAsync(width, 900);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                output.WriteLine("browser console: " + message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                output.WriteLine($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
        await page.GotoAsync("/masuk");
        await page.GetByLabel("Nama pengguna").FillAsync(user);
        await page.GetByLabel("Kata sandi").FillAsync(BrowserFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/masuk", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
            await page.GetByTestId("who").WaitForAsync(); // the signed-in page, not its load event (see BrowserFixture.SignInAsync)
        }
        catch (TimeoutException)
        {
            output.WriteLine($"sign-in of {user} stayed on {page.Url}: {await page.Locator("main").InnerTextAsync()}");
            throw;
        }

        return page;
    }

    public static async Task OpenEditorAsync(IPage page, string query)
    {
        await page.GotoAsync("/desainer/editor" + query);
        await page.WaitForSelectorAsync("[data-kks-designer='editor'][data-ready='true']");
    }

    public static async Task ClickElementAsync(IPage page, string id) =>
        await page.Locator($".djs-element[data-element-id='{id}'] .djs-hit").First.ClickAsync(new() { Force = true });

    /// <summary>Opens a properties panel group (they start collapsed) unless the entry is already visible.</summary>
    public static async Task OpenGroupAsync(IPage page, string group, string entry)
    {
        if (!await page.Locator(entry).IsVisibleAsync())
        {
            await page.Locator($".bio-properties-panel-group[data-group-id='group-{group}'] .bio-properties-panel-group-header").ClickAsync();
        }

        await page.Locator(entry).WaitForAsync();
    }

    public static Task<string> XmlAsync(IPage page) => page.EvaluateAsync<string>("() => window.kksEditor.xml()");

    public static HttpClient BasicClient(BrowserFixture browser, string user, string password)
    {
        var client = new HttpClient { BaseAddress = browser.BaseUri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    public static async Task DeployAsync(BrowserFixture browser, string xml, string file = "uji.bpmn")
    {
        var deployments = browser.Services.GetRequiredService<DeploymentService>();
        await deployments.DeployFilesAsync(new DeploymentRequest("uji desainer", [new DeploymentFile(file, xml)]) { DeployedBy = "admin" });
    }

    public static async Task EnsureOpdAsync(BrowserFixture browser, string code, string name)
    {
        using var scope = browser.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        if (await context.Opds.FindAsync(code) is null)
        {
            context.Opds.Add(new OpdRecord { Code = code, Name = name });
            await context.SaveChangesAsync();
        }
    }
}
