using System.Diagnostics;
using System.Text;
using Kks.Workflow.Web.Tests.Api.ExternalTasks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.ExternalClient;

/// <summary>
/// The app on a real port (Kestrel), its own temporary data directory and the system clock: a separate host from the
/// shared <see cref="Infrastructure.WebFixture"/>, which stays in-memory and on its manual clock.
/// </summary>
public sealed class KestrelWebFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Admin-Rahasia-Kestrel-123";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "kks-web-kestrel-" + Guid.NewGuid().ToString("N"));

    public KestrelWebFactory() => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Seed:AdminPassword", AdminPassword);
        builder.UseSetting("Workflows:Directory", Path.Combine(DataDirectory, "no-workflows"));
    }

    /// <summary>Starts the server and answers its address (http://127.0.0.1:port).</summary>
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

/// <summary>
/// The must-show of the external task API: Camunda's own JavaScript client (camunda-external-task-client-js, a real
/// client nobody here wrote, pinned in package.json with its package-lock.json) subscribes to a topic on the running
/// server, gets the external task of a deployed process, completes it with variables, and the process moves on.
/// </summary>
public sealed class CamundaJsClientTests
{
    private static readonly TimeSpan NodeLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task CamundaJsClient_FetchesAndCompletes_ProcessMovesOn()
    {
        var folder = ClientFolder();
        await NpmCiAsync(folder);
        await using var factory = new KestrelWebFactory();
        var baseUri = factory.Start();
        var app = factory.Services;
        await app.GetRequiredService<Persistence.Deployments.DeploymentService>().DeployAsync(ExtSupport.External("ext_js", "ext-js-topic"));
        var runtime = app.GetRequiredService<Persistence.Runtime.WorkflowRuntime>();
        var instance = (await runtime.StartAsync("ext_js", new Dictionary<string, object?> { ["nama"] = "Budi" }, "ext-js-1")).InstanceId;

        var (exit, output) = await RunAsync("node", folder, NodeLimit, "client.js", new Uri(baseUri, "/engine-rest").ToString(), "admin", KestrelWebFactory.AdminPassword, "ext-js-topic");
        Assert.True(exit == 0, $"node client.js exited {exit}:\n{output}");
        Assert.Contains($"of {instance} (nama=Budi)", output, StringComparison.Ordinal);

        using var scope = app.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<Persistence.WorkflowDbContext>();
        Assert.Equal(["after"], context.UserTasks.Where(t => t.InstanceId == instance).Select(t => t.NodeId).ToList());
        var state = Engine.InstanceStateJson.Deserialize(context.ProcessInstances.Single(i => i.Id == instance).StateJson);
        Assert.Equal("Halo Budi", state.Root.Variables!["salam"]);
        Assert.Equal(42L, state.Root.Variables["jumlah"]);
        Assert.Equal(true, state.Root.Variables["selesai"]);

        // And over the API: no external task is left for the instance.
        using var client = factory.CreateClient();
        client.BaseAddress = baseUri;
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{KestrelWebFactory.AdminPassword}")));
        Assert.Empty((await client.GetJsonAsync($"/engine-rest/external-task?processInstanceId={instance}")).EnumerateArray());
    }

    /// <summary>tests/Kks.Workflow.Web.Tests/ExternalClient in the source tree (the test runs from bin/).</summary>
    private static string ClientFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "ExternalClient", "package-lock.json");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Kks.Workflow.Web.Tests.csproj")))
            {
                return Path.GetDirectoryName(candidate)!;
            }
        }

        throw new InvalidOperationException("tests/Kks.Workflow.Web.Tests/ExternalClient was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>npm ci once: skipped when node_modules was installed from this package-lock.json (npm writes its copy there).</summary>
    private static async Task NpmCiAsync(string folder)
    {
        var installed = Path.Combine(folder, "node_modules", ".package-lock.json");
        if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(Path.Combine(folder, "package-lock.json")))
        {
            return;
        }

        var (exit, output) = await RunAsync("npm", folder, TimeSpan.FromMinutes(5), "ci", "--no-audit", "--no-fund");
        Assert.True(exit == 0, $"npm ci exited {exit}:\n{output}");
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, string folder, TimeSpan limit, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{program} timed out after {limit}:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout + "\n" + await stderr);
    }
}
