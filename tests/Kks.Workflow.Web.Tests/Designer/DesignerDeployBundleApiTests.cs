using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kks.Workflow.Web.Tests.Api.Deployments.DeployKit;

namespace Kks.Workflow.Web.Tests.Designer;

/// <summary>
/// Terapkan deploys a model with the forms its tasks reference (one deployment), refuses a reference to a form that does
/// not exist on its element, and the panel's deadline policies come from the deadline_policies table.
/// </summary>
[Collection(WebTests.Name)]
public sealed class DesignerDeployBundleApiTests(WebFixture app)
{
    private const string KksNs = "http://kks-workflow.id/schema/1.0/bpmn";

    private static string Body(string xml) => JsonSerializer.Serialize(new { xml });

    /// <summary>start → "Isi formulir" (formRef, deployment binding) → end.</summary>
    private static string WithFormRef(string key, string formKey) => Process(key, $"""
        <bpmn:startEvent id="s"/>
        <bpmn:userTask id="isi" name="Isi formulir" camunda:candidateGroups="dinkes" camunda:formRef="{formKey}" camunda:formRefBinding="deployment"/>
        <bpmn:endEvent id="e"/>
        """ + Flows("s", "isi", "e"));

    private static string WithPolicy(string key, string policy) => Process(key, $"""
        <bpmn:startEvent id="s"/>
        <bpmn:userTask xmlns:kks="{KksNs}" id="t" name="Tugas bertenggat" camunda:candidateGroups="dinkes" camunda:dueDate="2023-03-24T23:59:59" kks:deadlinePolicy="{policy}"/>
        <bpmn:endEvent id="e"/>
        """ + Flows("s", "t", "e"));

    [Fact]
    public async Task Deploy_takes_the_users_form_draft_into_the_same_deployment_and_removes_the_draft()
    {
        var user = await app.UserAsync("dsg2.sekre", "sekretariat");
        var formKey = Key("dsg2_form");
        await JsonAsync(await user.PutAsJsonAsync($"/api/designer/drafts/form/{formKey}", new { name = formKey, content = Form(formKey) }), HttpStatusCode.OK);
        var key = Key("dsg2_proc");

        var deployed = await PostJsonAsync(user, "/api/designer/deploy", Body(WithFormRef(key, formKey)));
        var deploymentId = deployed.GetProperty("deploymentId").GetString();
        var form = Assert.Single(deployed.GetProperty("forms").EnumerateArray());
        Assert.Equal(formKey, form.GetProperty("key").GetString());
        Assert.Equal(1, form.GetProperty("version").GetInt32());

        using var scope = app.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var files = await context.DeploymentResources.AsNoTracking().Where(r => r.DeploymentId == deploymentId).Select(r => r.Name).OrderBy(n => n).ToListAsync();
        Assert.Equal(new[] { formKey + ".form", key + ".bpmn" }.Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
        await GetJsonAsync(user, $"/api/designer/drafts/form/{formKey}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deploy_carries_the_latest_deployed_form_when_there_is_no_draft()
    {
        var admin = app.Admin();
        var formKey = Key("dsg2_lama");
        await PostJsonAsync(admin, "/api/designer/forms/deploy", JsonSerializer.Serialize(new { schema = Form(formKey) }));
        var key = Key("dsg2_proc");
        var first = await PostJsonAsync(admin, "/api/designer/deploy", Body(WithFormRef(key, formKey)));
        var second = await PostJsonAsync(admin, "/api/designer/deploy", Body(WithFormRef(key, formKey).Replace("Isi formulir", "Isi formulir lagi", StringComparison.Ordinal)));
        Assert.Equal(2, second.GetProperty("definitions")[0].GetProperty("version").GetInt32());
        // each version's deployment holds the form: version 1 of the process with form version 2, version 2 with 3
        Assert.Equal(2, Assert.Single(first.GetProperty("forms").EnumerateArray()).GetProperty("version").GetInt32());
        Assert.Equal(3, Assert.Single(second.GetProperty("forms").EnumerateArray()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_reference_to_a_missing_form_is_a_problem_on_its_element_and_nothing_is_deployed()
    {
        var admin = app.Admin();
        var key = Key("dsg2_noform");
        var xml = WithFormRef(key, "formulir-yang-tidak-ada");

        var validated = await PostJsonAsync(admin, "/api/designer/validate", Body(xml));
        Assert.False(validated.GetProperty("deployable").GetBoolean());
        var problem = Assert.Single(validated.GetProperty("problems").EnumerateArray());
        Assert.Equal("isi", problem.GetProperty("elementId").GetString());
        Assert.Equal("form-not-found", problem.GetProperty("code").GetString());
        Assert.Contains("formulir 'formulir-yang-tidak-ada' yang tidak ada", problem.GetProperty("message").GetString(), StringComparison.Ordinal);

        var refused = await PostJsonAsync(admin, "/api/designer/deploy", Body(xml), HttpStatusCode.BadRequest);
        Assert.Contains("Tidak ada yang diterapkan", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(refused.GetProperty("problems").EnumerateArray(), p => p.GetProperty("elementId").GetString() == "isi"
            && p.GetProperty("messageEnglish").GetString()!.Contains("does not exist", StringComparison.Ordinal));
        await GetJsonAsync(admin, $"/api/designer/definitions/{key}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deadline_policies_are_listed_for_the_panel_and_an_unknown_one_is_marked()
    {
        var secretariat = await app.UserAsync("dsg2.sekre.tenggat", "sekretariat");
        var policies = await GetJsonAsync(secretariat, "/api/designer/kebijakan-tenggat");
        Assert.Contains(policies.EnumerateArray(), p => p.GetProperty("name").GetString() == "standar");
        var opd = await app.UserAsync("dsg2.opd", "opd", "dinkes");
        await GetJsonAsync(opd, "/api/designer/kebijakan-tenggat", HttpStatusCode.Forbidden);

        var admin = app.Admin();
        var known = await PostJsonAsync(admin, "/api/designer/validate", Body(WithPolicy(Key("dsg2_pol"), "standar")));
        Assert.True(known.GetProperty("deployable").GetBoolean());
        var unknown = await PostJsonAsync(admin, "/api/designer/validate", Body(WithPolicy(Key("dsg2_pol"), "tidak-ada")));
        Assert.False(unknown.GetProperty("deployable").GetBoolean());
        Assert.Contains(unknown.GetProperty("problems").EnumerateArray(), p => p.GetProperty("elementId").GetString() == "t" && p.GetProperty("severity").GetString() == "error");
    }
}
