using System.Net;
using System.Text.Json;
using Kks.Workflow.Web.Tests.Infrastructure;

namespace Kks.Workflow.Web.Tests.Api.Tasks;

[Collection(WebTests.Name)]
public sealed class TaskReadTests(WebFixture app)
{
    private readonly TaskKit _kit = new(app);

    [Fact]
    public async Task GetOne_CamundaTaskShape()
    {
        await _kit.DeployAsync();
        var instance = await _kit.StartAsync($"tasks-g-{_kit.Suffix}", priority: 70, due: new DateTimeOffset(2023, 3, 24, 17, 0, 0, TimeSpan.FromHours(7)));
        var id = await _kit.TaskOfAsync(instance);
        using var admin = app.Admin();

        var task = await TaskKit.GetJsonAsync(admin, $"/engine-rest/task/{id}");
        var listed = (await TaskKit.GetJsonAsync(admin, $"/engine-rest/task?processInstanceId={instance}"))[0];

        string[] members =
        [
            "id", "name", "assignee", "owner", "created", "due", "followUp", "delegationState", "description", "executionId", "parentTaskId",
            "priority", "processDefinitionId", "processInstanceId", "taskDefinitionKey", "caseExecutionId", "caseInstanceId",
            "caseDefinitionId", "suspended", "formKey", "camundaFormRef", "tenantId",
        ];
        foreach (var member in members)
        {
            Assert.True(task.TryGetProperty(member, out _), member);
            Assert.True(listed.TryGetProperty(member, out _), member);
        }

        Assert.Equal(id, task.GetProperty("id").GetString());
        Assert.Equal("Isi bukti", task.GetProperty("name").GetString());
        Assert.Equal("2023-03-24T17:00:00.000+0700", task.GetProperty("due").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0700$", task.GetProperty("created").GetString());
        Assert.Equal(70, task.GetProperty("priority").GetInt32());
        Assert.Equal("isi", task.GetProperty("taskDefinitionKey").GetString());
        Assert.Equal(instance, task.GetProperty("processInstanceId").GetString());
        Assert.StartsWith(_kit.Key, task.GetProperty("processDefinitionId").GetString(), StringComparison.Ordinal);
        Assert.Equal("Unggah bukti KKS", task.GetProperty("description").GetString());
        Assert.Equal("Unggah bukti KKS", listed.GetProperty("description").GetString());
        Assert.Equal("embedded:app:forms/isi.html", task.GetProperty("formKey").GetString());
        Assert.False(task.GetProperty("suspended").GetBoolean());
        Assert.Equal(JsonValueKind.Null, task.GetProperty("tenantId").ValueKind);
        Assert.Equal(JsonValueKind.Null, task.GetProperty("camundaFormRef").ValueKind);
    }

    [Fact]
    public async Task GetOne_Unknown_404InCamundaShape()
    {
        using var admin = app.Admin();
        var error = await TaskKit.GetJsonAsync(admin, "/engine-rest/task/tidak-ada", HttpStatusCode.NotFound);
        TaskKit.AssertError(error, "InvalidRequestException", "tidak-ada");
    }

    [Fact]
    public async Task Variables_VisibleFromTheTaskTyped()
    {
        await _kit.DeployAsync();
        var instance = await _kit.StartAsync($"tasks-v-{_kit.Suffix}", more: new() { ["nama"] = "Dinkes", ["jumlah"] = 12L, ["rasio"] = 0.5, ["ok"] = true });
        var id = await _kit.TaskOfAsync(instance);
        using var admin = app.Admin();

        var all = await TaskKit.GetJsonAsync(admin, $"/engine-rest/task/{id}/variables");
        var some = await TaskKit.GetJsonAsync(admin, $"/engine-rest/task/{id}/variables?variableNames=nama,ok");
        var one = await TaskKit.GetJsonAsync(admin, $"/engine-rest/task/{id}/variables/jumlah");
        var missing = await TaskKit.GetJsonAsync(admin, $"/engine-rest/task/{id}/variables/tidakAda", HttpStatusCode.NotFound);

        Assert.Equal(("Dinkes", "String"), (all.GetProperty("nama").GetProperty("value").GetString(), all.GetProperty("nama").GetProperty("type").GetString()));
        Assert.Equal("Integer", all.GetProperty("jumlah").GetProperty("type").GetString());
        Assert.Equal("Double", all.GetProperty("rasio").GetProperty("type").GetString());
        Assert.Equal("Date", all.GetProperty("due").GetProperty("type").GetString());
        Assert.Equal(2, some.EnumerateObject().Count());
        Assert.Equal(12, one.GetProperty("value").GetInt32());
        TaskKit.AssertError(missing, "InvalidRequestException", "tidakAda");
    }

    [Fact]
    public async Task FormVariables_FieldsTypedWithCurrentOrDefaultValues()
    {
        await _kit.DeployAsync();
        var instance = await _kit.StartAsync($"tasks-fv-{_kit.Suffix}", more: new() { ["setuju"] = true });
        var id = await _kit.TaskOfAsync(instance);
        using var admin = app.Admin();

        var form = await TaskKit.GetJsonAsync(admin, $"/engine-rest/task/{id}/form-variables");
        var narrowed = await TaskKit.GetJsonAsync(admin, $"/engine-rest/task/{id}/form-variables?variableNames=jumlah");

        Assert.Equal(["jumlah", "setuju", "tanggal", "catatan"], form.EnumerateObject().Select(p => p.Name).ToList());
        Assert.Equal((5L, "Long"), (form.GetProperty("jumlah").GetProperty("value").GetInt64(), form.GetProperty("jumlah").GetProperty("type").GetString()));
        Assert.Equal((true, "Boolean"), (form.GetProperty("setuju").GetProperty("value").GetBoolean(), form.GetProperty("setuju").GetProperty("type").GetString()));
        Assert.Equal((JsonValueKind.Null, "Date"), (form.GetProperty("tanggal").GetProperty("value").ValueKind, form.GetProperty("tanggal").GetProperty("type").GetString()));
        Assert.Equal(("awal", "String"), (form.GetProperty("catatan").GetProperty("value").GetString(), form.GetProperty("catatan").GetProperty("type").GetString()));
        Assert.Equal(["jumlah"], narrowed.EnumerateObject().Select(p => p.Name).ToList());
    }
}
