using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Campaigns;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Tests.Api.Deployments;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Instruments;

internal static class KksTestData
{
    /// <summary>The demo regency's 18 OPDs (the shared fixture does not seed the demo), added once.</summary>
    public static async Task EnsureDemoOpdsAsync(WebFixture app)
    {
        using var scope = app.Services.CreateScope();
        await EnsureDemoOpdsAsync(scope.ServiceProvider);
    }

    /// <summary>The same for any app's services (the browser fixture's too).</summary>
    public static async Task EnsureDemoOpdsAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<WorkflowDbContext>();
        var known = await db.Opds.Select(o => o.Code).ToListAsync();
        foreach (var opd in DemoRegency.Opds.Where(o => !known.Contains(o.Code)))
        {
            db.Opds.Add(new OpdRecord { Code = opd.Code, Name = opd.Name });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>A demo campaign (the 18 OPDs, Kampar's 2023 dates) on the kks-2025 stand-in under <paramref name="id"/>, made once.</summary>
    public static async Task EnsureCampaignAsync(WebFixture app, string id)
    {
        using var scope = app.Services.CreateScope();
        if (await scope.ServiceProvider.GetRequiredService<CampaignService>().GetAsync(id, CancellationToken.None) is null)
        {
            await scope.ServiceProvider.GetRequiredService<DemoCampaign>().SeedAsync(id, "kks-2025", CancellationToken.None);
        }
    }

    public static async Task<T> InScopeAsync<T>(WebFixture app, Func<IServiceProvider, Task<T>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>The repository's workflows/kks-penilaian.bpmn, as shipped.</summary>
    public static string WorkflowFile() => Path.Combine(ReplayFixture.RepositoryFolder("workflows"), "kks-penilaian.bpmn");

    /// <summary>Deploys the shipped assessment workflow (an unchanged file is not a new version).</summary>
    public static async Task DeployAssessmentAsync(WebFixture app)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DeploymentService>().DeployAsync(await File.ReadAllTextAsync(WorkflowFile()), "kks");
    }

    /// <summary>
    /// A campaign on kks-2025 created through the API by <paramref name="sekretariat"/> (rakor 15 February 2023, documents
    /// due 24 March, verification 2 May), the shipped workflow deployed and started for it through /engine-rest as the
    /// admin, as the tests of the KKS workflow all begin. Returns the process instance id.
    /// </summary>
    public static async Task<string> StartCampaignAsync(WebFixture app, HttpClient sekretariat, string id, string name, params string[] opds)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(sekretariat);
        var created = await sekretariat.PostAsJsonAsync("/api/kampanye", new
        {
            id,
            name,
            regencyName = "Kabupaten Uji",
            instrumentId = "kks-2025",
            rakorDate = "2023-02-15",
            documentsDueDate = "2023-03-24",
            verificationDate = "2023-05-02",
            opds,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var admin = app.Admin();
        await DeployKit.DeployAsync(admin, "kks", ("kks-penilaian.bpmn", await File.ReadAllTextAsync(WorkflowFile())));
        var started = await DeployKit.PostJsonAsync(admin, "/engine-rest/process-definition/key/kks-penilaian/start",
            $$$$"""{"businessKey":"{{{{id}}}}","variables":{"kampanye":{"value":"{{{{id}}}}","type":"String"}}}""");
        return started.GetProperty("id").GetString()!;
    }

    /// <summary>
    /// Completes "Catat hasil rakor" and waits (bounded) for the assignment step, a job the host's dispatcher runs, to
    /// commit the OPDs' evidence tasks. Returns the rakor task's id.
    /// </summary>
    public static async Task<string> CompleteRakorAsync(HttpClient sekretariat, string instanceId)
    {
        var rakor = Assert.Single((await TasksAsync(sekretariat, instanceId)).EnumerateArray());
        Assert.Equal("CatatRakor", rakor.GetProperty("taskDefinitionKey").GetString());
        var rakorId = rakor.GetProperty("id").GetString()!;
        await DeployKit.PostJsonAsync(sekretariat, $"/engine-rest/task/{rakorId}/complete",
            """{"variables":{"tanggalRakor":{"value":"2023-02-15T09:00:00.000+0700","type":"Date"},"jumlahOpdHadir":{"value":2,"type":"Long"}}}""",
            HttpStatusCode.NoContent);
        for (var wait = 0; wait < 300 && (await TasksAsync(sekretariat, instanceId)).GetArrayLength() == 0; wait++)
        {
            await Task.Delay(100);
        }

        return rakorId;
    }

    /// <summary>The open tasks of an instance, as /engine-rest lists them.</summary>
    public static Task<JsonElement> TasksAsync(HttpClient client, string? instanceId) =>
        DeployKit.GetJsonAsync(client, $"/engine-rest/task?processInstanceId={instanceId}&maxResults=1000");
}
