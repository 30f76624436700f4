using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Tests.Api.Deployments;
using Kks.Workflow.Web.Tests.Infrastructure;
using Kks.Workflow.Web.Tests.Pages;

namespace Kks.Workflow.Web.Tests.Instruments;

/// <summary>
/// workflows/kks-penilaian.bpmn on the real pipeline: deployed as shipped, started for a campaign, the rakor recorded,
/// the assignment step fanning out one evidence task per indicator to each owning OPD (due on the campaign's date,
/// with the standard deadline ladder), and the review's revision loop sending a task back to its OPD.
/// </summary>
[Collection(WebTests.Name)]
public sealed class AssessmentWorkflowTests(WebFixture app) : IAsyncLifetime
{
    public async Task InitializeAsync() => await KksTestData.EnsureDemoOpdsAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Campaign_RakorThenAssignment_EachOpdGetsOneTaskPerIndicator_RevisionGoesBackToTheOpd()
    {
        using var admin = app.Admin();
        using var sekretariat = await app.UserAsync("alur-sekretariat", Roles.Sekretariat);
        var created = await sekretariat.PostAsJsonAsync("/api/kampanye", new
        {
            id = "uji-alur",
            name = "Uji alur penilaian",
            regencyName = "Kabupaten Uji",
            instrumentId = "kks-2025",
            rakorDate = "2023-02-15",
            documentsDueDate = "2023-03-24",
            verificationDate = "2023-05-02",
            opds = new[] { "dinkes", "dlh" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var assignments = JsonDocument.Parse(await sekretariat.GetStringAsync("/api/kampanye/uji-alur/penugasan")).RootElement;
        var dlhCodes = assignments.GetProperty("dlh").EnumerateArray().Select(c => c.GetString()!).ToList();
        var expected = dlhCodes.Count + assignments.GetProperty("dinkes").GetArrayLength();
        Assert.Contains("T2.3", dlhCodes);

        await DeployKit.DeployAsync(admin, "kks", ("kks-penilaian.bpmn", await File.ReadAllTextAsync(WorkflowFile())));
        var started = await DeployKit.PostJsonAsync(admin, "/engine-rest/process-definition/key/kks-penilaian/start",
            """{"businessKey":"uji-alur","variables":{"kampanye":{"value":"uji-alur","type":"String"}}}""");
        var instanceId = started.GetProperty("id").GetString();

        var rakor = Assert.Single((await Tasks(sekretariat, instanceId)).EnumerateArray());
        Assert.Equal("CatatRakor", rakor.GetProperty("taskDefinitionKey").GetString());
        await DeployKit.PostJsonAsync(sekretariat, $"/engine-rest/task/{rakor.GetProperty("id").GetString()}/complete",
            """{"variables":{"tanggalRakor":{"value":"2023-02-15T09:00:00.000+0700","type":"Date"},"jumlahOpdHadir":{"value":2,"type":"Long"}}}""",
            HttpStatusCode.NoContent);

        // The assignment step runs as a job: the host's job dispatcher picks it up (it is due at once); wait for its
        // commit, bounded, instead of racing it with /job/{id}/execute.
        for (var wait = 0; wait < 300 && (await Tasks(sekretariat, instanceId)).GetArrayLength() == 0; wait++)
        {
            await Task.Delay(100);
        }

        var evidence = (await Tasks(sekretariat, instanceId)).EnumerateArray().ToList();
        Assert.Equal(expected, evidence.Count);
        Assert.All(evidence, t => Assert.Equal("2023-03-24T16:00:00.000+0700", t.GetProperty("due").GetString()));
        var dlh = (await DeployKit.GetJsonAsync(sekretariat, $"/engine-rest/task?processInstanceId={instanceId}&candidateGroup=dlh&maxResults=1000")).EnumerateArray().ToList();
        Assert.Equal(dlhCodes.Count, dlh.Count);
        var t23 = Assert.Single(dlh, t => t.GetProperty("name").GetString() == "Lengkapi bukti dukung T2.3");

        // The task page shows what the indicator asks, from the campaign's instrument.
        using (var page = await PageSession.SignInAsync(app, "alur-opd-dlh", Roles.Opd, "dlh"))
        {
            var html = await page.HtmlAsync($"/tugas/{t23.GetProperty("id").GetString()}");
            Assert.Contains("RT pengelolaan sampah", html, StringComparison.Ordinal);
            Assert.Contains("100: ", html, StringComparison.Ordinal);
        }

        using var focal = await app.UserAsync("alur-opd-dlh", Roles.Opd, "dlh");
        await DeployKit.PostJsonAsync(focal, $"/engine-rest/task/{t23.GetProperty("id").GetString()}/complete",
            """{"variables":{"nilaiMandiri":{"value":"75","type":"String"}}}""", HttpStatusCode.NoContent);
        var review = Assert.Single((await Tasks(sekretariat, instanceId)).EnumerateArray(), t => t.GetProperty("name").GetString() == "Periksa bukti dukung T2.3");
        await DeployKit.PostJsonAsync(sekretariat, $"/engine-rest/task/{review.GetProperty("id").GetString()}/complete",
            """{"variables":{"keputusan":{"value":"revisi","type":"String"},"catatanReviu":{"value":"Lampirkan tangkapan layar SIPSN 2022.","type":"String"}}}""",
            HttpStatusCode.NoContent);

        var back = (await DeployKit.GetJsonAsync(focal, $"/engine-rest/task?processInstanceId={instanceId}&candidateGroup=dlh&maxResults=1000")).EnumerateArray().ToList();
        Assert.Equal(dlhCodes.Count, back.Count);
        Assert.Single(back, t => t.GetProperty("name").GetString() == "Lengkapi bukti dukung T2.3");
    }

    private static async Task<JsonElement> Tasks(HttpClient client, string? instanceId) =>
        await DeployKit.GetJsonAsync(client, $"/engine-rest/task?processInstanceId={instanceId}&maxResults=1000");

    /// <summary>The shipped file in the repository's workflows/ folder, found from the test's output folder upwards.</summary>
    private static string WorkflowFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "workflows", "kks-penilaian.bpmn");
            if (File.Exists(candidate) && Directory.Exists(Path.Combine(dir.FullName, "src")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("workflows/kks-penilaian.bpmn not found above " + AppContext.BaseDirectory);
    }
}
