using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kks.Workflow.Web.Tests.Notifications.Mail;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Kks.Workflow.Web.Tests.Reliability;

/// <summary>
/// The real app (child process) sending mail through an SMTP server that is down (a real python3-aiosmtpd, not yet
/// started on its port): reads still answer, /healthz answers 503 naming the mail fault (Bahasa Indonesia first),
/// the messages wait in the outbox; the SMTP server comes up on the same port and, with no restart, every message
/// arrives and /healthz is 200 again. Short back-offs (1-2 s) so recovery takes seconds, not the default minutes.
/// </summary>
public sealed class MailOutageTests(ITestOutputHelper output) : IDisposable
{
    private const int Messages = 5;
    private const string Password = "Surat-Rahasia-123";
    private const string Model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://kks">
          <bpmn:process id="kabar" name="Uji server surat mati" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="mail" />
            <bpmn:sendTask id="mail" name="Kabari sekretariat" camunda:delegateExpression="${mail}">
              <bpmn:extensionElements><camunda:inputOutput>
                <camunda:inputParameter name="to">sekretariat@kks.example.go.id</camunda:inputParameter>
                <camunda:inputParameter name="judul">Kabar ${nomor}</camunda:inputParameter>
                <camunda:inputParameter name="pesan">Uji server surat mati.</camunda:inputParameter>
              </camunda:inputOutput></bpmn:extensionElements>
            </bpmn:sendTask>
            <bpmn:sequenceFlow id="f2" sourceRef="mail" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "kks-mail-outage-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SmtpDown_ReadsServed_HealthNamesIt_MailWaits_ServerBack_AllArrive_HealthyAgain()
    {
        Directory.CreateDirectory(Path.Combine(_root, "workflows"));
        await File.WriteAllTextAsync(Path.Combine(_root, "workflows", "kabar.bpmn"), Model);
        await using var smtp = SmtpTestServer.Create(Path.Combine(_root, "smtp")); // its port, nobody listening yet
        var environment = new Dictionary<string, string>
        {
            ["Mail__Delivery"] = "Smtp",
            ["Mail__FromAddress"] = "kks@kks.example.go.id",
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail__Smtp__StartTls"] = "false",
            ["Mail__Smtp__PauseAfterOutage"] = "00:00:01",
            ["Dispatchers__OutboxBaseBackoff"] = "00:00:01",
            ["Dispatchers__OutboxMaxBackoff"] = "00:00:02",
            ["Dispatchers__OutboxMaxAttempts"] = "1000", // no dead letters however long a slow machine takes
        };
        using var server = await ServerProcess.StartAsync(
            Path.Combine(_root, "data"), Path.Combine(_root, "workflows"), Password, ServerProcess.FreePort(), TimeSpan.FromSeconds(90), environment);
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{Password}")));

        for (var i = 0; i < Messages; i++)
        {
            using var started = await client.PostAsJsonAsync(
                "engine-rest/process-definition/key/kabar/start", new { variables = new { nomor = new { value = $"M{i}", type = "String" } } });
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        }

        // Down: the health check names the fault, reads answer, the messages wait (none dead).
        var health = await WaitForHealthAsync(client, HttpStatusCode.ServiceUnavailable, "Pengiriman surat gagal");
        Assert.Contains("Mail delivery failing", health, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{smtp.Port}", health, StringComparison.Ordinal);
        using (var read = await client.GetAsync("engine-rest/history/process-instance?processDefinitionKey=kabar"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        await WaitUntilAsync(() => Outbox().Undelivered == Messages, "every instance's mail row written"); // the mail tasks are jobs
        Assert.Equal(0, Outbox().Dead);
        Assert.Empty(smtp.Messages());

        // Back: with no restart every message arrives, once, and the health check is well again.
        var watch = Stopwatch.StartNew();
        await smtp.StartAsync();
        await WaitForHealthAsync(client, HttpStatusCode.OK, "\"status\":\"ok\"");
        var recovered = watch.Elapsed;
        await WaitUntilAsync(() => Outbox().Undelivered == 0, "the waiting mail delivered after the SMTP server's return");

        var received = smtp.Messages();
        Assert.Equal(Enumerable.Range(0, Messages).Select(i => $"[KKS] Kabar M{i}").Order(StringComparer.Ordinal), received.Select(m => m.Subject).Order(StringComparer.Ordinal));
        Counts.Print(output, $"Mail outage: SMTP server down: reads 200, health 503 \"{Problem(health)}\", {Messages} messages waiting, none dead; " +
            $"server back: health 200 after {recovered.TotalSeconds:0.0} s, {received.Count} messages received, each once");
    }

    /// <summary>Polls /healthz (bounded) until it answers this status with this text in its body; returns the body.</summary>
    private static async Task<string> WaitForHealthAsync(HttpClient client, HttpStatusCode status, string text)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync("healthz");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == status && body.Contains(text, StringComparison.Ordinal))
            {
                return body;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"/healthz not {(int)status} with \"{text}\" within 60 s: {(int)response.StatusCode} {body}");
            await Task.Delay(200);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"not within 60 s: {what}");
            await Task.Delay(100);
        }
    }

    private static string Problem(string health)
    {
        using var json = JsonDocument.Parse(health);
        var problem = json.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).First(p => p.StartsWith("Pengiriman surat", StringComparison.Ordinal));
        return problem.Length > 120 ? problem[..120] + "..." : problem;
    }

    /// <summary>The mail rows not yet delivered, and the dead ones.</summary>
    private (long Undelivered, long Dead) Outbox()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_root, "data", "kks-workflow.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FILTER (WHERE delivered_at IS NULL), COUNT(*) FILTER (WHERE dead_at IS NOT NULL) FROM outbox WHERE kind = 'mail'";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temporary-file cleanup.
        }
    }
}
