using System.Globalization;
using System.Net;
using System.Text.Json;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Api.History;

/// <summary>Models, runs and readers shared by the history tests (their own keys: hist_*, groups HIST-*).</summary>
internal static class HistoryModels
{
    public const string GroupA = "HIST-A";
    public const string GroupB = "HIST-B";

    public static string OneTask(string key, string group) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{key}" targetNamespace="http://kks">
          <bpmn:process id="{key}" name="Riwayat {key}" isExecutable="true">
            <bpmn:startEvent id="s" name="Mulai"/>
            <bpmn:userTask id="upload" name="Unggah bukti" camunda:candidateGroups="{group}" camunda:dueDate="2023-03-01T17:00:00+07:00"/>
            <bpmn:endEvent id="e" name="Selesai"/>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="upload"/>
            <bpmn:sequenceFlow id="f2" sourceRef="upload" targetRef="e"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    public static async Task DeployAsync(WebFixture app, string key, string group) =>
        await app.Services.GetRequiredService<DeploymentService>().DeployAsync(OneTask(key, group));

    public static WorkflowRuntime Runtime(WebFixture app) => app.Services.GetRequiredService<WorkflowRuntime>();

    /// <summary>Camunda's date text in WIB, as the API writes it.</summary>
    public static string Wib(DateTimeOffset value) =>
        value.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0700";

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{url}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;
}
