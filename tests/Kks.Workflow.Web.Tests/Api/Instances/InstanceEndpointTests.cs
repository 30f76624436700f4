using System.Net;
using System.Text;
using System.Text.Json;
using Kks.Workflow.Web.Tests.Infrastructure;
using static Kks.Workflow.Web.Tests.Api.Deployments.DeployKit;

namespace Kks.Workflow.Web.Tests.Api.Instances;

[Collection(WebTests.Name)]
public sealed class InstanceEndpointTests(WebFixture app)
{
    private static async Task<string> StartAsync(HttpClient client, string key, string? businessKey = null, string variables = "{}")
    {
        var body = $$"""{"businessKey": {{(businessKey is null ? "null" : $"\"{businessKey}\"")}}, "variables": {{variables}}}""";
        return (await PostJsonAsync(client, $"/engine-rest/process-definition/key/{key}/start", body)).GetProperty("id").GetString()!;
    }

    private static async Task<HttpStatusCode> PutAsync(HttpClient client, string url, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return (await client.PutAsync(url, content)).StatusCode;
    }

    [Fact]
    public async Task List_FiltersRunningInstances()
    {
        using var admin = app.Admin();
        var key = Key("inst_list");
        await DeployAsync(admin, key, (key + ".bpmn", OneTask(key)));
        var a = await StartAsync(admin, key, "inst-list-a");
        var b = await StartAsync(admin, key, "inst-list-b");
        var ended = await StartAsync(admin, key, "inst-list-c");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/engine-rest/process-instance/{ended}")).StatusCode);

        var byKey = await GetJsonAsync(admin, $"/engine-rest/process-instance?processDefinitionKey={key}&sortBy=businessKey&sortOrder=desc");
        Assert.Equal([b, a], byKey.EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var first = byKey[1];
        Assert.Equal(key + ":1", first.GetProperty("definitionId").GetString());
        Assert.Equal(key, first.GetProperty("definitionKey").GetString());
        Assert.False(first.GetProperty("ended").GetBoolean());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("tenantId").ValueKind);

        Assert.Single((await GetJsonAsync(admin, "/engine-rest/process-instance?businessKey=inst-list-a")).EnumerateArray());
        Assert.Equal(2, (await GetJsonAsync(admin, $"/engine-rest/process-instance?businessKeyLike=inst-list-%25&processDefinitionId={key}:1&active=true")).GetArrayLength());
        Assert.Empty((await GetJsonAsync(admin, $"/engine-rest/process-instance?processDefinitionKey={key}&suspended=true")).EnumerateArray());
        Assert.Single((await GetJsonAsync(admin, $"/engine-rest/process-instance?processDefinitionKey={key}&maxResults=1&firstResult=1")).EnumerateArray());
        Assert.Equal(2, (await GetJsonAsync(admin, $"/engine-rest/process-instance/count?processDefinitionKey={key}")).GetProperty("count").GetInt32());

        var posted = await PostJsonAsync(admin, "/engine-rest/process-instance?maxResults=10",
            $$"""{"processDefinitionKey": "{{key}}", "sorting": [{"sortBy": "businessKey", "sortOrder": "asc"}]}""");
        Assert.Equal([a, b], posted.EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var postedCount = await PostJsonAsync(admin, "/engine-rest/process-instance/count", $$"""{"processInstanceIds": ["{{a}}", "{{ended}}"]}""");
        Assert.Equal(1, postedCount.GetProperty("count").GetInt32());

        await GetJsonAsync(admin, "/engine-rest/process-instance?sortBy=umur&sortOrder=asc", HttpStatusCode.BadRequest);
        await GetJsonAsync(admin, "/engine-rest/process-instance?firstResult=-1", HttpStatusCode.BadRequest);
        await PostJsonAsync(admin, "/engine-rest/process-instance", """{"sorting": [{"sortBy": "umur"}]}""", HttpStatusCode.BadRequest);
        await PostJsonAsync(admin, "/engine-rest/process-instance", """{"sorting": [{"sortBy": "businessKey"}]}""", HttpStatusCode.BadRequest);
        await GetJsonAsync(admin, "/engine-rest/process-instance?maxResults=1001", HttpStatusCode.BadRequest);
        await PostJsonAsync(admin, "/engine-rest/process-instance", """{"businessKey": true}""", HttpStatusCode.BadRequest);
        var unknown = await PostJsonAsync(admin, "/engine-rest/process-instance", """{"variables": [{"name": "x", "operator": "eq", "value": 1}]}""", HttpStatusCode.BadRequest);
        Assert.Contains("variables", unknown.GetProperty("message").GetString(), StringComparison.Ordinal);
        await GetJsonAsync(admin, "/engine-rest/process-instance?tenantIdIn=a", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetAndDelete_EndedIs404()
    {
        using var admin = app.Admin();
        var key = Key("inst_get");
        await DeployAsync(admin, key, (key + ".bpmn", OneTask(key)));
        var id = await StartAsync(admin, key, "inst-get");
        var instance = await GetJsonAsync(admin, $"/engine-rest/process-instance/{id}");
        Assert.Equal("inst-get", instance.GetProperty("businessKey").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/engine-rest/process-instance/{id}?deleteReason=salah%20mulai")).StatusCode);
        var gone = await GetJsonAsync(admin, $"/engine-rest/process-instance/{id}", HttpStatusCode.NotFound);
        Assert.Contains("history", gone.GetProperty("message").GetString(), StringComparison.Ordinal);
        await JsonAsync(await admin.DeleteAsync($"/engine-rest/process-instance/{id}"), HttpStatusCode.NotFound);
        await GetJsonAsync(admin, "/engine-rest/process-instance/tidak-ada", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Variables_GetPutDeleteModify()
    {
        using var admin = app.Admin();
        var key = Key("inst_vars");
        await DeployAsync(admin, key, (key + ".bpmn", OneTask(key)));
        var id = await StartAsync(admin, key, variables: """{"nama": {"value": "awal", "type": "String"}, "hapus": {"value": 1, "type": "Integer"}}""");
        var url = $"/engine-rest/process-instance/{id}/variables";

        var one = await GetJsonAsync(admin, $"{url}/nama");
        Assert.Equal("awal", one.GetProperty("value").GetString());
        Assert.Equal("String", one.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Object, one.GetProperty("valueInfo").ValueKind);
        await GetJsonAsync(admin, $"{url}/tidak_ada", HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.NoContent, await PutAsync(admin, $"{url}/tenggat", """{"value": "2023-04-01T09:00:00.000+0700", "type": "Date"}"""));
        Assert.Equal("2023-04-01T09:00:00.000+0700", (await GetJsonAsync(admin, $"{url}/tenggat")).GetProperty("value").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{url}/hapus")).StatusCode);
        await GetJsonAsync(admin, $"{url}/hapus", HttpStatusCode.NotFound);

        using (var patch = new StringContent("""{"modifications": {"nama": {"value": "baru", "type": "String"}, "nilai": {"value": 3.5, "type": "Double"}}, "deletions": ["tenggat"]}""", Encoding.UTF8, "application/json"))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync(url, patch)).StatusCode);
        }

        var all = await GetJsonAsync(admin, url);
        Assert.Equal(["nama", "nilai"], all.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("baru", all.GetProperty("nama").GetProperty("value").GetString());
        Assert.Equal("Double", all.GetProperty("nilai").GetProperty("type").GetString());

        var bad = await PostJsonAsync(admin, url, """{"modifications": {"nilai": {"value": "tinggi", "type": "Double"}}}""", HttpStatusCode.BadRequest);
        Assert.Contains("nilai", bad.GetProperty("message").GetString(), StringComparison.Ordinal);
        await PostJsonAsync(admin, url, """{"deletions": "nama"}""", HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.BadRequest, await PutAsync(admin, $"{url}/nama", """{"value": 1, "type": "Tanggal"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, await PutAsync(admin, $"{url}/nama", ""));
    }

    [Fact]
    public async Task ActivityInstances_ParallelWaitsInTwoTasks()
    {
        using var admin = app.Admin();
        var key = Key("inst_par");
        await DeployAsync(admin, key, (key + ".bpmn", Parallel(key)));
        var id = await StartAsync(admin, key);
        var tree = await GetJsonAsync(admin, $"/engine-rest/process-instance/{id}/activity-instances");

        Assert.Equal(id, tree.GetProperty("id").GetString());
        Assert.Equal(key + ":1", tree.GetProperty("activityId").GetString());
        Assert.Equal("processDefinition", tree.GetProperty("activityType").GetString());
        Assert.Equal(JsonValueKind.Null, tree.GetProperty("parentActivityInstanceId").ValueKind);
        Assert.Equal("Paralel", tree.GetProperty("name").GetString());
        Assert.Empty(tree.GetProperty("childTransitionInstances").EnumerateArray());
        var children = tree.GetProperty("childActivityInstances").EnumerateArray().OrderBy(c => c.GetProperty("activityId").GetString()).ToList();
        Assert.Equal(["a", "b"], children.Select(c => c.GetProperty("activityId").GetString()));
        foreach (var child in children)
        {
            Assert.Equal("userTask", child.GetProperty("activityType").GetString());
            Assert.Equal(id, child.GetProperty("parentActivityInstanceId").GetString());
            Assert.Equal(id, child.GetProperty("processInstanceId").GetString());
            Assert.Equal(key + ":1", child.GetProperty("processDefinitionId").GetString());
            Assert.Single(child.GetProperty("executionIds").EnumerateArray());
            Assert.Empty(child.GetProperty("childActivityInstances").EnumerateArray());
        }

        Assert.Equal(["Tugas A", "Tugas B"], children.Select(c => c.GetProperty("activityName").GetString()));
        Assert.NotEqual(children[0].GetProperty("id").GetString(), children[1].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Authorization_OpdSeesOnlyInstancesWithItsTasks_ManagersWrite()
    {
        using var admin = app.Admin();
        var (mine, theirs) = (Key("inst_auth_mine"), Key("inst_auth_theirs"));
        await DeployAsync(admin, mine, (mine + ".bpmn", OneTask(mine, group: "inst_opd_satu")));
        await DeployAsync(admin, theirs, (theirs + ".bpmn", OneTask(theirs, group: "inst_opd_dua")));
        var visible = await StartAsync(admin, mine, variables: """{"x": {"value": "a", "type": "String"}}""");
        var hidden = await StartAsync(admin, theirs, variables: """{"x": {"value": "a", "type": "String"}}""");
        using var opd = await app.UserAsync("inst_opd_user", "opd", "inst_opd_satu");
        using var pimpinan = await app.UserAsync("inst_pimpinan", "pimpinan");
        using var verifikator = await app.UserAsync("inst_verifikator", "verifikator");

        var listed = await GetJsonAsync(opd, "/engine-rest/process-instance?maxResults=1000");
        Assert.Contains(listed.EnumerateArray(), i => i.GetProperty("id").GetString() == visible);
        Assert.DoesNotContain(listed.EnumerateArray(), i => i.GetProperty("id").GetString() == hidden);
        Assert.Empty((await GetJsonAsync(opd, $"/engine-rest/process-instance?processDefinitionKey={theirs}")).EnumerateArray());
        await GetJsonAsync(opd, $"/engine-rest/process-instance/{visible}");
        await GetJsonAsync(opd, $"/engine-rest/process-instance/{visible}/variables");
        await GetJsonAsync(opd, $"/engine-rest/process-instance/{visible}/activity-instances");
        foreach (var url in new[] { "", "/variables", "/variables/x", "/activity-instances" })
        {
            await GetJsonAsync(opd, $"/engine-rest/process-instance/{hidden}{url}", HttpStatusCode.NotFound);
        }

        // Out of reach: 404 even for writes; in reach but not a manager: 403.
        await JsonAsync(await opd.DeleteAsync($"/engine-rest/process-instance/{hidden}"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, await PutAsync(opd, $"/engine-rest/process-instance/{hidden}/variables/x", """{"value": "b", "type": "String"}"""));
        await JsonAsync(await opd.DeleteAsync($"/engine-rest/process-instance/{visible}"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync(opd, $"/engine-rest/process-instance/{visible}/variables/x", """{"value": "b", "type": "String"}"""));
        await PostJsonAsync(opd, $"/engine-rest/process-instance/{visible}/variables", """{"deletions": ["x"]}""", HttpStatusCode.Forbidden);
        await JsonAsync(await opd.DeleteAsync($"/engine-rest/process-instance/{visible}/variables/x"), HttpStatusCode.Forbidden);

        await GetJsonAsync(pimpinan, $"/engine-rest/process-instance/{hidden}/variables");
        await JsonAsync(await pimpinan.DeleteAsync($"/engine-rest/process-instance/{hidden}"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync(pimpinan, $"/engine-rest/process-instance/{hidden}/variables/x", """{"value": "b", "type": "String"}"""));
        Assert.Empty((await GetJsonAsync(verifikator, "/engine-rest/process-instance")).EnumerateArray());
        await GetJsonAsync(verifikator, $"/engine-rest/process-instance/{visible}", HttpStatusCode.NotFound);
        Assert.Equal("a", (await GetJsonAsync(admin, $"/engine-rest/process-instance/{visible}/variables/x")).GetProperty("value").GetString());
    }

    [Fact]
    public async Task ActivityInstances_SubProcessAndMultiInstanceNest()
    {
        using var admin = app.Admin();
        var key = Key("inst_nest");
        var xml = Process(key, """
            <bpmn:startEvent id="s"/>
            <bpmn:subProcess id="sub" name="Sub">
              <bpmn:startEvent id="ss"/>
              <bpmn:userTask id="inner" name="Di dalam" camunda:candidateGroups="dinkes">
                <bpmn:multiInstanceLoopCharacteristics camunda:collection="${opds}" camunda:elementVariable="opd"/>
              </bpmn:userTask>
              <bpmn:endEvent id="se"/>
              <bpmn:sequenceFlow id="sf1" sourceRef="ss" targetRef="inner"/>
              <bpmn:sequenceFlow id="sf2" sourceRef="inner" targetRef="se"/>
            </bpmn:subProcess>
            <bpmn:endEvent id="e"/>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="sub"/>
            <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="e"/>
            """);
        await DeployAsync(admin, key, (key + ".bpmn", xml));
        var id = await StartAsync(admin, key, variables: """{"opds": {"value": "[\"dinkes\", \"bappeda\"]", "type": "Json"}}""");
        var tree = await GetJsonAsync(admin, $"/engine-rest/process-instance/{id}/activity-instances");

        var sub = Assert.Single(tree.GetProperty("childActivityInstances").EnumerateArray());
        Assert.Equal(("sub", "subProcess"), (sub.GetProperty("activityId").GetString(), sub.GetProperty("activityType").GetString()));
        var body = Assert.Single(sub.GetProperty("childActivityInstances").EnumerateArray());
        Assert.Equal(("inner#multiInstanceBody", "multiInstanceBody"), (body.GetProperty("activityId").GetString(), body.GetProperty("activityType").GetString()));
        Assert.Equal(sub.GetProperty("id").GetString(), body.GetProperty("parentActivityInstanceId").GetString());
        var items = body.GetProperty("childActivityInstances").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, item => Assert.Equal(("inner", "userTask", body.GetProperty("id").GetString()),
            (item.GetProperty("activityId").GetString(), item.GetProperty("activityType").GetString(), item.GetProperty("parentActivityInstanceId").GetString())));
    }
}
