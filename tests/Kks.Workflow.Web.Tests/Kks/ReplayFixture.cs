using System.Net.Http.Headers;
using System.Text;
using Kks.Workflow.Engine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kks.Workflow.Web.Tests.Instruments;

/// <summary>
/// The app as the demo runs it (Seed:Demo with the demo campaign kampar-2023 on the kks-2025 stand-in instrument, the
/// shipped workflows/ deployed at start) on its own manual clock and data directory: the replay moves the clock from
/// February to May 2023, which the shared web fixture's tests must not see.
/// </summary>
public sealed class ReplayFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "Admin-Replay-123";

    /// <summary>Monday 13 February 2023, 08:00 WIB: two days before the rakor.</summary>
    public static readonly DateTimeOffset Start = new(2023, 2, 13, 8, 0, 0, TimeSpan.FromHours(7));

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "kks-replay-" + Guid.NewGuid().ToString("N"));

    public ManualTimeProvider Clock { get; } = new(Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Seed:AdminPassword", AdminPassword);
        builder.UseSetting("Seed:Demo", "true");
        builder.UseSetting("Instruments:DemoCampaignInstrument", "kks-2025");
        builder.UseSetting("Workflows:Directory", RepositoryFolder("workflows"));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public Task InitializeAsync()
    {
        _ = Server;
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

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

    public HttpClient Admin()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{AdminPassword}")));
        return client;
    }

    /// <summary>A folder of the repository (found from the test's output folder upwards).</summary>
    public static string RepositoryFolder(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (Directory.Exists(candidate) && Directory.Exists(Path.Combine(dir.FullName, "src")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(name + " not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class ReplayTests : ICollectionFixture<ReplayFixture>
{
    public const string Name = "kks-replay";
}
