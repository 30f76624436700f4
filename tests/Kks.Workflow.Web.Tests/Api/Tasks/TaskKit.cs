using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Api.Tasks;

/// <summary>
/// Each test deploys its own copy of a two-task process under a fresh key (tasks_...) and uses fresh OPD codes and user
/// names, so tests sharing the one web fixture never see each other's tasks.
/// </summary>
internal sealed class TaskKit(WebFixture app)
{
    public string Key { get; } = "tasks_" + Guid.NewGuid().ToString("N")[..10];

    public string Suffix => Key[6..];

    /// <summary>Isi (candidate group ${opd}, priority ${prio}, due ${due}, formData) then Periksa (same group), then the end.</summary>
    public string Xml => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            id="d_{{Key}}" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="{{Key}}" isExecutable="true" camunda:historyTimeToLive="30">
            <bpmn:startEvent id="mulai" />
            <bpmn:sequenceFlow id="f1" sourceRef="mulai" targetRef="isi" />
            <bpmn:userTask id="isi" name="Isi bukti" camunda:candidateGroups="${opd}" camunda:priority="${prio}" camunda:dueDate="${due}" camunda:formKey="embedded:app:forms/isi.html">
              <bpmn:documentation>Unggah bukti KKS</bpmn:documentation>
              <bpmn:extensionElements>
                <camunda:formData>
                  <camunda:formField id="jumlah" label="Jumlah" type="long" defaultValue="5" />
                  <camunda:formField id="setuju" label="Setuju" type="boolean" />
                  <camunda:formField id="tanggal" label="Tanggal" type="date" />
                  <camunda:formField id="catatan" label="Catatan" type="string" defaultValue="awal" />
                </camunda:formData>
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="isi" targetRef="periksa" />
            <bpmn:userTask id="periksa" name="Periksa bukti" camunda:candidateGroups="${opd}" />
            <bpmn:sequenceFlow id="f3" sourceRef="periksa" targetRef="selesai" />
            <bpmn:endEvent id="selesai" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    public async Task DeployAsync() => await app.Services.GetRequiredService<DeploymentService>().DeployAsync(Xml, Key);

    /// <summary>Starts an instance whose first task is offered to <paramref name="opd"/>; returns the instance id.</summary>
    public async Task<string> StartAsync(string opd, int priority = 50, DateTimeOffset? due = null, string? businessKey = null, Dictionary<string, object?>? more = null)
    {
        var variables = new Dictionary<string, object?> { ["opd"] = opd, ["prio"] = (long)priority, ["due"] = due ?? WebFixture.Start.AddDays(7) };
        foreach (var (name, value) in more ?? [])
        {
            variables[name] = value;
        }

        var outcome = await app.Services.GetRequiredService<WorkflowRuntime>().StartAsync(Key, variables, businessKey);
        return outcome.InstanceId;
    }

    /// <summary>The id of the one open task of an instance (read as admin).</summary>
    public async Task<string> TaskOfAsync(string instanceId)
    {
        using var admin = app.Admin();
        var tasks = await GetJsonAsync(admin, $"/engine-rest/task?processInstanceId={instanceId}");
        return Assert.Single(tasks.EnumerateArray().ToList()).GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        return await ReadAsync(response, expected);
    }

    public static async Task<JsonElement> PostJsonAsync(HttpClient client, string url, string json, HttpStatusCode expected)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await client.PostAsync(url, content);
        return await ReadAsync(response, expected);
    }

    public static async Task<JsonElement> PutJsonAsync(HttpClient client, string url, string json, HttpStatusCode expected)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await client.PutAsync(url, content);
        return await ReadAsync(response, expected);
    }

    public static async Task<JsonElement> PostAsync(HttpClient client, string url, object body, HttpStatusCode expected)
    {
        var response = await client.PostAsJsonAsync(url, body);
        return await ReadAsync(response, expected);
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        if (text.Length == 0)
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>A Camunda error body: its type and message, the message not empty.</summary>
    public static void AssertError(JsonElement error, string type, string? messagePart = null)
    {
        Assert.Equal(type, error.GetProperty("type").GetString());
        var message = error.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        if (messagePart is not null)
        {
            Assert.Contains(messagePart, message, StringComparison.OrdinalIgnoreCase);
        }
    }

    public static List<string> Ids(JsonElement tasks) => tasks.EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
}
