using System.Net;
using System.Text.Json;
using Kks.Workflow.Web.Tests.Infrastructure;
using static Kks.Workflow.Web.Tests.Api.Deployments.DeployKit;

namespace Kks.Workflow.Web.Tests.Api.Definitions;

[Collection(WebTests.Name)]
public sealed class DefinitionEndpointTests(WebFixture app)
{
    /// <summary>Two versions of one key, the first's task named "Versi 1", the second's "Versi 2".</summary>
    private static async Task<string> TwoVersionsAsync(HttpClient admin, string prefix)
    {
        var key = Key(prefix);
        await DeployAsync(admin, key, (key + ".bpmn", OneTask(key, taskName: "Versi 1", name: "Proses Uji")));
        await DeployAsync(admin, key, (key + ".bpmn", OneTask(key, taskName: "Versi 2", name: "Proses Uji")));
        return key;
    }

    [Fact]
    public async Task GetByIdAndLatestByKey_CamundaShape()
    {
        using var admin = app.Admin();
        var key = await TwoVersionsAsync(admin, "def_get");
        var latest = await GetJsonAsync(admin, $"/engine-rest/process-definition/key/{key}");
        Assert.Equal(key + ":2", latest.GetProperty("id").GetString());
        Assert.Equal(2, latest.GetProperty("version").GetInt32());
        Assert.Equal("Proses Uji", latest.GetProperty("name").GetString());
        Assert.Equal(key + ".bpmn", latest.GetProperty("resource").GetString());
        Assert.False(latest.GetProperty("suspended").GetBoolean());
        Assert.True(latest.GetProperty("startableInTasklist").GetBoolean());
        foreach (var nullField in new[] { "category", "description", "diagram", "tenantId", "versionTag", "historyTimeToLive" })
        {
            Assert.Equal(JsonValueKind.Null, latest.GetProperty(nullField).ValueKind);
        }

        var first = await GetJsonAsync(admin, $"/engine-rest/process-definition/{key}:1");
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.NotEqual(latest.GetProperty("deploymentId").GetString(), first.GetProperty("deploymentId").GetString());

        var missing = await GetJsonAsync(admin, "/engine-rest/process-definition/tidak_ada:1", HttpStatusCode.NotFound);
        Assert.Equal("InvalidRequestException", missing.GetProperty("type").GetString());
        await GetJsonAsync(admin, "/engine-rest/process-definition/key/tidak_ada", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Xml_ByIdAndByKey_TheVersionsOwnFile()
    {
        using var admin = app.Admin();
        var key = await TwoVersionsAsync(admin, "def_xml");
        var byId = await GetJsonAsync(admin, $"/engine-rest/process-definition/{key}:1/xml");
        Assert.Equal(key + ":1", byId.GetProperty("id").GetString());
        Assert.Contains("Versi 1", byId.GetProperty("bpmn20Xml").GetString(), StringComparison.Ordinal);
        var byKey = await GetJsonAsync(admin, $"/engine-rest/process-definition/key/{key}/xml");
        Assert.Equal(key + ":2", byKey.GetProperty("id").GetString());
        Assert.Contains("Versi 2", byKey.GetProperty("bpmn20Xml").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FiltersSortsPagesCounts()
    {
        using var admin = app.Admin();
        var key = await TwoVersionsAsync(admin, "def_list");
        var other = Key("def_list_lain");
        var otherDeployment = await DeployAsync(admin, other, (other + ".bpmn", OneTask(other, name: "Lain")));

        var all = await GetJsonAsync(admin, $"/engine-rest/process-definition?key={key}&sortBy=version&sortOrder=desc");
        Assert.Equal([2, 1], all.EnumerateArray().Select(d => d.GetProperty("version").GetInt32()));
        var latest = await GetJsonAsync(admin, $"/engine-rest/process-definition?key={key}&latestVersion=true");
        Assert.Equal(key + ":2", Assert.Single(latest.EnumerateArray()).GetProperty("id").GetString());
        var version = await GetJsonAsync(admin, $"/engine-rest/process-definition?key={key}&version=1");
        Assert.Equal(key + ":1", Assert.Single(version.EnumerateArray()).GetProperty("id").GetString());
        var like = await GetJsonAsync(admin, $"/engine-rest/process-definition?keyLike={key[..^8]}%25&sortBy=id&sortOrder=asc&maxResults=1&firstResult=1");
        Assert.Single(like.EnumerateArray());
        var byDeployment = await GetJsonAsync(admin, $"/engine-rest/process-definition?deploymentId={otherDeployment.GetProperty("id").GetString()}");
        Assert.Equal(other, Assert.Single(byDeployment.EnumerateArray()).GetProperty("key").GetString());
        var byName = await GetJsonAsync(admin, $"/engine-rest/process-definition?name=Lain&key={other}");
        Assert.Single(byName.EnumerateArray());
        Assert.Equal(2, (await GetJsonAsync(admin, $"/engine-rest/process-definition/count?key={key}")).GetProperty("count").GetInt32());
        Assert.Equal(1, (await GetJsonAsync(admin, $"/engine-rest/process-definition/count?key={key}&latestVersion=true")).GetProperty("count").GetInt32());

        var badSort = await GetJsonAsync(admin, "/engine-rest/process-definition?sortBy=ukuran&sortOrder=asc", HttpStatusCode.BadRequest);
        Assert.Contains("sortBy", badSort.GetProperty("message").GetString(), StringComparison.Ordinal);
        await GetJsonAsync(admin, "/engine-rest/process-definition?maxResults=-5", HttpStatusCode.BadRequest);
        await GetJsonAsync(admin, "/engine-rest/process-definition?latestVersion=kadang", HttpStatusCode.BadRequest);
        await GetJsonAsync(admin, "/engine-rest/process-definition?version=nol", HttpStatusCode.BadRequest);
        var unknown = await GetJsonAsync(admin, "/engine-rest/process-definition?tenantIdIn=a", HttpStatusCode.BadRequest);
        Assert.Contains("tenantIdIn", unknown.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartById_StartsThatVersion_StartByKey_StartsLatest()
    {
        using var admin = app.Admin();
        var key = await TwoVersionsAsync(admin, "def_start");
        var old = await PostJsonAsync(admin, $"/engine-rest/process-definition/{key}:1/start", """{"businessKey": "def-start-lama"}""");
        Assert.Equal(key + ":1", old.GetProperty("definitionId").GetString());
        Assert.Equal("def-start-lama", old.GetProperty("businessKey").GetString());
        Assert.False(old.GetProperty("ended").GetBoolean());
        Assert.False(old.GetProperty("suspended").GetBoolean());
        Assert.Equal(JsonValueKind.Null, old.GetProperty("variables").ValueKind);
        Assert.EndsWith("/engine-rest/process-instance/" + old.GetProperty("id").GetString(), old.GetProperty("links")[0].GetProperty("href").GetString(), StringComparison.Ordinal);
        var oldTree = await GetJsonAsync(admin, $"/engine-rest/process-instance/{old.GetProperty("id").GetString()}/activity-instances");
        Assert.Equal("Versi 1", oldTree.GetProperty("childActivityInstances")[0].GetProperty("activityName").GetString());

        var latest = await PostJsonAsync(admin, $"/engine-rest/process-definition/key/{key}/start", "{}");
        Assert.Equal(key + ":2", latest.GetProperty("definitionId").GetString());
        var newTree = await GetJsonAsync(admin, $"/engine-rest/process-instance/{latest.GetProperty("id").GetString()}/activity-instances");
        Assert.Equal("Versi 2", newTree.GetProperty("childActivityInstances")[0].GetProperty("activityName").GetString());

        // An empty body starts too (Camunda allows it).
        using var empty = new StringContent("", System.Text.Encoding.UTF8, "application/json");
        await JsonAsync(await admin.PostAsync($"/engine-rest/process-definition/key/{key}/start", empty), HttpStatusCode.OK);
        await PostJsonAsync(admin, $"/engine-rest/process-definition/{key}:9/start", "{}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Start_TypedVariablesRoundTrip()
    {
        using var admin = app.Admin();
        var key = Key("def_vars");
        await DeployAsync(admin, key, (key + ".bpmn", OneTask(key)));
        var started = await PostJsonAsync(admin, $"/engine-rest/process-definition/key/{key}/start", """
            {"businessKey": "def-vars", "withVariablesInReturn": true, "variables": {
              "nama": {"value": "Dinas Kesehatan", "type": "String"},
              "jumlah": {"value": 42, "type": "Integer"},
              "besar": {"value": 9000000000, "type": "Long"},
              "skor": {"value": 87.5, "type": "Double"},
              "lengkap": {"value": true, "type": "Boolean"},
              "tenggat": {"value": "2023-03-24T17:00:00.000+0700", "type": "Date"},
              "rincian": {"value": "{\"opd\": [\"dinkes\", \"bappeda\"]}", "type": "Json"},
              "kosong": {"value": null, "type": "Null"}
            }}
            """);
        var variables = started.GetProperty("variables");
        Assert.Equal(("Dinas Kesehatan", "String"), Typed(variables, "nama", v => v.GetString()));
        Assert.Equal((42, "Integer"), Typed(variables, "jumlah", v => v.GetInt32()));
        Assert.Equal((9000000000L, "Long"), Typed(variables, "besar", v => v.GetInt64()));
        Assert.Equal((87.5, "Double"), Typed(variables, "skor", v => v.GetDouble()));
        Assert.Equal((true, "Boolean"), Typed(variables, "lengkap", v => v.GetBoolean()));
        Assert.Equal(("2023-03-24T17:00:00.000+0700", "Date"), Typed(variables, "tenggat", v => v.GetString()));
        Assert.Equal("Json", variables.GetProperty("rincian").GetProperty("type").GetString());
        Assert.Contains("bappeda", variables.GetProperty("rincian").GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Equal("Null", variables.GetProperty("kosong").GetProperty("type").GetString());

        var read = await GetJsonAsync(admin, $"/engine-rest/process-instance/{started.GetProperty("id").GetString()}/variables?deserializeValues=false");
        Assert.Equal(variables.ToString(), read.ToString());
    }

    private static (T, string?) Typed<T>(JsonElement variables, string name, Func<JsonElement, T> read)
    {
        var variable = variables.GetProperty(name);
        return (read(variable.GetProperty("value")), variable.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("""{"variables": {"jumlah": {"value": "banyak", "type": "Integer"}}}""", "jumlah")]
    [InlineData("""{"variables": {"x": {"value": 1, "type": "Bytes"}}}""", "Bytes")]
    [InlineData("""{"variables": []}""", "variables")]
    [InlineData("""{"businessKey": 12}""", "businessKey")]
    [InlineData("""{"variables": {""", "JSON")]
    [InlineData("""[1, 2]""", "JSON")]
    public async Task Start_BadBody_400NamesTheProblem(string body, string mention)
    {
        using var admin = app.Admin();
        var key = Key("def_bad");
        await DeployAsync(admin, key, (key + ".bpmn", OneTask(key)));
        var error = await PostJsonAsync(admin, $"/engine-rest/process-definition/key/{key}/start", body, HttpStatusCode.BadRequest);
        Assert.Contains(mention, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorization_ReadersRead_ManagersStart_OpdForbidden()
    {
        using var admin = app.Admin();
        var key = Key("def_auth");
        await DeployAsync(admin, key, (key + ".bpmn", OneTask(key)));
        using var opd = await app.UserAsync("def_opd", "opd", "dinkes");
        using var pimpinan = await app.UserAsync("def_pimpinan", "pimpinan");
        using var sekretariat = await app.UserAsync("def_sekretariat", "sekretariat");

        await GetJsonAsync(pimpinan, $"/engine-rest/process-definition?key={key}");
        await GetJsonAsync(pimpinan, $"/engine-rest/process-definition/key/{key}/xml");
        await PostJsonAsync(pimpinan, $"/engine-rest/process-definition/key/{key}/start", "{}", HttpStatusCode.Forbidden);
        await PostJsonAsync(sekretariat, $"/engine-rest/process-definition/key/{key}/start", "{}");
        foreach (var url in new[] { "/engine-rest/process-definition", $"/engine-rest/process-definition/key/{key}", $"/engine-rest/process-definition/{key}:1/xml", "/engine-rest/process-definition/count" })
        {
            await GetJsonAsync(opd, url, HttpStatusCode.Forbidden);
        }

        await PostJsonAsync(opd, $"/engine-rest/process-definition/key/{key}/start", "{}", HttpStatusCode.Forbidden);
        await PostJsonAsync(opd, $"/engine-rest/process-definition/{key}:1/start", "{}", HttpStatusCode.Forbidden);
    }
}
