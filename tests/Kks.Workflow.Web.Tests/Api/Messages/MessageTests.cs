using System.Net;
using Kks.Workflow.Web.Tests.Api.ExternalTasks;
using Kks.Workflow.Web.Tests.Infrastructure;

namespace Kks.Workflow.Web.Tests.Api.Messages;

[Collection(WebTests.Name)]
public sealed class MessageTests(WebFixture app)
{
    private static readonly string Model = ExtSupport.Process("ext_msg", """
        <bpmn:startEvent id="s"/>
        <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="M_paid"/></bpmn:intermediateCatchEvent>
        <bpmn:userTask id="after" camunda:candidateGroups="ext-opd"/>
        <bpmn:endEvent id="e"/>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="paid"/>
        <bpmn:sequenceFlow id="f2" sourceRef="paid" targetRef="after"/>
        <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="e"/>
        """, """<bpmn:message id="M_paid" name="ext-dibayar"/>""");

    [Fact]
    public async Task ByBusinessKey_DeliveredToThatInstanceOnly()
    {
        await app.DeployAsync(Model);
        var first = await app.StartAsync("ext_msg", "ext-msg-1");
        var second = await app.StartAsync("ext_msg", "ext-msg-2");
        using var admin = app.Admin();
        await admin.PostJsonAsync("/engine-rest/message",
            new { messageName = "ext-dibayar", businessKey = "ext-msg-1", processVariables = new { jumlah = new { value = 150000, type = "Long" } } },
            HttpStatusCode.NoContent);
        Assert.Equal(["after"], await app.OpenTasksAsync(first));
        Assert.Equal(150000L, (await app.ProcessVariablesAsync(first))["jumlah"]);
        Assert.Empty(await app.OpenTasksAsync(second));

        using var secretariat = await app.UserAsync("ext-msg-sekretariat", "sekretariat");
        var result = await secretariat.PostJsonAsync("/engine-rest/message",
            new { messageName = "ext-dibayar", businessKey = "ext-msg-2", resultEnabled = true, variablesInResultEnabled = true });
        var item = Assert.Single(result.EnumerateArray());
        Assert.Equal("Execution", item.GetProperty("resultType").GetString());
        Assert.Equal(second, item.GetProperty("execution").GetProperty("processInstanceId").GetString());
        Assert.True(item.GetProperty("variables").ValueKind == System.Text.Json.JsonValueKind.Object);
        Assert.Equal(["after"], await app.OpenTasksAsync(second));
    }

    [Fact]
    public async Task NoMatch_400Mismatching_ReadersAndBadInputRefused()
    {
        using var admin = app.Admin();
        var error = await admin.PostJsonAsync("/engine-rest/message", new { messageName = "ext-dibayar", businessKey = "ext-msg-none" }, HttpStatusCode.BadRequest);
        Assert.Equal("MismatchingMessageCorrelationException", error.GetProperty("type").GetString());
        var missing = await admin.PostJsonAsync("/engine-rest/message", new { businessKey = "x" }, HttpStatusCode.BadRequest);
        Assert.Contains("messageName", missing.GetProperty("message").GetString(), StringComparison.Ordinal);
        await admin.PostJsonAsync("/engine-rest/message", new { messageName = "ext-dibayar", correlationKeys = new { a = new { value = 1 } } }, HttpStatusCode.BadRequest);

        using var leader = await app.UserAsync("ext-msg-pimpinan", "pimpinan");
        await leader.PostJsonAsync("/engine-rest/message", new { messageName = "ext-dibayar" }, HttpStatusCode.Forbidden);
    }
}
