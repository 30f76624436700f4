using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Kks.Workflow.Web.Tests.Api.Deployments;

/// <summary>Small BPMN models, multipart deployments and JSON reading for the deployment, definition and instance tests.</summary>
internal static class DeployKit
{
    public static string Process(string id, string body, string name = "Proses") => Infrastructure.TestBpmn.Process(id, body, name);

    public static string Flows(params string[] chain) => Infrastructure.TestBpmn.Flows(chain);

    /// <summary>start → one user task offered to <paramref name="group"/> → end.</summary>
    public static string OneTask(string id, string group = "dinkes", string taskName = "Tugas", string name = "Proses") => Process(id, $"""
        <bpmn:startEvent id="s"/>
        <bpmn:userTask id="t" name="{taskName}" camunda:candidateGroups="{group}"/>
        <bpmn:endEvent id="e"/>
        """ + Flows("s", "t", "e"), name);

    /// <summary>start → fork → (a, b) → join → end: waits in two tasks at once.</summary>
    public static string Parallel(string id) => Process(id, """
        <bpmn:startEvent id="s"/>
        <bpmn:parallelGateway id="fork"/>
        <bpmn:userTask id="a" name="Tugas A" camunda:candidateGroups="dinkes"/>
        <bpmn:userTask id="b" name="Tugas B" camunda:candidateGroups="dinkes"/>
        <bpmn:parallelGateway id="join"/>
        <bpmn:endEvent id="e"/>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="fork"/>
        <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="a"/>
        <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="b"/>
        <bpmn:sequenceFlow id="f4" sourceRef="a" targetRef="join"/>
        <bpmn:sequenceFlow id="f5" sourceRef="b" targetRef="join"/>
        <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="e"/>
        """, "Paralel");

    /// <summary>A script task: outside the engine's subset, refused at deployment with its element id.</summary>
    public static string WithScript(string id) => Process(id, """
        <bpmn:startEvent id="s"/>
        <bpmn:scriptTask id="skrip_hitung" name="Hitung" scriptFormat="javascript"><bpmn:script>1+1</bpmn:script></bpmn:scriptTask>
        <bpmn:endEvent id="e"/>
        """ + Flows("s", "skrip_hitung", "e"));

    public static string Form(string id) => $$"""{"id": "{{id}}", "type": "default", "components": [{"type": "textfield", "key": "nama", "label": "Nama"}]}""";

    public static MultipartFormDataContent Multipart(string? name, IEnumerable<(string File, string Content)> files, params (string Field, string Value)[] fields)
    {
        var content = new MultipartFormDataContent();
        if (name is not null)
        {
            content.Add(new StringContent(name), "deployment-name");
        }

        foreach (var (field, value) in fields)
        {
            content.Add(new StringContent(value), field);
        }

        foreach (var (file, text) in files)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "data", file);
        }

        return content;
    }

    public static async Task<JsonElement> DeployAsync(HttpClient client, string? name, params (string File, string Content)[] files)
    {
        using var content = Multipart(name, files);
        var response = await client.PostAsync("/engine-rest/deployment/create", content);
        return await JsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>The body as JSON after asserting the status (the body is in the failure message).</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await JsonAsync(await client.GetAsync(url), expected);

    public static async Task<JsonElement> PostJsonAsync(HttpClient client, string url, string json, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await JsonAsync(await client.PostAsync(url, content), expected);
    }

    /// <summary>A process key unique to this test run, so tests sharing the one fixture never meet.</summary>
    public static string Key(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..8];
}
