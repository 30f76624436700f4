using System.Text.Json;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Kks.Workflow.Web.Tests.Api.History.HistoryModels;

namespace Kks.Workflow.Web.Tests.Api.History;

/// <summary>
/// One instance holding two OPDs' tasks (as the KKS workflow holds every OPD's): a focal point reads the shared
/// instance, but only the history lines, historic tasks and running activities of its own branch, never the other
/// OPD's; everyone who reads all reads both.
/// </summary>
[Collection(WebTests.Name)]
public sealed class HistoryScopeTests(WebFixture app)
{
    private const string Key = "hist_scope_shared";

    private static string Shared() => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{Key}" targetNamespace="http://kks">
          <bpmn:process id="{Key}" name="Riwayat bersama" isExecutable="true">
            <bpmn:startEvent id="s" name="Mulai"/>
            <bpmn:parallelGateway id="fork"/>
            <bpmn:userTask id="upload_a" name="Unggah bukti A" camunda:candidateGroups="{GroupA}"/>
            <bpmn:userTask id="upload_b" name="Unggah bukti B" camunda:candidateGroups="{GroupB}"/>
            <bpmn:exclusiveGateway id="check_b" name="Periksa cabang B"/>
            <bpmn:userTask id="review_b" name="Tinjau bukti B" camunda:candidateGroups="{GroupB}"/>
            <bpmn:parallelGateway id="join"/>
            <bpmn:endEvent id="e" name="Selesai"/>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="fork"/>
            <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="upload_a"/>
            <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="upload_b"/>
            <bpmn:sequenceFlow id="f4" sourceRef="upload_a" targetRef="join"/>
            <bpmn:sequenceFlow id="f5" sourceRef="upload_b" targetRef="check_b"/>
            <bpmn:sequenceFlow id="f6" sourceRef="check_b" targetRef="review_b"/>
            <bpmn:sequenceFlow id="f7" sourceRef="review_b" targetRef="join"/>
            <bpmn:sequenceFlow id="f8" sourceRef="join" targetRef="e"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task SharedInstance_OpdReadsOnlyItsOwnBranch()
    {
        await app.Services.GetRequiredService<Kks.Workflow.Persistence.Deployments.DeploymentService>().DeployAsync(Shared());
        var runtime = Runtime(app);
        var instance = (await runtime.StartAsync(Key, userId: "admin")).InstanceId;
        using var admin = app.Admin();
        var tasks = await GetJsonAsync(admin, $"/engine-rest/history/task?processInstanceId={instance}");
        var taskB = tasks.EnumerateArray().Single(t => t.Str("taskDefinitionKey") == "upload_b").Str("id");
        // B's branch moves on (its gateway and its second task), so B has lines that are no task's.
        await runtime.CompleteTaskAsync(taskB, userId: "admin");
        using var opdA = await app.UserAsync("hist_scope_user_a", "opd", GroupA);
        using var opdB = await app.UserAsync("hist_scope_user_b", "opd", GroupB);

        var all = Activities(await GetJsonAsync(admin, $"/engine-rest/history/activity-instance?processInstanceId={instance}"));
        Assert.Superset(new HashSet<string> { "s", "fork", "upload_a", "upload_b", "check_b", "review_b" }, all.ToHashSet());

        var seenByA = Activities(await GetJsonAsync(opdA, $"/engine-rest/history/activity-instance?processInstanceId={instance}"));
        Assert.Contains("upload_a", seenByA);
        Assert.DoesNotContain("upload_b", seenByA);
        Assert.DoesNotContain("check_b", seenByA);
        Assert.DoesNotContain("review_b", seenByA);
        var countA = (await GetJsonAsync(opdA, $"/engine-rest/history/activity-instance/count?processInstanceId={instance}")).GetProperty("count").GetInt32();
        Assert.Equal(seenByA.Count, countA);
        Assert.DoesNotContain("upload_b", Activities(await GetJsonAsync(opdA, "/engine-rest/history/activity-instance?activityId=upload_b")));

        var seenByB = Activities(await GetJsonAsync(opdB, $"/engine-rest/history/activity-instance?processInstanceId={instance}"));
        Assert.Superset(new HashSet<string> { "upload_b", "check_b", "review_b" }, seenByB.ToHashSet());
        Assert.DoesNotContain("upload_a", seenByB);

        // Historic tasks: each OPD its own; the instance itself (no task detail) is readable by both.
        var historicA = (await GetJsonAsync(opdA, $"/engine-rest/history/task?processInstanceId={instance}")).EnumerateArray().Select(t => t.Str("taskDefinitionKey")).ToList();
        Assert.Equal(["upload_a"], historicA);
        await GetJsonAsync(opdA, $"/engine-rest/history/process-instance/{instance}");
        Assert.Single((await GetJsonAsync(opdA, $"/engine-rest/history/process-instance?processInstanceId={instance}")).EnumerateArray());

        // Where the instance stands: A sees its own waiting task, not B's; the admin sees both.
        var treeA = TreeActivities(await GetJsonAsync(opdA, $"/engine-rest/process-instance/{instance}/activity-instances"));
        Assert.Contains("upload_a", treeA);
        Assert.DoesNotContain("review_b", treeA);
        var treeB = TreeActivities(await GetJsonAsync(opdB, $"/engine-rest/process-instance/{instance}/activity-instances"));
        Assert.Contains("review_b", treeB);
        Assert.DoesNotContain("upload_a", treeB);
        var treeAdmin = TreeActivities(await GetJsonAsync(admin, $"/engine-rest/process-instance/{instance}/activity-instances"));
        Assert.Superset(new HashSet<string> { "upload_a", "review_b" }, treeAdmin.ToHashSet());
    }

    private static List<string> Activities(JsonElement list) => list.EnumerateArray().Select(a => a.Str("activityId")).ToList();

    private static List<string> TreeActivities(JsonElement node)
    {
        var result = new List<string> { node.Str("activityId") };
        foreach (var child in node.GetProperty("childActivityInstances").EnumerateArray())
        {
            result.AddRange(TreeActivities(child));
        }

        return result;
    }
}
