using System.Net;
using System.Text.Json;
using Kks.Workflow.Web.Tests.Infrastructure;

namespace Kks.Workflow.Web.Tests.Api.ExternalTasks;

[Collection(WebTests.Name)]
public sealed class ExternalTaskTests(WebFixture app)
{
    private const string Url = "/engine-rest/external-task";

    private async Task<(string Instance, JsonElement Task)> StartAndFetchAsync(string key, string worker, string? businessKey = null)
    {
        await app.DeployAsync(ExtSupport.External(key, key + "-topic"));
        var instance = await app.StartAsync(key, businessKey, new Dictionary<string, object?> { ["nama"] = "Budi", ["umur"] = 40L });
        using var admin = app.Admin();
        var tasks = await admin.PostJsonAsync($"{Url}/fetchAndLock", ExtSupport.Fetch(worker, key + "-topic", variables: ["nama"]));
        var task = Assert.Single(tasks.EnumerateArray(), t => t.GetProperty("processInstanceId").GetString() == instance);
        return (instance, task);
    }

    [Fact]
    public async Task FetchAndLock_ThenComplete_ProcessMovesOn()
    {
        var (instance, task) = await StartAndFetchAsync("ext_complete", "ext-w1", "ext-bk-1");
        Assert.Equal("work", task.GetProperty("activityId").GetString());
        Assert.Equal("ext-w1", task.GetProperty("workerId").GetString());
        Assert.Equal("ext_complete-topic", task.GetProperty("topicName").GetString());
        Assert.Equal("ext-bk-1", task.GetProperty("businessKey").GetString());
        Assert.Equal("ext_complete", task.GetProperty("processDefinitionKey").GetString());
        // Locked until now + lockDuration on the app's clock, written in WIB.
        Assert.Equal(Wib(app.Clock.GetUtcNow().AddMinutes(1)), task.GetProperty("lockExpirationTime").GetString());
        var variables = task.GetProperty("variables");
        Assert.Equal("Budi", variables.GetProperty("nama").GetProperty("value").GetString());
        Assert.Equal("String", variables.GetProperty("nama").GetProperty("type").GetString());
        Assert.False(variables.TryGetProperty("umur", out _));

        using var admin = app.Admin();
        // A second fetch finds it locked.
        var again = await admin.PostJsonAsync($"{Url}/fetchAndLock", ExtSupport.Fetch("ext-w2", "ext_complete-topic"));
        Assert.DoesNotContain(again.EnumerateArray(), t => t.GetProperty("processInstanceId").GetString() == instance);

        var id = task.GetProperty("id").GetString();
        await admin.PostJsonAsync($"{Url}/{id}/complete", new { workerId = "ext-w1", variables = new { hasil = new { value = 7, type = "Integer" } } }, HttpStatusCode.NoContent);
        Assert.Equal(["after"], await app.OpenTasksAsync(instance));
        Assert.Equal(7L, (await app.ProcessVariablesAsync(instance))["hasil"]);
        await admin.GetJsonAsync($"{Url}/{id}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Failure_RetriesZero_IncidentListed_SetRetriesResolvesIt()
    {
        var (instance, task) = await StartAndFetchAsync("ext_fail", "ext-w1");
        var id = task.GetProperty("id").GetString();
        using var admin = app.Admin();
        await admin.PostJsonAsync($"{Url}/{id}/failure", new { workerId = "ext-w1", errorMessage = "Server surat mati", errorDetails = "stack", retries = 0, retryTimeout = 0 }, HttpStatusCode.NoContent);

        using var leader = await app.UserAsync("ext-pimpinan", "pimpinan");
        var incident = Assert.Single((await leader.GetJsonAsync($"/engine-rest/incident?processInstanceId={instance}")).EnumerateArray());
        Assert.Equal("failedExternalTask", incident.GetProperty("incidentType").GetString());
        Assert.Equal(id, incident.GetProperty("configuration").GetString());
        Assert.Equal("work", incident.GetProperty("activityId").GetString());
        Assert.Equal("Server surat mati", incident.GetProperty("incidentMessage").GetString());
        Assert.Equal(incident.GetProperty("id").GetString(), incident.GetProperty("rootCauseIncidentId").GetString());
        var listed = await admin.GetJsonAsync($"{Url}?processInstanceId={instance}&noRetriesLeft=true");
        Assert.Equal("Server surat mati", Assert.Single(listed.EnumerateArray()).GetProperty("errorMessage").GetString());
        // Out of retries: not fetchable.
        var none = await admin.PostJsonAsync($"{Url}/fetchAndLock", ExtSupport.Fetch("ext-w1", "ext_fail-topic"));
        Assert.DoesNotContain(none.EnumerateArray(), t => t.GetProperty("id").GetString() == id);

        (await leader.PutAsync($"/engine-rest/job/{id}/retries", JsonContent(new { retries = 2 }))).AssertStatus(HttpStatusCode.Forbidden);
        (await admin.PutAsync($"/engine-rest/job/{id}/retries", JsonContent(new { retries = 2 }))).AssertStatus(HttpStatusCode.NoContent);
        Assert.Empty((await leader.GetJsonAsync($"/engine-rest/incident?processInstanceId={instance}")).EnumerateArray());
        var refetched = await admin.PostJsonAsync($"{Url}/fetchAndLock", ExtSupport.Fetch("ext-w1", "ext_fail-topic"));
        var back = Assert.Single(refetched.EnumerateArray(), t => t.GetProperty("id").GetString() == id);
        Assert.Equal(2, back.GetProperty("retries").GetInt32());
        Assert.Equal("stack", back.GetProperty("errorDetails").GetString());
    }

    [Fact]
    public async Task BpmnError_CaughtByBoundaryEvent()
    {
        var (instance, task) = await StartAndFetchAsync("ext_error", "ext-w1");
        using var admin = app.Admin();
        await admin.PostJsonAsync($"{Url}/{task.GetProperty("id").GetString()}/bpmnError",
            new { workerId = "ext-w1", errorCode = "DITOLAK", errorMessage = "Berkas tidak lengkap", variables = new { alasan = new { value = "tanpa KTP", type = "String" } } },
            HttpStatusCode.NoContent);
        Assert.Equal(["fix"], await app.OpenTasksAsync(instance));
        Assert.Equal("tanpa KTP", (await app.ProcessVariablesAsync(instance))["alasan"]);
    }

    [Fact]
    public async Task LongPolling_ReturnsWhenATaskAppears()
    {
        await app.DeployAsync(ExtSupport.External("ext_poll", "ext_poll-topic"));
        using var admin = app.Admin();
        var fetching = admin.PostJsonAsync($"{Url}/fetchAndLock", ExtSupport.Fetch("ext-poller", "ext_poll-topic", asyncResponseTimeout: 30_000));
        // The fetch is waiting (nothing to lock yet); the instance starts while it waits.
        await Task.Yield();
        Assert.False(fetching.IsCompleted);
        var instance = await app.StartAsync("ext_poll");
        var tasks = await fetching.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(instance, Assert.Single(tasks.EnumerateArray()).GetProperty("processInstanceId").GetString());
    }

    [Fact]
    public async Task LongPolling_NothingComes_AnswersEmptyAfterTheTimeout()
    {
        using var admin = app.Admin();
        var tasks = await admin.PostJsonAsync($"{Url}/fetchAndLock", ExtSupport.Fetch("ext-poller", "ext-no-such-topic", asyncResponseTimeout: 300));
        Assert.Empty(tasks.EnumerateArray());
    }

    [Fact]
    public async Task OtherWorker_400_HolderExtendsAndUnlocks()
    {
        var (instance, task) = await StartAndFetchAsync("ext_lock", "ext-w1");
        var id = task.GetProperty("id").GetString();
        using var admin = app.Admin();
        var error = await admin.PostJsonAsync($"{Url}/{id}/complete", new { workerId = "ext-w2" }, HttpStatusCode.BadRequest);
        Assert.Equal("BadUserRequestException", error.GetProperty("type").GetString());
        Assert.Contains("ext-w1", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await admin.PostJsonAsync($"{Url}/{id}/extendLock", new { workerId = "ext-w2", newDuration = 1000 }, HttpStatusCode.BadRequest);
        await admin.PostJsonAsync($"{Url}/{id}/failure", new { workerId = "ext-w2", retries = 0 }, HttpStatusCode.BadRequest);

        await admin.PostJsonAsync($"{Url}/{id}/extendLock", new { workerId = "ext-w1", newDuration = 600_000 }, HttpStatusCode.NoContent);
        Assert.Equal(Wib(app.Clock.GetUtcNow().AddMinutes(10)), (await admin.GetJsonAsync($"{Url}/{id}")).GetProperty("lockExpirationTime").GetString());
        Assert.Single((await admin.GetJsonAsync($"{Url}?workerId=ext-w1&locked=true&processInstanceId={instance}")).EnumerateArray());

        (await admin.PostAsync($"{Url}/{id}/unlock", null)).AssertStatus(HttpStatusCode.NoContent);
        var notLocked = await admin.PostJsonAsync($"{Url}/{id}/complete", new { workerId = "ext-w1" }, HttpStatusCode.BadRequest);
        Assert.Contains("not locked", (await EnglishAsync(admin, $"{Url}/{id}/complete", new { workerId = "ext-w1" })), StringComparison.Ordinal);
        Assert.Equal("BadUserRequestException", notLocked.GetProperty("type").GetString());
        var taken = await admin.PostJsonAsync($"{Url}/fetchAndLock", ExtSupport.Fetch("ext-w2", "ext_lock-topic"));
        Assert.Contains(taken.EnumerateArray(), t => t.GetProperty("id").GetString() == id);
        await admin.PostJsonAsync($"{Url}/{id}/complete", new { workerId = "ext-w2" }, HttpStatusCode.NoContent);
        Assert.Equal(["after"], await app.OpenTasksAsync(instance));
    }

    [Fact]
    public async Task BadInputAndRoles()
    {
        using var admin = app.Admin();
        var noWorker = await admin.PostJsonAsync($"{Url}/fetchAndLock", new { maxTasks = 1, topics = new[] { new { topicName = "x", lockDuration = 1000 } } }, HttpStatusCode.BadRequest);
        Assert.Contains("workerId", noWorker.GetProperty("message").GetString(), StringComparison.Ordinal);
        var noLock = await admin.PostJsonAsync($"{Url}/fetchAndLock", new { workerId = "w", maxTasks = 1, topics = new[] { new { topicName = "x" } } }, HttpStatusCode.BadRequest);
        Assert.Contains("lockDuration", noLock.GetProperty("message").GetString(), StringComparison.Ordinal);
        await admin.PostJsonAsync($"{Url}/fetchAndLock", new { workerId = "w", maxTasks = "satu", topics = Array.Empty<object>() }, HttpStatusCode.BadRequest);
        await admin.PostJsonAsync($"{Url}/fetchAndLock", new { workerId = "w", maxTasks = -1, topics = Array.Empty<object>() }, HttpStatusCode.BadRequest);
        await admin.PostJsonAsync($"{Url}/no-such-task/complete", new { workerId = "w" }, HttpStatusCode.NotFound);
        await admin.GetJsonAsync($"{Url}?sortBy=nama&sortOrder=asc", HttpStatusCode.BadRequest);

        using var secretariat = await app.UserAsync("ext-sekretariat", "sekretariat");
        await secretariat.PostJsonAsync($"{Url}/fetchAndLock", ExtSupport.Fetch("w", "x"), HttpStatusCode.Forbidden);
        await secretariat.GetJsonAsync(Url, HttpStatusCode.Forbidden);
    }

    private static async Task<string> EnglishAsync(HttpClient client, string url, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent(body) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        var response = await client.SendAsync(request);
        return (await ExtSupport.ReadAsync(response, HttpStatusCode.BadRequest)).GetProperty("message").GetString()!;
    }

    /// <summary>A time as the API writes it: Camunda's format in WIB.</summary>
    internal static string Wib(DateTimeOffset time) =>
        time.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0700'", System.Globalization.CultureInfo.InvariantCulture);

    internal static System.Net.Http.Json.JsonContent JsonContent(object body) => System.Net.Http.Json.JsonContent.Create(body);
}

internal static class ResponseAssertions
{
    public static void AssertStatus(this HttpResponseMessage response, HttpStatusCode expected) =>
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
}
