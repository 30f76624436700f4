using System.Net;
using System.Text;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Instruments;
using Kks.Workflow.Web.Readiness;
using Kks.Workflow.Web.Tests.Infrastructure;
using Kks.Workflow.Web.Tests.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Instruments;

/// <summary>
/// The readiness dashboard and its API on the shared fixture: who may see it, what it shows for a campaign whose
/// workflow has not started, and the province results' all-or-nothing checks before anything is sent.
/// </summary>
[Collection(WebTests.Name)]
public sealed class DashboardPageTests(WebFixture app) : IAsyncLifetime
{
    private const string Campaign = "uji-dasbor";

    public async Task InitializeAsync()
    {
        await KksTestData.EnsureDemoOpdsAsync(app);
        await KksTestData.EnsureCampaignAsync(app, Campaign);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Dashboard_LeadersSecretariatAndVerifiersSeeIt_OpdIsRefused()
    {
        using (var opd = await PageSession.SignInAsync(app, "dasbor-opd", Roles.Opd, "dinkes"))
        {
            var refused = await opd.GetAsync("/dasbor");
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        }

        foreach (var (user, role) in new[] { ("dasbor-pimpinan", Roles.Pimpinan), ("dasbor-verifikator", Roles.Verifikator), ("dasbor-sekretariat", Roles.Sekretariat) })
        {
            using var page = await PageSession.SignInAsync(app, user, role);
            var html = await page.HtmlAsync($"/dasbor?kampanye={Campaign}");
            Assert.Contains("Dasbor kesiapan penilaian KKS", html, StringComparison.Ordinal);
            Assert.Contains("data-testid=\"tatanan-table\"", html, StringComparison.Ordinal);
            Assert.Contains("Alur penilaian kampanye ini belum dimulai", html, StringComparison.Ordinal);
            Assert.Contains("href=\"/dasbor\"", html, StringComparison.Ordinal);
            Assert.Equal(role == Roles.Sekretariat, html.Contains("Kirim hasil provinsi", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Readiness_BeforeTheWorkflow_EveryIndicatorIsOpen_AndNoScoreYet()
    {
        using var client = await app.UserAsync("dasbor-api", Roles.Pimpinan);
        var json = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync($"/api/kampanye/{Campaign}/kesiapan")).RootElement;
        var figures = json.GetProperty("figures");
        Assert.Equal(136, figures.GetProperty("indicators").GetInt32());
        Assert.Equal(0, figures.GetProperty("approved").GetInt32());
        Assert.Equal(9, figures.GetProperty("tatanan").GetArrayLength());
        Assert.All(json.GetProperty("indicators").EnumerateArray(), i => Assert.Equal("belum", i.GetProperty("state").GetString()));
        using var opd = await app.UserAsync("dasbor-api-opd", Roles.Opd, "dinkes");
        Assert.Equal(HttpStatusCode.Forbidden, (await opd.GetAsync($"/api/kampanye/{Campaign}/kesiapan")).StatusCode);
    }

    [Fact]
    public async Task ProvinceResults_BadRowsAreAllListed_AndAWorkflowNotWaitingIsSaidPlainly()
    {
        using var client = await app.UserAsync("dasbor-sekretariat-api", Roles.Sekretariat);
        using var bad = new StringContent("Kode;Nilai Provinsi;Catatan Provinsi\nT1.1;80;\nT1.1;75;\nX9;50;\n", Encoding.UTF8, "text/csv");
        var refused = await client.PostAsync($"/api/kampanye/{Campaign}/hasil-provinsi", bad);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("ProvinceResultsRejected", body, StringComparison.Ordinal);
        Assert.Contains("Baris 2", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("0, 25, 50, 75 atau 100", body, StringComparison.Ordinal);
        Assert.Contains("X9", body, StringComparison.Ordinal);

        using var good = new StringContent("Kode,Nilai Provinsi,Catatan Provinsi\nT1.1,75,\n", Encoding.UTF8, "text/csv");
        var waiting = await client.PostAsync($"/api/kampanye/{Campaign}/hasil-provinsi", good);
        Assert.Equal(HttpStatusCode.BadRequest, waiting.StatusCode);
        Assert.Contains("belum menunggu hasil reviu provinsi", await waiting.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void TaskName_CarriesTheIndicatorCode()
    {
        var codes = new HashSet<string>(["T2.3", "T1.10"], StringComparer.Ordinal);
        Assert.Equal("T2.3", ReadinessReader.CodeInName("Lengkapi bukti dukung T2.3", codes));
        Assert.Equal("T1.10", ReadinessReader.CodeInName("Periksa bukti dukung T1.10", codes));
        Assert.Null(ReadinessReader.CodeInName("Catat hasil rakor", codes));
    }

    [Fact]
    public void ProvinceSheet_ReadsTheReadinessExportsColumns()
    {
        var problems = new List<ImportProblem>();
        using var csv = new MemoryStream(Encoding.UTF8.GetBytes("Tatanan,No,Kode,Indikator,Nilai Mandiri,Nilai Provinsi,Catatan Provinsi\n1,1,T1.1,X,75,50,Kurang data 2022\n1,2,T1.2,Y,100,,\n"));
        var lines = ProvinceResults.Parse(csv, "csv", problems);
        Assert.Empty(problems);
        Assert.Equal(2, lines.Count);
        Assert.Equal(("T1.1", 50, "Kurang data 2022", true), (lines[0].Code, lines[0].Score, lines[0].Note, lines[0].Flagged));
        Assert.Equal(3, lines[1].Source!.Row);
    }
}
