using System.Net;
using Kks.Workflow.Web.Tests.Api.ExternalTasks;
using Kks.Workflow.Web.Tests.Infrastructure;

namespace Kks.Workflow.Web.Tests.Api.Jobs;

[Collection(WebTests.Name)]
public sealed class JobTests(WebFixture app)
{
    private static readonly string Model = ExtSupport.Process("ext_timer", """
        <bpmn:startEvent id="s"/>
        <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:userTask id="after" camunda:candidateGroups="ext-opd"/>
        <bpmn:endEvent id="e"/>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait"/>
        <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="after"/>
        <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="e"/>
        """);

    [Fact]
    public async Task TimerJob_ListedWithDueDate_ExecutedNowByAdminOnly()
    {
        await app.DeployAsync(Model);
        var instance = await app.StartAsync("ext_timer", "ext-timer-1");
        var due = ExternalTaskTests.Wib(app.Clock.GetUtcNow().AddHours(1));

        using var secretariat = await app.UserAsync("ext-job-sekretariat", "sekretariat");
        var job = Assert.Single((await secretariat.GetJsonAsync($"/engine-rest/job?processInstanceId={instance}&timers=true")).EnumerateArray());
        Assert.Equal(due, job.GetProperty("dueDate").GetString());
        Assert.Equal("ext_timer", job.GetProperty("processDefinitionKey").GetString());
        Assert.False(job.GetProperty("suspended").GetBoolean());
        Assert.False(string.IsNullOrEmpty(job.GetProperty("executionId").GetString()));
        var id = job.GetProperty("id").GetString();
        Assert.Empty((await secretariat.GetJsonAsync($"/engine-rest/job?processInstanceId={instance}&messages=true")).EnumerateArray());
        Assert.Empty((await secretariat.GetJsonAsync($"/engine-rest/job?processInstanceId={instance}&executable=true")).EnumerateArray());
        Assert.Equal(1, (await secretariat.GetJsonAsync($"/engine-rest/job/count?processInstanceId={instance}")).GetProperty("count").GetInt32());
        Assert.Equal(id, (await secretariat.GetJsonAsync($"/engine-rest/job/{id}")).GetProperty("id").GetString());

        (await secretariat.PostAsync($"/engine-rest/job/{id}/execute", null)).AssertStatus(HttpStatusCode.Forbidden);
        Assert.Empty(await app.OpenTasksAsync(instance));

        using var admin = app.Admin();
        (await admin.PostAsync($"/engine-rest/job/{id}/execute", null)).AssertStatus(HttpStatusCode.NoContent);
        Assert.Equal(["after"], await app.OpenTasksAsync(instance));
        await admin.GetJsonAsync($"/engine-rest/job/{id}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Readers_Only_BadQueries400()
    {
        using var opd = await app.UserAsync("ext-job-opd", "opd", "ext-opd");
        await opd.GetJsonAsync("/engine-rest/job", HttpStatusCode.Forbidden);
        await opd.GetJsonAsync("/engine-rest/incident", HttpStatusCode.Forbidden);

        using var admin = app.Admin();
        await admin.GetJsonAsync("/engine-rest/job?sortBy=nama&sortOrder=asc", HttpStatusCode.BadRequest);
        await admin.GetJsonAsync("/engine-rest/job?maxResults=-1", HttpStatusCode.BadRequest);
        await admin.GetJsonAsync("/engine-rest/job?maxResults=1001", HttpStatusCode.BadRequest);
        await admin.GetJsonAsync("/engine-rest/incident?maxResults=1001", HttpStatusCode.BadRequest);
        await admin.GetJsonAsync("/engine-rest/job?timers=ya", HttpStatusCode.BadRequest);
        await admin.GetJsonAsync("/engine-rest/job?dueDates=eq_2023-01-01T00:00:00.000+0700", HttpStatusCode.BadRequest);
        await admin.GetJsonAsync("/engine-rest/job?dueDates=gt_2023-01-01T00:00:00.000%2B0700", HttpStatusCode.OK);
        await admin.GetJsonAsync("/engine-rest/incident/no-such-incident", HttpStatusCode.NotFound);
        (await admin.PutAsync("/engine-rest/job/no-such-job/retries", ExternalTaskTests.JsonContent(new { retries = 1 }))).AssertStatus(HttpStatusCode.NotFound);
        (await admin.PutAsync("/engine-rest/job/x/retries", ExternalTaskTests.JsonContent(new { retries = -1 }))).AssertStatus(HttpStatusCode.BadRequest);
    }
}
