using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Kks.Workflow.Web.Tests.Notifications.Mail;

/// <summary>A message as Python's email package parsed it (from the SMTP server or an .eml file).</summary>
public sealed record ReceivedMail(
    string MessageId, string Subject, string To, string From, string ContentType, string? Text, string? Html, IReadOnlyList<string>? RcptTos, string? MailFrom);

/// <summary>
/// A real SMTP server for tests: Debian's python3-aiosmtpd on a free loopback port (mailbox.py beside this file),
/// writing each accepted message, parsed, to a folder. <see cref="StopAsync"/> and <see cref="StartAsync"/> take it
/// down and bring it back on the same port (the outage test).
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private Process? _process;

    private SmtpTestServer(int port, string folder)
    {
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    public string Folder { get; }

    public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    public static string Script([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "mailbox.py");

    /// <summary>A free port, not yet listened on (the server is down until <see cref="StartAsync"/>).</summary>
    public static SmtpTestServer Create(string folder)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new SmtpTestServer(port, folder);
    }

    public static async Task<SmtpTestServer> StartNewAsync(string folder)
    {
        var server = Create(folder);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Script(), "serve", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Folder })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != "ready")
        {
            throw new InvalidOperationException("aiosmtpd did not start: " + await _process.StandardError.ReadToEndAsync(timeout.Token));
        }
    }

    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        _process.Dispose();
        _process = null;
    }

    public IReadOnlyList<ReceivedMail> Messages() =>
        Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal)
                .Select(f => JsonSerializer.Deserialize<ReceivedMail>(File.ReadAllText(f), Json)!).ToList()
            : [];

    /// <summary>Parses .eml files (the pickup folder) with the same Python parser.</summary>
    public static async Task<IReadOnlyList<ReceivedMail>> ParseFilesAsync(IEnumerable<string> files)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script());
        start.ArgumentList.Add("parse");
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<ReceivedMail>(l, Json)!).ToList();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };
}
