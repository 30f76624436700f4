using System.Net.Http.Headers;
using System.Text;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence.Entities;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kks.Workflow.Web.Tests.Infrastructure;

/// <summary>
/// The one web fixture: the real app (real pipeline, SQLite file in a temporary data directory, dispatchers running)
/// on a manual clock that tests move. Shared by every web test, so tests keep to their own process keys,
/// business keys and users.
/// </summary>
public sealed class WebFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "Admin-Rahasia-123";

    /// <summary>Monday 6 February 2023, 08:00 WIB: the clock the app sees until a test moves it.</summary>
    public static readonly DateTimeOffset Start = new(2023, 2, 6, 8, 0, 0, TimeSpan.FromHours(7));

    private readonly SemaphoreSlim _userLock = new(1, 1);

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "kks-web-tests-" + Guid.NewGuid().ToString("N"));

    public ManualTimeProvider Clock { get; } = new(Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Seed:AdminPassword", AdminPassword);
        builder.UseSetting("Workflows:Directory", Path.Combine(DataDirectory, "no-workflows"));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public Task InitializeAsync()
    {
        _ = Server; // start the app: migrate, seed
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _userLock.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on a slow shutdown: the temporary folder is left for the OS to clean.
        }
    }

    /// <summary>A client that signs every request in with HTTP Basic.</summary>
    public HttpClient ClientFor(string userName, string password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}")));
        return client;
    }

    public HttpClient Admin() => ClientFor("admin", AdminPassword);

    /// <summary>Creates (once) a user with a role and optionally an OPD, and returns a client signed in as them.</summary>
    public async Task<HttpClient> UserAsync(string userName, string role, string? opdCode = null)
    {
        const string password = "Rahasia-Uji-123";
        await _userLock.WaitAsync();
        try
        {
            using var scope = Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            if (await users.FindByNameAsync(userName) is null)
            {
                var user = new UserAccount { UserName = userName, OpdCode = opdCode, DisplayName = userName };
                var created = await users.CreateAsync(user, password);
                Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }
        }
        finally
        {
            _userLock.Release();
        }

        return ClientFor(userName, password);
    }
}

[CollectionDefinition(Name)]
public sealed class WebTests : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
