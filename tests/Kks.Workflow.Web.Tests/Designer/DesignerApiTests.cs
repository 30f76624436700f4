using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Kks.Workflow.Web.Tests.Api.Deployments.DeployKit;

namespace Kks.Workflow.Web.Tests.Designer;

/// <summary>The designer's server side: the engine's validator per element, deploy or refuse, versions, drafts, forms, roles.</summary>
[Collection(WebTests.Name)]
public sealed class DesignerApiTests(WebFixture app)
{
    private static string Body(string xml, string? name = null) => JsonSerializer.Serialize(new { xml, name });

    [Fact]
    public async Task Validate_marks_each_problem_on_its_element_in_Indonesian_and_English()
    {
        var admin = app.Admin();
        var clean = await PostJsonAsync(admin, "/api/designer/validate", Body(OneTask(Key("dsg_ok"))));
        Assert.True(clean.GetProperty("deployable").GetBoolean());
        Assert.DoesNotContain(clean.GetProperty("problems").EnumerateArray(), p => p.GetProperty("severity").GetString() == "error");

        var key = Key("dsg_bad");
        var bad = await PostJsonAsync(admin, "/api/designer/validate", Body(WithScript(key)));
        Assert.False(bad.GetProperty("deployable").GetBoolean());
        Assert.Equal(key, bad.GetProperty("processKey").GetString());
        var problem = Assert.Single(bad.GetProperty("problems").EnumerateArray(), p => p.GetProperty("elementId").GetString() == "skrip_hitung");
        Assert.Equal("error", problem.GetProperty("severity").GetString());
        Assert.Contains("tidak didukung", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("not supported", problem.GetProperty("messageEnglish").GetString(), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/designer/validate") { Content = new StringContent(Body(WithScript(key)), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.AcceptLanguage.ParseAdd("en");
        var english = await JsonAsync(await admin.SendAsync(request), HttpStatusCode.OK);
        Assert.Contains(english.GetProperty("problems").EnumerateArray(), p => p.GetProperty("message").GetString()!.Contains("not supported", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_workflows_file_validates_clean_on_the_server()
    {
        var admin = app.Admin();
        foreach (var file in RepositoryFiles.WorkflowFiles())
        {
            var result = await PostJsonAsync(admin, "/api/designer/validate", Body(await File.ReadAllTextAsync(file)));
            var problems = result.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("message").GetString()).ToList();
            Assert.True(problems.Count == 0, $"{Path.GetFileName(file)}: {string.Join("; ", problems)}");
        }
    }

    [Fact]
    public async Task Unreadable_file_is_one_problem_without_an_element()
    {
        var result = await PostJsonAsync(app.Admin(), "/api/designer/validate", Body("<bukan-bpmn"));
        var problem = Assert.Single(result.GetProperty("problems").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, problem.GetProperty("elementId").ValueKind);
        Assert.Equal("unreadable-file", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Deploy_creates_the_next_version_and_refuses_an_invalid_model_writing_nothing()
    {
        var admin = app.Admin();
        var key = Key("dsg_ver");
        var first = await PostJsonAsync(admin, "/api/designer/deploy", Body(OneTask(key)));
        Assert.Equal(1, first.GetProperty("definitions")[0].GetProperty("version").GetInt32());
        var second = await PostJsonAsync(admin, "/api/designer/deploy", Body(OneTask(key, taskName: "Tugas diubah")));
        Assert.Equal(2, second.GetProperty("definitions")[0].GetProperty("version").GetInt32());

        // the same key, now with a script task: 400 with the problem on the element, and no version 3
        var invalid = Process(key, """
            <bpmn:startEvent id="s"/>
            <bpmn:scriptTask id="skrip" scriptFormat="js"><bpmn:script>1</bpmn:script></bpmn:scriptTask>
            <bpmn:endEvent id="e"/>
            """ + Flows("s", "skrip", "e"));
        var refused = await PostJsonAsync(admin, "/api/designer/deploy", Body(invalid), HttpStatusCode.BadRequest);
        Assert.Equal("ParseException", refused.GetProperty("type").GetString());
        Assert.Contains(refused.GetProperty("problems").EnumerateArray(), p => p.GetProperty("elementId").GetString() == "skrip");
        Assert.Contains("Tidak ada yang diterapkan", refused.GetProperty("message").GetString(), StringComparison.Ordinal);

        var definition = await GetJsonAsync(admin, $"/api/designer/definitions/{key}");
        Assert.Equal(2, definition.GetProperty("latestVersion").GetInt32());
        Assert.Equal("admin", definition.GetProperty("deployedBy").GetString());
        Assert.Equal(2, definition.GetProperty("versions").GetArrayLength());
        var list = await GetJsonAsync(admin, "/api/designer/definitions");
        Assert.Contains(list.EnumerateArray(), d => d.GetProperty("key").GetString() == key);

        var xml = await admin.GetStringAsync($"/api/designer/definitions/{key}/xml?version=1");
        Assert.Contains("name=\"Tugas\"", xml, StringComparison.Ordinal);
        var download = await admin.GetAsync($"/api/designer/definitions/{key}/xml?download=true");
        Assert.Equal($"{key}-v2.bpmn", download.Content.Headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task Running_instances_are_counted_per_version()
    {
        var admin = app.Admin();
        var key = Key("dsg_run");
        await PostJsonAsync(admin, "/api/designer/deploy", Body(OneTask(key)));
        await PostJsonAsync(admin, $"/engine-rest/process-definition/key/{key}/start", "{}");
        await PostJsonAsync(admin, $"/engine-rest/process-definition/key/{key}/start", "{}");
        await PostJsonAsync(admin, "/api/designer/deploy", Body(OneTask(key, taskName: "Baru")));
        var definition = await GetJsonAsync(admin, $"/api/designer/definitions/{key}");
        Assert.Equal(2, definition.GetProperty("runningInstances").GetInt32());
        var versions = definition.GetProperty("versions").EnumerateArray().ToDictionary(v => v.GetProperty("version").GetInt32(), v => v.GetProperty("runningInstances").GetInt32());
        Assert.Equal(0, versions[2]);
        Assert.Equal(2, versions[1]);
    }

    [Fact]
    public async Task Diff_names_added_removed_and_changed_drawn_elements()
    {
        var admin = app.Admin();
        var key = Key("dsg_diff");
        await PostJsonAsync(admin, "/api/designer/deploy", Body(Drawn(key, "Tugas", withReview: false)));
        await PostJsonAsync(admin, "/api/designer/deploy", Body(Drawn(key, "Tugas diubah", withReview: true)));
        var diff = await GetJsonAsync(admin, $"/api/designer/definitions/{key}/diff?from=1&to=2");
        Assert.Equal(new[] { "f2b", "f3", "review" }, diff.GetProperty("added").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(new[] { "f2" }, diff.GetProperty("removed").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(new[] { "t" }, diff.GetProperty("changed").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public async Task Drafts_are_kept_per_user_and_removed_by_deploying()
    {
        var mine = await app.UserAsync("dsg.sekre1", "sekretariat");
        var other = await app.UserAsync("dsg.sekre2", "sekretariat");
        var key = Key("dsg_draft");
        var xml = OneTask(key);
        var saved = await mine.PutAsJsonAsync($"/api/designer/drafts/bpmn/{key}", new { name = "Draf saya", content = xml });
        await JsonAsync(saved, HttpStatusCode.OK);
        var draft = await GetJsonAsync(mine, $"/api/designer/drafts/bpmn/{key}");
        Assert.Equal(xml, draft.GetProperty("content").GetString());
        Assert.Contains((await GetJsonAsync(mine, "/api/designer/drafts")).EnumerateArray(), d => d.GetProperty("key").GetString() == key);
        await GetJsonAsync(other, $"/api/designer/drafts/bpmn/{key}", HttpStatusCode.NotFound);
        Assert.DoesNotContain((await GetJsonAsync(other, "/api/designer/drafts")).EnumerateArray(), d => d.GetProperty("key").GetString() == key);

        // nothing deployed by saving a draft
        await GetJsonAsync(mine, $"/api/designer/definitions/{key}", HttpStatusCode.NotFound);
        await PostJsonAsync(mine, "/api/designer/deploy", Body(xml));
        await GetJsonAsync(mine, $"/api/designer/drafts/bpmn/{key}", HttpStatusCode.NotFound);

        var badKind = await mine.PutAsJsonAsync($"/api/designer/drafts/dmn/{key}", new { content = "x" });
        await JsonAsync(badKind, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Only_admin_and_secretariat_use_the_designer()
    {
        var opd = await app.UserAsync("dsg.opd", "opd", "dinkes");
        var leader = await app.UserAsync("dsg.pimpinan", "pimpinan");
        await GetJsonAsync(opd, "/api/designer/definitions", HttpStatusCode.Forbidden);
        await PostJsonAsync(leader, "/api/designer/deploy", Body(OneTask(Key("dsg_no"))), HttpStatusCode.Forbidden);
        await GetJsonAsync(leader, "/api/designer/opds", HttpStatusCode.Forbidden);
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/designer/definitions")).StatusCode);
    }

    [Fact]
    public async Task Opd_list_gives_active_codes_with_names()
    {
        using (var scope = app.Services.CreateScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            if (await context.Opds.FindAsync("dsg-bappeda") is null)
            {
                context.Opds.Add(new OpdRecord { Code = "dsg-bappeda", Name = "Badan Perencanaan Pembangunan Daerah" });
                context.Opds.Add(new OpdRecord { Code = "dsg-lama", Name = "OPD yang sudah dibubarkan", Active = false });
                await context.SaveChangesAsync();
            }
        }

        var opds = await GetJsonAsync(app.Admin(), "/api/designer/opds");
        Assert.Contains(opds.EnumerateArray(), o => o.GetProperty("code").GetString() == "dsg-bappeda"
            && o.GetProperty("name").GetString() == "Badan Perencanaan Pembangunan Daerah");
        Assert.DoesNotContain(opds.EnumerateArray(), o => o.GetProperty("code").GetString() == "dsg-lama");
    }

    [Fact]
    public async Task Forms_deploy_as_versions_by_id_and_read_back()
    {
        var admin = app.Admin();
        var key = Key("dsg_form");
        var first = await PostJsonAsync(admin, "/api/designer/forms/deploy", JsonSerializer.Serialize(new { schema = Form(key) }));
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        var second = await PostJsonAsync(admin, "/api/designer/forms/deploy", JsonSerializer.Serialize(new { schema = Form(key).Replace("Nama", "Nama lengkap", StringComparison.Ordinal) }));
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        var forms = await GetJsonAsync(admin, "/api/designer/forms");
        Assert.Contains(forms.EnumerateArray(), f => f.GetProperty("key").GetString() == key && f.GetProperty("version").GetInt32() == 2);
        var form = await GetJsonAsync(admin, $"/api/designer/forms/{key}");
        Assert.Contains("Nama lengkap", form.GetProperty("schema").GetString(), StringComparison.Ordinal);
        var refused = await PostJsonAsync(admin, "/api/designer/forms/deploy", JsonSerializer.Serialize(new { schema = "{\"components\": []}" }), HttpStatusCode.BadRequest);
        Assert.Contains("camunda:formRef", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>start → t (→ review) → end, with a diagram, so the diff can colour what changed.</summary>
    private static string Drawn(string key, string taskName, bool withReview)
    {
        var review = withReview
            ? """<bpmn:userTask id="review" name="Tinjau" camunda:candidateGroups="sekretariat"/><bpmn:sequenceFlow id="f2b" sourceRef="t" targetRef="review"/><bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="e"/>"""
            : """<bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>""";
        var reviewDi = withReview
            ? """<bpmndi:BPMNShape id="review_di" bpmnElement="review"><dc:Bounds x="400" y="80" width="100" height="80"/></bpmndi:BPMNShape><bpmndi:BPMNEdge id="f2b_di" bpmnElement="f2b"><di:waypoint x="350" y="120"/><di:waypoint x="400" y="120"/></bpmndi:BPMNEdge><bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="500" y="120"/><di:waypoint x="552" y="120"/></bpmndi:BPMNEdge>"""
            : """<bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="350" y="120"/><di:waypoint x="552" y="120"/></bpmndi:BPMNEdge>""";
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs" targetNamespace="http://kks">
              <bpmn:process id="{key}" name="Diff" isExecutable="true">
                <bpmn:startEvent id="s"/>
                <bpmn:userTask id="t" name="{taskName}" camunda:candidateGroups="dinkes"/>
                <bpmn:endEvent id="e"/>
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
                {review}
              </bpmn:process>
              <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="{key}">
                <bpmndi:BPMNShape id="s_di" bpmnElement="s"><dc:Bounds x="152" y="102" width="36" height="36"/></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="t_di" bpmnElement="t"><dc:Bounds x="250" y="80" width="100" height="80"/></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="e_di" bpmnElement="e"><dc:Bounds x="552" y="102" width="36" height="36"/></bpmndi:BPMNShape>
                <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="188" y="120"/><di:waypoint x="250" y="120"/></bpmndi:BPMNEdge>
                {reviewDi}
              </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;
    }
}
