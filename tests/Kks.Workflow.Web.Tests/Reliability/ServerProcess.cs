using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kks.Workflow.Web.Tests.Reliability;

/// <summary>
/// The real app as a child process (the Kks.Workflow.Web.dll the build copies beside the tests) on a data
/// directory, so a test can kill it with SIGKILL and start it again on the same files.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<ServerProcess> StartAsync(string dataDirectory, string workflowsDirectory, string adminPassword, int port, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Kks.Workflow.Web.dll");
        Directory.CreateDirectory(dataDirectory);
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Storage__DataDirectory"] = dataDirectory;
        info.Environment["Workflows__Directory"] = workflowsDirectory;
        info.Environment["Seed__AdminPassword"] = adminPassword;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // Short leases: rows the killed process held come back within seconds instead of minutes.
        info.Environment["Dispatchers__TimerLease"] = "00:00:03";
        info.Environment["Dispatchers__JobLease"] = "00:00:03";
        info.Environment["Dispatchers__OutboxLease"] = "00:00:03";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        // Drain the pipes so a chatty server never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited at start with code {process.ExitCode}.");
            }

            try
            {
                if ((await client.GetAsync("healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow first answer.
            }

            await Task.Delay(100);
        }

        server.Kill();
        throw new TimeoutException($"The server did not become healthy within {timeout}.");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush; what was acknowledged must already be on disk.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
