using System.Net;
using System.Text;
using System.Text.Json;

namespace Kks.Workflow.Web.Tests.Notifications.Deadlines;

internal static class DeadlineKit
{
    public static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    /// <summary>start → one user task for <paramref name="group"/> with a due date from ${due} and the given kks:deadlinePolicy → end.</summary>
    public static string LadderProcess(string key, string policy, string group = "DINKES") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            xmlns:kks="http://kks-workflow.id/schema/1.0/bpmn" id="d_{key}" targetNamespace="http://kks">
          <bpmn:process id="{key}" isExecutable="true">
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="t23" name="Lengkapi dokumen T2.3" camunda:candidateGroups="{group}" camunda:dueDate="${"{"}due{"}"}" kks:deadlinePolicy="{policy}" />
            <bpmn:endEvent id="e" />
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t23" />
            <bpmn:sequenceFlow id="f2" sourceRef="t23" targetRef="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    public static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string url, string? json, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {url}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
