using Kks.Workflow.Engine;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;

namespace Kks.Workflow.Web.Tests.Browser;

/// <summary>
/// The app on a real Kestrel port (its own temporary data directory, the same manual clock start as the web fixture so
/// "late" and "due in 3 days" read the same every run) and Debian's chromium driven by Playwright, headless.
/// Playwright's own browser download cannot work here, so the executable is /usr/bin/chromium (KKS_CHROMIUM overrides).
/// Shared by every browser test through the "browser" collection.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the app and browser through IAsyncLifetime.DisposeAsync.")]
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Password = "Rahasia-Peramban-123";

    private BrowserWebFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseUri { get; private set; } = null!;

    public IServiceProvider Services => Factory.Services;

    public ManualTimeProvider Clock => Factory.Clock;

    private BrowserWebFactory Factory => _factory ?? throw new InvalidOperationException("The app is not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public static string ChromiumPath => Environment.GetEnvironmentVariable("KKS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        _factory = new BrowserWebFactory();
        BaseUri = _factory.Start();
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does.");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>A fresh browser context (own cookies) and page at the given window width; phones are 360 px wide.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUri.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "id-ID",
            TimezoneId = "Asia/Jakarta",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Creates the user once (password <see cref="Password"/>).</summary>
    public async Task EnsureUserAsync(string userName, string role, string? opdCode = null, string? displayName = null)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }

        var user = new UserAccount { UserName = userName, OpdCode = opdCode, DisplayName = displayName ?? userName };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    /// <summary>Signs in through the Masuk page as a person would, and waits for the inbox.</summary>
    public static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/masuk");
        await page.GetByLabel("Nama pengguna").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        // The navigation's commit, then the signed-in header of the new page: waiting for the load event timed out
        // twice in CI with the page there ("NetworkIdle event fired", the load event never seen by the waiter).
        await page.WaitForURLAsync("**/kotak-masuk**", new() { WaitUntil = WaitUntilState.Commit });
        await page.GetByTestId("who").WaitForAsync();
    }
}

/// <summary>The app on Kestrel, port 0 (a free one), with the manual clock.</summary>
public sealed class BrowserWebFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "kks-web-browser-" + Guid.NewGuid().ToString("N"));

    public ManualTimeProvider Clock { get; } = new(WebFixture.Start);

    public BrowserWebFactory() => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Seed:AdminPassword", "Admin-Peramban-123");
        builder.UseSetting("App:RegencyName", "Kabupaten Kampar");
        builder.UseSetting("Workflows:Directory", Path.Combine(DataDirectory, "no-workflows"));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public Uri Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean if a file is still held.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
