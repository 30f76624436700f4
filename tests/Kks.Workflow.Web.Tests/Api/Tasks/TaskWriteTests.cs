using System.Net;
using System.Text;
using System.Text.Json;
using Kks.Workflow.Web.Tests.Infrastructure;

namespace Kks.Workflow.Web.Tests.Api.Tasks;

[Collection(WebTests.Name)]
public sealed class TaskWriteTests(WebFixture app)
{
    private readonly TaskKit _kit = new(app);

    [Fact]
    public async Task ClaimUnclaimAssignee_ChangeTheAssignee_ClaimOfHeldTask409()
    {
        await _kit.DeployAsync();
        var id = await _kit.TaskOfAsync(await _kit.StartAsync($"tasks-c-{_kit.Suffix}"));
        using var admin = app.Admin();
        async Task<string?> Assignee() => (await TaskKit.GetJsonAsync(admin, $"/engine-rest/task/{id}")).GetProperty("assignee").GetString();

        await TaskKit.PostAsync(admin, $"/engine-rest/task/{id}/claim", new { userId = "tasks-ani" }, HttpStatusCode.NoContent);
        Assert.Equal("tasks-ani", await Assignee());
        var conflict = await TaskKit.PostAsync(admin, $"/engine-rest/task/{id}/claim", new { userId = "tasks-budi" }, HttpStatusCode.Conflict);
        TaskKit.AssertError(conflict, "TaskAlreadyClaimedException", "tasks-ani");
        await TaskKit.PostAsync(admin, $"/engine-rest/task/{id}/unclaim", new { }, HttpStatusCode.NoContent);
        Assert.Null(await Assignee());
        await TaskKit.PostAsync(admin, $"/engine-rest/task/{id}/assignee", new { userId = "tasks-cici" }, HttpStatusCode.NoContent);
        Assert.Equal("tasks-cici", await Assignee());
        await TaskKit.PostAsync(admin, $"/engine-rest/task/{id}/assignee", new { userId = "tasks-dedi" }, HttpStatusCode.NoContent);
        Assert.Equal("tasks-dedi", await Assignee());
        await TaskKit.PostJsonAsync(admin, $"/engine-rest/task/{id}/assignee", "{\"userId\": null}", HttpStatusCode.NoContent);
        Assert.Null(await Assignee());
        TaskKit.AssertError(await TaskKit.PostJsonAsync(admin, $"/engine-rest/task/{id}/claim", "{}", HttpStatusCode.BadRequest), "InvalidRequestException", "userId");
        TaskKit.AssertError(await TaskKit.PostJsonAsync(admin, $"/engine-rest/task/{id}/claim", "{\"userId\": ", HttpStatusCode.BadRequest), "InvalidRequestException", "JSON");
    }

    [Fact]
    public async Task Complete_TypedVariables_LandTypedAndTheProcessMovesOn()
    {
        await _kit.DeployAsync();
        var instance = await _kit.StartAsync($"tasks-t-{_kit.Suffix}");
        var id = await _kit.TaskOfAsync(instance);
        using var admin = app.Admin();
        const string body = """
            {"variables": {
              "teks": {"value": "halo", "type": "String"},
              "bulat": {"value": 42, "type": "Integer"},
              "panjang": {"value": 9000000000, "type": "Long"},
              "pecahan": {"value": 2.5, "type": "Double"},
              "benar": {"value": true, "type": "Boolean"},
              "tanggal": {"value": "2023-03-24T17:00:00.000+0700", "type": "Date"},
              "data": {"value": "{\"a\": [1, 2]}", "type": "Json"},
              "kosong": {"value": null, "type": "Null"}
            }}
            """;

        await TaskKit.PostJsonAsync(admin, $"/engine-rest/task/{id}/complete", body, HttpStatusCode.NoContent);
        var next = await _kit.TaskOfAsync(instance);
        var variables = await TaskKit.GetJsonAsync(admin, $"/engine-rest/task/{next}/variables");

        Assert.NotEqual(id, next);
        Assert.Equal("periksa", (await TaskKit.GetJsonAsync(admin, $"/engine-rest/task/{next}")).GetProperty("taskDefinitionKey").GetString());
        Assert.Equal(("halo", "String"), (variables.GetProperty("teks").GetProperty("value").GetString(), variables.GetProperty("teks").GetProperty("type").GetString()));
        Assert.Equal((42, "Integer"), (variables.GetProperty("bulat").GetProperty("value").GetInt32(), variables.GetProperty("bulat").GetProperty("type").GetString()));
        Assert.Equal((9000000000L, "Long"), (variables.GetProperty("panjang").GetProperty("value").GetInt64(), variables.GetProperty("panjang").GetProperty("type").GetString()));
        Assert.Equal((2.5, "Double"), (variables.GetProperty("pecahan").GetProperty("value").GetDouble(), variables.GetProperty("pecahan").GetProperty("type").GetString()));
        Assert.Equal((true, "Boolean"), (variables.GetProperty("benar").GetProperty("value").GetBoolean(), variables.GetProperty("benar").GetProperty("type").GetString()));
        Assert.Equal(("2023-03-24T17:00:00.000+0700", "Date"), (variables.GetProperty("tanggal").GetProperty("value").GetString(), variables.GetProperty("tanggal").GetProperty("type").GetString()));
        Assert.Equal("Json", variables.GetProperty("data").GetProperty("type").GetString());
        using (var json = JsonDocument.Parse(variables.GetProperty("data").GetProperty("value").GetString()!))
        {
            Assert.Equal(2, json.RootElement.GetProperty("a").GetArrayLength());
        }

        Assert.Equal((JsonValueKind.Null, "Null"), (variables.GetProperty("kosong").GetProperty("value").ValueKind, variables.GetProperty("kosong").GetProperty("type").GetString()));
    }

    [Theory]
    [InlineData("{\"variables\": {\"n\": {\"value\": \"abc\", \"type\": \"Integer\"}}}", "Integer")]
    [InlineData("{\"variables\": {\"n\": {\"value\": 1, \"type\": \"Kalender\"}}}", "Kalender")]
    [InlineData("{\"variables\": [1]}", "variables")]
    [InlineData("{\"variables\": {}, \"withVariablesInReturn\": \"ya\"}", "withVariablesInReturn")]
    [InlineData("{\"variables\": {", "JSON")]
    public async Task Complete_BadBody_400AndTheTaskStaysOpen(string body, string named)
    {
        await _kit.DeployAsync();
        var id = await _kit.TaskOfAsync(await _kit.StartAsync($"tasks-bad-{_kit.Suffix}"));
        using var admin = app.Admin();

        var error = await TaskKit.PostJsonAsync(admin, $"/engine-rest/task/{id}/complete", body, HttpStatusCode.BadRequest);

        TaskKit.AssertError(error, "InvalidRequestException", named);
        await TaskKit.GetJsonAsync(admin, $"/engine-rest/task/{id}");
    }

    [Fact]
    public async Task Complete_WithVariablesInReturn_200WithTheVariables()
    {
        await _kit.DeployAsync();
        var id = await _kit.TaskOfAsync(await _kit.StartAsync($"tasks-r-{_kit.Suffix}"));
        using var admin = app.Admin();

        var variables = await TaskKit.PostJsonAsync(admin, $"/engine-rest/task/{id}/complete",
            """{"variables": {"hasil": {"value": "lengkap", "type": "String"}}, "withVariablesInReturn": true}""", HttpStatusCode.OK);

        Assert.Equal("lengkap", variables.GetProperty("hasil").GetProperty("value").GetString());
        Assert.Equal("String", variables.GetProperty("opd").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Complete_Twice_SecondIs409UnlessTheSameIdempotencyKey()
    {
        await _kit.DeployAsync();
        var first = await _kit.TaskOfAsync(await _kit.StartAsync($"tasks-i-{_kit.Suffix}"));
        var second = await _kit.TaskOfAsync(await _kit.StartAsync($"tasks-i-{_kit.Suffix}"));
        using var admin = app.Admin();

        async Task<HttpResponseMessage> Complete(string id, string? key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/engine-rest/task/{id}/complete") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            return await admin.SendAsync(request);
        }

        var key = "k-" + _kit.Suffix;
        Assert.Equal(HttpStatusCode.NoContent, (await Complete(first, key)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Complete(first, key)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Complete(first, "another-" + key)).StatusCode); // a lost race: someone completed it first
        Assert.Equal(HttpStatusCode.NoContent, (await Complete(second, null)).StatusCode);
        var again = await Complete(second, null);
        TaskKit.AssertError(await TaskKit.ReadAsync(again, HttpStatusCode.Conflict), "TaskAlreadyCompletedException", "selesai");
    }

    [Fact]
    public async Task Put_ByAdmin_ChangesNameDueFollowUpPriorityAssignee()
    {
        await _kit.DeployAsync();
        var id = await _kit.TaskOfAsync(await _kit.StartAsync($"tasks-p-{_kit.Suffix}"));
        using var admin = app.Admin();
        var read = await TaskKit.GetJsonAsync(admin, $"/engine-rest/task/{id}");

        // A client sends back what it read, with its changes: the fixed members are accepted and left as they are.
        var dto = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(read.GetRawText())!;
        var sent = dto.ToDictionary(p => p.Key, p => (object?)p.Value);
        sent["name"] = "Isi bukti (revisi)";
        sent["due"] = "2023-04-01T12:00:00.000+0700";
        sent["followUp"] = "2023-03-30T09:00:00.000+0700";
        sent["priority"] = 80;
        sent["assignee"] = "tasks-eko";
        await TaskKit.PutJsonAsync(admin, $"/engine-rest/task/{id}", JsonSerializer.Serialize(sent), HttpStatusCode.NoContent);
        var after = await TaskKit.GetJsonAsync(admin, $"/engine-rest/task/{id}");
        await TaskKit.PutJsonAsync(admin, $"/engine-rest/task/{id}", """{"followUp": null, "assignee": null}""", HttpStatusCode.NoContent);
        var cleared = await TaskKit.GetJsonAsync(admin, $"/engine-rest/task/{id}");
        var bad = await TaskKit.PutJsonAsync(admin, $"/engine-rest/task/{id}", """{"priority": "tinggi"}""", HttpStatusCode.BadRequest);
        var badDate = await TaskKit.PutJsonAsync(admin, $"/engine-rest/task/{id}", """{"due": "besok"}""", HttpStatusCode.BadRequest);

        Assert.Equal("Isi bukti (revisi)", after.GetProperty("name").GetString());
        Assert.Equal("2023-04-01T12:00:00.000+0700", after.GetProperty("due").GetString());
        Assert.Equal("2023-03-30T09:00:00.000+0700", after.GetProperty("followUp").GetString());
        Assert.Equal(80, after.GetProperty("priority").GetInt32());
        Assert.Equal("tasks-eko", after.GetProperty("assignee").GetString());
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("followUp").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("assignee").ValueKind);
        Assert.Equal("2023-04-01T12:00:00.000+0700", cleared.GetProperty("due").GetString());
        TaskKit.AssertError(bad, "InvalidRequestException", "priority");
        TaskKit.AssertError(badDate, "InvalidRequestException", "due");
    }
}
