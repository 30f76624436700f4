using System.Net;
using System.Text;
using System.Text.Json;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Api.Access;

/// <summary>
/// Every endpoint against every role, on a task offered to OPD MX-A. Columns: admin, sekretariat, opd of MX-A,
/// opd of MX-B, pimpinan, verifikator, anonymous; "-" where the call would change state for that role (the slice
/// tests cover those). Out of reach by id is 404 (the id leaks nothing); a role that may never do it is 403.
/// </summary>
[Collection(WebTests.Name)]
public sealed class AuthorizationMatrixTests(WebFixture app) : IAsyncLifetime
{
    private static readonly string[] Callers = ["admin", "sekretariat", "opd-own", "opd-other", "pimpinan", "verifikator", "anonymous"];

    private const string Model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://kks">
          <bpmn:process id="mx" name="Matriks" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="t" />
            <bpmn:userTask id="t" name="Unggah bukti" camunda:candidateGroups="MX-A">
              <bpmn:extensionElements><camunda:formData><camunda:formField id="skor" label="Skor" type="long" /></camunda:formData></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private string _instance = "";
    private string _task = "";

    public static TheoryData<string, string, string?, string> Matrix => new()
    {
        // reads of one task, instance or its history by id
        { "GET", "/engine-rest/task/{T}", null, "200 200 200 404 200 404 401" },
        { "GET", "/engine-rest/task/{T}/variables", null, "200 200 200 404 200 404 401" },
        { "GET", "/engine-rest/task/{T}/form-variables", null, "200 200 200 404 200 404 401" },
        { "GET", "/engine-rest/task/{T}/comment", null, "200 200 200 404 200 404 401" },
        { "GET", "/engine-rest/process-instance/{I}", null, "200 200 200 404 200 404 401" },
        { "GET", "/engine-rest/process-instance/{I}/variables", null, "200 200 200 404 200 404 401" },
        { "GET", "/engine-rest/process-instance/{I}/activity-instances", null, "200 200 200 404 200 404 401" },
        { "GET", "/engine-rest/history/process-instance/{I}", null, "200 200 200 404 200 404 401" },
        // lists: everyone signed in may ask; what they get is filtered (see the slice tests)
        { "GET", "/engine-rest/task?processInstanceId={I}", null, "200 200 200 200 200 200 401" },
        { "GET", "/engine-rest/history/task?processInstanceId={I}", null, "200 200 200 200 200 200 401" },
        // the engine's own records: readers only
        { "GET", "/engine-rest/process-definition", null, "200 200 403 403 200 403 401" },
        { "GET", "/engine-rest/deployment", null, "200 200 403 403 200 403 401" },
        { "GET", "/engine-rest/job", null, "200 200 403 403 200 403 401" },
        { "GET", "/engine-rest/incident", null, "200 200 403 403 200 403 401" },
        { "GET", "/engine-rest/external-task", null, "200 403 403 403 403 403 401" },
        // work on the task
        { "POST", "/engine-rest/task/{T}/claim", "{\"userId\":\"someone\"}", "- - 403 404 403 404 401" },
        { "POST", "/engine-rest/task/{T}/complete", "{}", "- - - 404 403 404 401" },
        { "POST", "/engine-rest/task/{T}/comment/create", "{\"message\":\"halo\"}", "- - - 404 403 404 401" },
        { "PUT", "/engine-rest/task/{T}", "{\"name\":\"x\"}", "- - 403 404 403 404 401" },
        // managing instances and definitions
        { "PUT", "/engine-rest/process-instance/{I}/variables/x", "{\"value\":1,\"type\":\"Integer\"}", "- - 403 404 403 404 401" },
        { "DELETE", "/engine-rest/process-instance/{I}", null, "- - 403 404 403 404 401" },
        { "POST", "/engine-rest/process-definition/key/mx/start", "{}", "- - 403 403 403 403 401" },
        { "POST", "/engine-rest/message", "{\"messageName\":\"tidak-ada\"}", "400 400 403 403 403 403 401" },
        // admin only
        { "POST", "/engine-rest/job/tidak-ada/execute", null, "404 403 403 403 403 403 401" },
        { "POST", "/engine-rest/external-task/fetchAndLock", "{\"workerId\":\"w\",\"maxTasks\":1,\"topics\":[{\"topicName\":\"tidak-ada\",\"lockDuration\":1000}]}", "200 403 403 403 403 403 401" },
    };

    public async Task InitializeAsync()
    {
        await app.Services.GetRequiredService<DeploymentService>().DeployAsync(Model);
        var runtime = app.Services.GetRequiredService<WorkflowRuntime>();
        _instance = (await runtime.StartAsync("mx", userId: "admin")).InstanceId;
        using var admin = app.Admin();
        var tasks = JsonDocument.Parse(await admin.GetStringAsync($"/engine-rest/task?processInstanceId={_instance}"));
        _task = tasks.RootElement[0].GetProperty("id").GetString()!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EveryRole_GetsItsStatus(string method, string path, string? body, string expected)
    {
        var statuses = expected.Split(' ');
        var mismatches = new List<string>();
        for (var i = 0; i < Callers.Length; i++)
        {
            if (statuses[i] == "-")
            {
                continue;
            }

            using var client = await ClientAsync(Callers[i]);
            using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{T}", _task, StringComparison.Ordinal).Replace("{I}", _instance, StringComparison.Ordinal));
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);
            var actual = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (actual != statuses[i])
            {
                mismatches.Add($"{Callers[i]}: expected {statuses[i]}, got {actual} {await response.Content.ReadAsStringAsync()}");
            }
            else if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized)
            {
                using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.False(string.IsNullOrEmpty(error.RootElement.GetProperty("type").GetString()));
            }
        }

        Assert.True(mismatches.Count == 0, $"{method} {path}:\n" + string.Join("\n", mismatches));
    }

    private async Task<HttpClient> ClientAsync(string caller) => caller switch
    {
        "admin" => app.Admin(),
        "sekretariat" => await app.UserAsync("mx_sek", "sekretariat"),
        "opd-own" => await app.UserAsync("mx_opd_a", "opd", "MX-A"),
        "opd-other" => await app.UserAsync("mx_opd_b", "opd", "MX-B"),
        "pimpinan" => await app.UserAsync("mx_pim", "pimpinan"),
        "verifikator" => await app.UserAsync("mx_ver", "verifikator"),
        _ => app.CreateClient(),
    };
}
