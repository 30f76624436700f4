using System.Net;
using System.Text.Json;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kks.Workflow.Web.Tests.Api.Deployments.DeployKit;

namespace Kks.Workflow.Web.Tests.Api.Deployments;

[Collection(WebTests.Name)]
public sealed class DeploymentEndpointTests(WebFixture app)
{
    [Fact]
    public async Task CreateWithTwoFiles_OneDeploymentTwoDefinitions()
    {
        using var admin = app.Admin();
        var (k1, k2) = (Key("dep_two_a"), Key("dep_two_b"));
        var name = Key("dep_two");
        var body = await DeployAsync(admin, name, (k1 + ".bpmn", OneTask(k1)), (k2 + ".bpmn20.xml", OneTask(k2, name: "Kedua")));

        var id = body.GetProperty("id").GetString()!;
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("tenantId").ValueKind);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0700$", body.GetProperty("deploymentTime").GetString());
        var link = body.GetProperty("links")[0];
        Assert.Equal("self", link.GetProperty("rel").GetString());
        Assert.EndsWith($"/engine-rest/deployment/{id}", link.GetProperty("href").GetString(), StringComparison.Ordinal);
        var definitions = body.GetProperty("deployedProcessDefinitions");
        var first = definitions.GetProperty(k1 + ":1");
        Assert.Equal(k1, first.GetProperty("key").GetString());
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal(k1 + ".bpmn", first.GetProperty("resource").GetString());
        Assert.Equal(id, first.GetProperty("deploymentId").GetString());
        Assert.Equal("Kedua", definitions.GetProperty(k2 + ":1").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("deployedDecisionDefinitions").ValueKind);

        var fetched = await GetJsonAsync(admin, $"/engine-rest/deployment/{id}");
        Assert.Equal(name, fetched.GetProperty("name").GetString());
    }

    [Fact]
    public async Task DeployChangedOnly_UnchangedIsNoOp_ChangedFileAloneGetsNewVersion()
    {
        using var admin = app.Admin();
        var (k1, k2) = (Key("dep_changed_a"), Key("dep_changed_b"));
        var name = Key("dep_changed");
        var original = await DeployAsync(admin, name, (k1 + ".bpmn", OneTask(k1)), (k2 + ".bpmn", OneTask(k2)));

        using (var same = Multipart(name, [(k1 + ".bpmn", OneTask(k1)), (k2 + ".bpmn", OneTask(k2))], ("deploy-changed-only", "true")))
        {
            var body = await JsonAsync(await admin.PostAsync("/engine-rest/deployment/create", same), HttpStatusCode.OK);
            Assert.Equal(JsonValueKind.Null, body.GetProperty("deployedProcessDefinitions").ValueKind);
            // Nothing changed: the existing deployment answers, none is added.
            Assert.Equal(original.GetProperty("id").GetString(), body.GetProperty("id").GetString());
        }

        Assert.Equal(1, (await GetJsonAsync(admin, $"/engine-rest/deployment/count?name={name}")).GetProperty("count").GetInt32());
        Assert.Equal(1, (await GetJsonAsync(admin, $"/engine-rest/process-definition/count?key={k1}")).GetProperty("count").GetInt32());

        using (var changed = Multipart(name, [(k1 + ".bpmn", OneTask(k1, taskName: "Diubah")), (k2 + ".bpmn", OneTask(k2))], ("deploy-changed-only", "true")))
        {
            var body = await JsonAsync(await admin.PostAsync("/engine-rest/deployment/create", changed), HttpStatusCode.OK);
            var deployed = body.GetProperty("deployedProcessDefinitions");
            Assert.Equal([k1 + ":2"], deployed.EnumerateObject().Select(p => p.Name));
        }

        // Duplicate filtering without changed-only: one changed file redeploys every file of the deployment.
        using (var filtering = Multipart(name, [(k1 + ".bpmn", OneTask(k1, taskName: "Lagi")), (k2 + ".bpmn", OneTask(k2))], ("enable-duplicate-filtering", "true")))
        {
            var body = await JsonAsync(await admin.PostAsync("/engine-rest/deployment/create", filtering), HttpStatusCode.OK);
            Assert.Equal([k1 + ":3", k2 + ":2"], body.GetProperty("deployedProcessDefinitions").EnumerateObject().Select(p => p.Name).Order());
        }
    }

    [Fact]
    public async Task WithoutFiltering_SameContentDeploysNewVersion()
    {
        using var admin = app.Admin();
        var key = Key("dep_again");
        await DeployAsync(admin, key, (key + ".bpmn", OneTask(key)));
        var again = await DeployAsync(admin, key, (key + ".bpmn", OneTask(key)));
        Assert.True(again.GetProperty("deployedProcessDefinitions").TryGetProperty(key + ":2", out _));
    }

    [Fact]
    public async Task InvalidBpmn_400ParseExceptionNamingFileAndElement()
    {
        using var admin = app.Admin();
        var key = Key("dep_invalid");
        using var content = Multipart("salah", [(key + ".bpmn", WithScript(key))]);
        var body = await JsonAsync(await admin.PostAsync("/engine-rest/deployment/create", content), HttpStatusCode.BadRequest);

        Assert.Equal("ParseException", body.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
        var errors = body.GetProperty("details").GetProperty(key + ".bpmn").GetProperty("errors");
        Assert.Contains(errors.EnumerateArray(), e => e.GetProperty("mainElementId").GetString() == "skrip_hitung");
        Assert.Equal(0, (await GetJsonAsync(admin, $"/engine-rest/process-definition/count?key={key}")).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task MalformedXml_400ParseExceptionWithLine()
    {
        using var admin = app.Admin();
        using var content = Multipart("rusak", [("rusak.bpmn", "<bpmn:definitions><tidak-ditutup>")]);
        var body = await JsonAsync(await admin.PostAsync("/engine-rest/deployment/create", content), HttpStatusCode.BadRequest);
        Assert.Equal("ParseException", body.GetProperty("type").GetString());
        Assert.True(body.GetProperty("details").TryGetProperty("rusak.bpmn", out _));
    }

    [Fact]
    public async Task FormFiles_StoredByKeyWithVersions()
    {
        using var admin = app.Admin();
        var formKey = Key("dep_form");
        var key = Key("dep_formproc");
        await DeployAsync(admin, formKey, (key + ".bpmn", OneTask(key)), (formKey + ".form", Form(formKey)));
        var second = await DeployAsync(admin, formKey, (formKey + ".form", Form(formKey)));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("deployedProcessDefinitions").ValueKind);

        using var scope = app.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var forms = await context.DeploymentResources.Where(r => r.FormKey == formKey).OrderBy(r => r.FormVersion).ToListAsync();
        Assert.Equal([1, 2], forms.Select(f => f.FormVersion!.Value));
        Assert.Equal(second.GetProperty("id").GetString(), forms[1].DeploymentId);
        Assert.Contains("textfield", forms[1].Content, StringComparison.Ordinal);
        Assert.Equal(2, (await DeploymentService.FormAsync(context, formKey))!.FormVersion);
        Assert.Equal(forms[0].Id, (await DeploymentService.FormAsync(context, formKey, version: 1))!.Id);
        Assert.Equal(forms[0].Id, (await DeploymentService.FormAsync(context, formKey, deploymentId: forms[0].DeploymentId))!.Id);
        Assert.Null(await DeploymentService.FormAsync(context, "tidak-ada"));
    }

    [Theory]
    [InlineData("tanpa-id.form", "{\"components\": []}", "\"id\"")]
    [InlineData("bukan-json.form", "{ini bukan json", "JSON")]
    [InlineData("keputusan.dmn", "<definitions/>", ".bpmn")]
    public async Task BadFile_400SaysWhatIsWrong(string file, string text, string hint)
    {
        using var admin = app.Admin();
        using var content = Multipart("buruk", [(file, text)]);
        var response = await admin.PostAsync("/engine-rest/deployment/create", content);
        var body = await JsonAsync(response, HttpStatusCode.BadRequest);
        var message = body.GetProperty("message").GetString()!;
        Assert.Contains(file, message, StringComparison.Ordinal);
        Assert.Contains(hint, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotMultipartOrNoFilesOrTooMany_400()
    {
        using var admin = app.Admin();
        var notMultipart = await PostJsonAsync(admin, "/engine-rest/deployment/create", "{}", HttpStatusCode.BadRequest);
        Assert.Contains("multipart/form-data", notMultipart.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var empty = Multipart("kosong", []);
        await JsonAsync(await admin.PostAsync("/engine-rest/deployment/create", empty), HttpStatusCode.BadRequest);

        using var many = Multipart("banyak", Enumerable.Range(0, 21).Select(i => ($"f{i}.bpmn", OneTask("banyak" + i))));
        var tooMany = await JsonAsync(await admin.PostAsync("/engine-rest/deployment/create", many), HttpStatusCode.BadRequest);
        Assert.Contains("20", tooMany.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var twoForms = Multipart("dua-form", [("a.form", Form("dep_sama")), ("b.form", Form("dep_sama"))]);
        var sameId = await JsonAsync(await admin.PostAsync("/engine-rest/deployment/create", twoForms), HttpStatusCode.BadRequest);
        Assert.Contains("a.form", sameId.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var bad = Multipart("flag", [("x.bpmn", OneTask(Key("dep_flag")))], ("deploy-changed-only", "ya"));
        var flag = await JsonAsync(await admin.PostAsync("/engine-rest/deployment/create", bad), HttpStatusCode.BadRequest);
        Assert.Contains("deploy-changed-only", flag.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileOverTenMegabytes_400()
    {
        using var admin = app.Admin();
        var big = OneTask("besar") + new string(' ', 10 * 1024 * 1024);
        using var content = Multipart("besar", [("besar.bpmn", big)]);
        var body = await JsonAsync(await admin.PostAsync("/engine-rest/deployment/create", content), HttpStatusCode.BadRequest);
        Assert.Contains("besar.bpmn", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FiltersSortsPages()
    {
        using var admin = app.Admin();
        var prefix = Key("dep_list");
        foreach (var suffix in new[] { "b", "a", "c" })
        {
            var key = prefix + suffix;
            await DeployAsync(admin, prefix + "-" + suffix, (key + ".bpmn", OneTask(key)));
        }

        var byName = await GetJsonAsync(admin, $"/engine-rest/deployment?nameLike={prefix}%25&sortBy=name&sortOrder=desc");
        Assert.Equal([prefix + "-c", prefix + "-b", prefix + "-a"], byName.EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        // The test clock stands still, so deployment times tie: paging is shown on the name order.
        var page = await GetJsonAsync(admin, $"/engine-rest/deployment?nameLike={prefix}%25&sortBy=name&sortOrder=asc&firstResult=1&maxResults=1");
        Assert.Equal(prefix + "-b", Assert.Single(page.EnumerateArray()).GetProperty("name").GetString());
        var exact = await GetJsonAsync(admin, $"/engine-rest/deployment?name={prefix}-b");
        Assert.Single(exact.EnumerateArray());
        Assert.Equal(3, (await GetJsonAsync(admin, $"/engine-rest/deployment?nameLike={prefix}%25&sortBy=deploymentTime&sortOrder=desc")).GetArrayLength());
        Assert.Equal(3, (await GetJsonAsync(admin, $"/engine-rest/deployment/count?nameLike={prefix}%25")).GetProperty("count").GetInt32());

        var badSort = await GetJsonAsync(admin, "/engine-rest/deployment?sortBy=ukuran&sortOrder=asc", HttpStatusCode.BadRequest);
        Assert.Contains("deploymentTime", badSort.GetProperty("message").GetString(), StringComparison.Ordinal);
        await GetJsonAsync(admin, "/engine-rest/deployment?maxResults=-1", HttpStatusCode.BadRequest);
        var tooMany = await GetJsonAsync(admin, "/engine-rest/deployment?maxResults=1001", HttpStatusCode.BadRequest);
        Assert.Contains("1000", tooMany.GetProperty("message").GetString(), StringComparison.Ordinal);
        await GetJsonAsync(admin, "/engine-rest/deployment?sortBy=name", HttpStatusCode.BadRequest);
        await GetJsonAsync(admin, "/engine-rest/deployment?source=modeler", HttpStatusCode.BadRequest);
        await GetJsonAsync(admin, "/engine-rest/deployment/dep-tidak-ada", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_RefusedWhileRunning_CascadeCancelsThenDeletes()
    {
        using var admin = app.Admin();
        var key = Key("dep_delete");
        var deployment = await DeployAsync(admin, key, (key + ".bpmn", OneTask(key)));
        var id = deployment.GetProperty("id").GetString()!;
        var instance = await PostJsonAsync(admin, $"/engine-rest/process-definition/key/{key}/start", "{}");
        var instanceId = instance.GetProperty("id").GetString()!;

        var refused = await JsonAsync(await admin.DeleteAsync($"/engine-rest/deployment/{id}"), HttpStatusCode.Conflict);
        Assert.Contains("cascade=true", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
        await GetJsonAsync(admin, $"/engine-rest/process-instance/{instanceId}");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/engine-rest/deployment/{id}?cascade=true")).StatusCode);
        await GetJsonAsync(admin, $"/engine-rest/process-instance/{instanceId}", HttpStatusCode.NotFound);
        await GetJsonAsync(admin, $"/engine-rest/deployment/{id}", HttpStatusCode.NotFound);
        await GetJsonAsync(admin, $"/engine-rest/process-definition/{key}:1", HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/engine-rest/deployment/{id}")).StatusCode);

        // The key deploys again afterwards, and the new version runs its own model.
        await DeployAsync(admin, key, (key + ".bpmn", OneTask(key, taskName: "Baru")));
        await PostJsonAsync(admin, $"/engine-rest/process-definition/key/{key}/start", "{}");
    }

    [Fact]
    public async Task Delete_OnlyEndedInstances_Allowed()
    {
        using var admin = app.Admin();
        var key = Key("dep_delended");
        var id = (await DeployAsync(admin, key, (key + ".bpmn", OneTask(key)))).GetProperty("id").GetString()!;
        var instanceId = (await PostJsonAsync(admin, $"/engine-rest/process-definition/key/{key}/start", "{}")).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/engine-rest/process-instance/{instanceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/engine-rest/deployment/{id}")).StatusCode);
    }

    [Fact]
    public async Task Authorization_ReadersListManagersDeploy()
    {
        var key = Key("dep_auth");
        using var opd = await app.UserAsync("deploy_opd", "opd", "dinkes");
        using var pimpinan = await app.UserAsync("deploy_pimpinan", "pimpinan");
        using var sekretariat = await app.UserAsync("deploy_sekretariat", "sekretariat");
        using var verifikator = await app.UserAsync("deploy_verifikator", "verifikator");

        var deployed = await DeployAsync(sekretariat, key, (key + ".bpmn", OneTask(key)));
        var id = deployed.GetProperty("id").GetString()!;
        await GetJsonAsync(pimpinan, "/engine-rest/deployment");
        await GetJsonAsync(pimpinan, $"/engine-rest/deployment/{id}");
        foreach (var client in new[] { opd, verifikator })
        {
            var forbidden = await GetJsonAsync(client, "/engine-rest/deployment", HttpStatusCode.Forbidden);
            Assert.Equal("AuthorizationException", forbidden.GetProperty("type").GetString());
            await GetJsonAsync(client, $"/engine-rest/deployment/{id}", HttpStatusCode.Forbidden);
        }

        foreach (var client in new[] { opd, pimpinan, verifikator })
        {
            using var content = Multipart(key, [(key + ".bpmn", OneTask(key))]);
            await JsonAsync(await client.PostAsync("/engine-rest/deployment/create", content), HttpStatusCode.Forbidden);
            await JsonAsync(await client.DeleteAsync($"/engine-rest/deployment/{id}"), HttpStatusCode.Forbidden);
        }
    }
}
