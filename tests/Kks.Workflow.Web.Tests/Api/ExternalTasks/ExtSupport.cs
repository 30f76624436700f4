using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Api.ExternalTasks;

/// <summary>Models and helpers of the external task, message and job tests (their keys all start with "ext").</summary>
internal static class ExtSupport
{
    public static string Process(string id, string body, string extraRoot = "") => Infrastructure.TestBpmn.Process(id, body, extraRoot: extraRoot);

    /// <summary>start → external task (topic) → user task "after" → end; with an error boundary "rejected" → user task "fix".</summary>
    public static string External(string key, string topic) => Process(key, $"""
        <bpmn:startEvent id="s"/>
        <bpmn:serviceTask id="work" camunda:type="external" camunda:topic="{topic}"/>
        <bpmn:boundaryEvent id="rejected" attachedToRef="work"><bpmn:errorEventDefinition errorRef="Err"/></bpmn:boundaryEvent>
        <bpmn:userTask id="after" name="Sesudah" camunda:candidateGroups="ext-opd"/>
        <bpmn:userTask id="fix" name="Perbaiki" camunda:candidateGroups="ext-opd"/>
        <bpmn:endEvent id="e"/>
        <bpmn:endEvent id="e2"/>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work"/>
        <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="after"/>
        <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="e"/>
        <bpmn:sequenceFlow id="f4" sourceRef="rejected" targetRef="fix"/>
        <bpmn:sequenceFlow id="f5" sourceRef="fix" targetRef="e2"/>
        """, """<bpmn:error id="Err" errorCode="DITOLAK"/>""");

    public static async Task DeployAsync(this Infrastructure.WebFixture app, string xml) =>
        await app.Services.GetRequiredService<DeploymentService>().DeployAsync(xml);

    public static async Task<string> StartAsync(this Infrastructure.WebFixture app, string key, string? businessKey = null, IReadOnlyDictionary<string, object?>? variables = null) =>
        (await app.Services.GetRequiredService<WorkflowRuntime>().StartAsync(key, variables, businessKey)).InstanceId;

    /// <summary>The open user tasks' node ids of an instance (what "the process moved on" means here).</summary>
    public static async Task<List<string>> OpenTasksAsync(this Infrastructure.WebFixture app, string instanceId)
    {
        using var scope = app.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        return await context.UserTasks.Where(t => t.InstanceId == instanceId).Select(t => t.NodeId).ToListAsync();
    }

    public static async Task<IReadOnlyDictionary<string, object?>> ProcessVariablesAsync(this Infrastructure.WebFixture app, string instanceId)
    {
        using var scope = app.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var json = await context.ProcessInstances.Where(i => i.Id == instanceId).Select(i => i.StateJson).SingleAsync();
        return InstanceStateJson.Deserialize(json).Root.Variables ?? [];
    }

    public static async Task<JsonElement> PostJsonAsync(this HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync(url, body);
        return await ReadAsync(response, expected);
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await ReadAsync(await client.GetAsync(url), expected);

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static object Fetch(string worker, string topic, long lockDuration = 60_000, long? asyncResponseTimeout = null, string[]? variables = null) => new
    {
        workerId = worker,
        maxTasks = 5,
        usePriority = true,
        asyncResponseTimeout,
        topics = new[] { new { topicName = topic, lockDuration, variables } },
    };
}
