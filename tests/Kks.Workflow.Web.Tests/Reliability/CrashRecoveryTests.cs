using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kks.Workflow.Web.Tests.Notifications.Mail;
using Microsoft.Data.Sqlite;

namespace Kks.Workflow.Web.Tests.Reliability;

/// <summary>
/// The durable runtime's promise, tested on the real app: kill -9 at random moments while clients start instances
/// and complete tasks, timers fire and mail goes out to a real SMTP server (python3-aiosmtpd), start it again, and
/// find every acknowledged command persisted, no instance stuck, every timer fired exactly once, every outbox message
/// delivered and every instance's mail received (a send the kill cut off between the server's acceptance and the
/// row's mark is sent again under the same Message-ID, never under a second one). Bounded: a fixed number of rounds.
/// </summary>
public sealed class CrashRecoveryTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private const int Rounds = 20;
    private const string Password = "Crash-Rahasia-123";

    private static readonly string Model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://kks">
          <bpmn:process id="crash" name="Uji crash" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <bpmn:intermediateCatchEvent id="wait" name="Tunggu sebentar">
              <bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="task" />
            <bpmn:userTask id="task" name="Unggah bukti" camunda:candidateGroups="crash" />
            <bpmn:sequenceFlow id="f3" sourceRef="task" targetRef="mail" />
            <bpmn:sendTask id="mail" name="Kabari sekretariat" camunda:delegateExpression="${mail}">
              <bpmn:extensionElements><camunda:inputOutput>
                <camunda:inputParameter name="to">sekretariat@kks.example.go.id</camunda:inputParameter>
                <camunda:inputParameter name="judul">Bukti diterima ${nomor}</camunda:inputParameter>
                <camunda:inputParameter name="pesan">Uji kill -9.</camunda:inputParameter>
              </camunda:inputOutput></bpmn:extensionElements>
            </bpmn:sendTask>
            <bpmn:sequenceFlow id="f4" sourceRef="mail" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "kks-crash-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentDictionary<string, bool> _startedInstances = new();
    private readonly ConcurrentDictionary<string, string> _completedTasks = new(); // task id -> idempotency key
    private readonly ConcurrentDictionary<string, string> _unacknowledged = new(); // task id -> idempotency key
    private int _acknowledged; // starts and completions the server answered, all rounds together
    private SmtpTestServer? _smtp;

    private void Prepare()
    {
        Directory.CreateDirectory(Path.Combine(_root, "workflows"));
        File.WriteAllText(Path.Combine(_root, "workflows", "crash.bpmn"), Model);
    }

    [Fact]
    public async Task KillNineUnderLoad_NothingAcknowledgedLost_TimersOnce_OutboxDelivered()
    {
        Prepare();
        await using var smtp = await SmtpTestServer.StartNewAsync(Path.Combine(_root, "smtp"));
        _smtp = smtp;
        var random = new Random(20230324);
        var port = ServerProcess.FreePort();
        for (var round = 0; round < Rounds; round++)
        {
            using var server = await StartAsync(port);
            using var client = Client(server);
            await RetryUnacknowledgedAsync(client);
            using var stop = new CancellationTokenSource();
            var load = Task.Run(() => LoadAsync(client, round, stop.Token));
            // The kill lands at a random moment after the load got going: on a busy machine the first answers
            // after a restart can take longer than any fixed delay, and a round that kills before anything was
            // acknowledged tests nothing.
            await ProgressAsync(Volatile.Read(ref _acknowledged));
            await Task.Delay(random.Next(0, 1200));
            server.Kill(); // mid-flight: requests in progress fail on the client's side and stay unacknowledged
            await stop.CancelAsync();
            await load;
        }

        using (var server = await StartAsync(port))
        {
            using var client = Client(server);
            await RetryUnacknowledgedAsync(client);
            await SettleAsync(client);
        }

        Verify();
    }

    private async Task LoadAsync(HttpClient client, int round, CancellationToken stop)
    {
        var n = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var businessKey = $"r{round}-{n++}";
                using var started = await client.PostAsJsonAsync(
                    "engine-rest/process-definition/key/crash/start",
                    new { businessKey, variables = new { nomor = new { value = businessKey, type = "String" } } },
                    stop);
                if (started.IsSuccessStatusCode)
                {
                    using var json = JsonDocument.Parse(await started.Content.ReadAsStringAsync(stop));
                    _startedInstances[json.RootElement.GetProperty("id").GetString()!] = true;
                    Interlocked.Increment(ref _acknowledged);
                }

                foreach (var taskId in await OpenTasksAsync(client, stop))
                {
                    await CompleteAsync(client, taskId, _unacknowledged.GetValueOrDefault(taskId) ?? Guid.NewGuid().ToString("N"), stop);
                }
            }
            catch (Exception error) when (error is HttpRequestException or IOException or System.Net.Sockets.SocketException or OperationCanceledException or JsonException)
            {
                // The server died under us: whatever was not answered is not acknowledged.
                if (stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private async Task ProgressAsync(int before)
    {
        for (var waited = 0; Volatile.Read(ref _acknowledged) == before && waited < 1200; waited++)
        {
            await Task.Delay(50); // up to 60 s for the first acknowledged request of the round
        }
    }

    private async Task CompleteAsync(HttpClient client, string taskId, string key, CancellationToken cancellationToken)
    {
        _unacknowledged[taskId] = key;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"engine-rest/task/{taskId}/complete")
        {
            Content = new StringContent("{\"variables\":{}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            _completedTasks[taskId] = key;
            _unacknowledged.TryRemove(taskId, out _);
            Interlocked.Increment(ref _acknowledged);
        }
    }

    /// <summary>A client that never heard back retries with the same idempotency key: the first result, or the work done now.</summary>
    private async Task RetryUnacknowledgedAsync(HttpClient client)
    {
        foreach (var (taskId, key) in _unacknowledged.ToArray())
        {
            await CompleteAsync(client, taskId, key, CancellationToken.None);
            Assert.True(_completedTasks.ContainsKey(taskId), $"retrying the completion of {taskId} with its key must succeed");
        }
    }

    private static async Task<List<string>> OpenTasksAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync("engine-rest/task?processDefinitionKey=crash&maxResults=20", cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
    }

    /// <summary>Lets the last timers fire and completes what is left, until every instance ended and every message went out.</summary>
    private async Task SettleAsync(HttpClient client)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            foreach (var taskId in await OpenTasksAsync(client, CancellationToken.None))
            {
                await CompleteAsync(client, taskId, Guid.NewGuid().ToString("N"), CancellationToken.None);
            }

            var (active, undelivered) = Query(db => (
                Scalar(db, "SELECT COUNT(*) FROM process_instances WHERE process_key = 'crash' AND status = 'Active'"),
                Scalar(db, "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL")));
            if (active == 0 && undelivered == 0)
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail("The app did not settle within 120 s: instances still running or outbox messages undelivered.");
    }

    private void Verify()
    {
        Query(db =>
        {
            Assert.True(!_startedInstances.IsEmpty && !_completedTasks.IsEmpty, "the load must have done something");
            var instances = Strings(db, "SELECT id FROM process_instances WHERE process_key = 'crash'");
            foreach (var id in _startedInstances.Keys)
            {
                Assert.Contains(id, instances); // every acknowledged start persisted
            }

            Assert.Equal(0, Scalar(db, "SELECT COUNT(*) FROM process_instances WHERE process_key = 'crash' AND status <> 'Completed'")); // none stuck
            // Every instance's one timer fired exactly once, and each task was completed exactly once.
            Assert.Empty(Strings(db, """
                SELECT i.id FROM process_instances i WHERE i.process_key = 'crash'
                AND (SELECT COUNT(*) FROM history h WHERE h.instance_id = i.id AND h.kind = 'TimerFired') <> 1
                """));
            Assert.Empty(Strings(db, "SELECT task_id FROM history WHERE kind = 'TaskCompleted' GROUP BY task_id HAVING COUNT(*) <> 1"));
            var completed = Strings(db, "SELECT task_id FROM history WHERE kind = 'TaskCompleted'");
            foreach (var taskId in _completedTasks.Keys)
            {
                Assert.Contains(taskId, completed); // every acknowledged completion persisted
            }

            Assert.Equal(0, Scalar(db, "SELECT COUNT(*) FROM timers"));
            var delivered = Scalar(db, "SELECT COUNT(*) FROM outbox WHERE kind = 'instance.ended' AND delivered_at IS NOT NULL");
            Assert.Equal(instances.Count, delivered);
            Assert.Equal(instances.Count, Scalar(db, "SELECT COUNT(*) FROM outbox WHERE kind = 'mail' AND delivered_at IS NOT NULL"));

            // Every instance's mail arrived; one received twice (the kill between the server's acceptance and the mark)
            // carries the same Message-ID both times.
            var mail = _smtp!.Messages();
            var idsBySubject = mail.GroupBy(m => m.Subject, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
            foreach (var businessKey in Strings(db, "SELECT business_key FROM process_instances WHERE process_key = 'crash'"))
            {
                var ids = idsBySubject.GetValueOrDefault("[KKS] Bukti diterima " + businessKey);
                Assert.True(ids is { Count: 1 }, $"the mail of {businessKey}: {(ids is null ? "not received" : $"{ids.Count} Message-IDs")}");
            }

            Assert.All(mail, m => Assert.Equal(["sekretariat@kks.example.go.id"], m.RcptTos!));
            Assert.Equal(instances.Count, idsBySubject.Count);
            Counts.Print(output, $"Crash recovery: {Rounds} kill -9 rounds, {_startedInstances.Count} acknowledged starts and {_completedTasks.Count} acknowledged " +
                $"completions all persisted, {instances.Count} instances all completed with their timer fired once, {delivered} outbox messages delivered, " +
                $"{idsBySubject.Count} mails received over SMTP ({mail.Count - idsBySubject.Count} sent again under the same Message-ID)");
            return 0;
        });
    }

    private T Query<T>(Func<SqliteConnection, T> read)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_root, "data", "kks-workflow.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return read(connection);
    }

    private static long Scalar(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static HashSet<string> Strings(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var result = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    private Task<ServerProcess> StartAsync(int port) =>
        ServerProcess.StartAsync(Path.Combine(_root, "data"), Path.Combine(_root, "workflows"), Password, port, TimeSpan.FromSeconds(120), new Dictionary<string, string>
        {
            ["Mail__Delivery"] = "Smtp",
            ["Mail__FromAddress"] = "kks@kks.example.go.id",
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = _smtp!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail__Smtp__StartTls"] = "false",
        });

    private static HttpClient Client(ServerProcess server)
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{Password}")));
        return client;
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
