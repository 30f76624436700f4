using System.Net;
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
        using var sekretariat = await app.UserAsync("alur-sekretariat", Roles.Sekretariat);
        var instanceId = await KksTestData.StartCampaignAsync(app, sekretariat, "uji-alur", "Uji alur penilaian", "dinkes", "dlh");
        var assignments = JsonDocument.Parse(await sekretariat.GetStringAsync("/api/kampanye/uji-alur/penugasan")).RootElement;
        var dlhCodes = assignments.GetProperty("dlh").EnumerateArray().Select(c => c.GetString()!).ToList();
        var expected = dlhCodes.Count + assignments.GetProperty("dinkes").GetArrayLength();
        Assert.Contains("T2.3", dlhCodes);
        await KksTestData.CompleteRakorAsync(sekretariat, instanceId);

        var evidence = (await KksTestData.TasksAsync(sekretariat, instanceId)).EnumerateArray().ToList();
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
        var review = Assert.Single((await KksTestData.TasksAsync(sekretariat, instanceId)).EnumerateArray(), t => t.GetProperty("name").GetString() == "Periksa bukti dukung T2.3");
        await DeployKit.PostJsonAsync(sekretariat, $"/engine-rest/task/{review.GetProperty("id").GetString()}/complete",
            """{"variables":{"keputusan":{"value":"revisi","type":"String"},"catatanReviu":{"value":"Lampirkan tangkapan layar SIPSN 2022.","type":"String"}}}""",
            HttpStatusCode.NoContent);

        var back = (await DeployKit.GetJsonAsync(focal, $"/engine-rest/task?processInstanceId={instanceId}&candidateGroup=dlh&maxResults=1000")).EnumerateArray().ToList();
        Assert.Equal(dlhCodes.Count, back.Count);
        Assert.Single(back, t => t.GetProperty("name").GetString() == "Lengkapi bukti dukung T2.3");
    }
}
