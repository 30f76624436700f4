using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kks.Workflow.Web.Campaigns;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Instruments;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Instruments;

[Collection(WebTests.Name)]
public sealed class CampaignTests(WebFixture app) : IAsyncLifetime
{
    public async Task InitializeAsync() => await KksTestData.EnsureDemoOpdsAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DemoSeed_CreatesKampar2023Once_18OpdsKeyDatesAndChecklist()
    {
        await KksTestData.InScopeAsync(app, async sp => { await sp.GetRequiredService<DemoCampaign>().SeedAsync(default); return 0; });
        await KksTestData.InScopeAsync(app, async sp => { await sp.GetRequiredService<DemoCampaign>().SeedAsync(default); return 0; });
        var campaign = await KksTestData.InScopeAsync(app, sp => sp.GetRequiredService<CampaignService>().GetAsync("kampar-2023", default));
        Assert.NotNull(campaign);
        Assert.Equal(("Kabupaten Kampar", 2023, "kks-2023"), (campaign.RegencyName, campaign.Cycle, campaign.InstrumentId));
        Assert.Equal(18, campaign.Opds.Count);
        Assert.Equal(DemoRegency.Opds.Select(o => o.Code).Order(StringComparer.Ordinal), campaign.Opds.Select(o => o.Code));
        Assert.Equal(new DateOnly(2023, 2, 15), campaign.RakorDate);
        Assert.Equal(new DateOnly(2023, 3, 24), campaign.DocumentsDueDate);
        Assert.Equal(5, campaign.VerificationDate!.Value.Month);
        Assert.Equal(14, campaign.Kelembagaan.Count);
        Assert.All(campaign.Kelembagaan, k => Assert.Null(k.Present));
        Assert.Null(campaign.LatestOdf);
    }

    [Fact]
    public async Task DemoSeed_With2025InstrumentStandingIn_EveryOpdOwningIndicatorsIsAssigned()
    {
        await KksTestData.InScopeAsync(app, async sp => { await sp.GetRequiredService<DemoCampaign>().SeedAsync("kampar-2023-pengganti", "kks-2025", default); return 0; });
        var campaign = await KksTestData.InScopeAsync(app, sp => sp.GetRequiredService<CampaignService>().GetAsync("kampar-2023-pengganti", default));
        Assert.Equal((2023, "kks-2025"), (campaign!.Cycle, campaign.InstrumentId));
        Assert.Contains("dipakai sebagai pengganti", campaign.DatesNote, StringComparison.Ordinal);
        var assignments = await KksTestData.InScopeAsync(app, sp => sp.GetRequiredService<IndicatorCatalog>().AssignmentsAsync("kampar-2023-pengganti", default));
        Assert.Equal(18, assignments.Count);
        // Every indicator of the 136 has at least one owner among the demo OPDs.
        Assert.Equal(136, assignments.Values.SelectMany(codes => codes).Distinct().Count());
        // OPDs the reference never names as a source own nothing, and are listed so (not silently dropped).
        Assert.Equal(["dpmd", "satpolpp"], assignments.Where(a => a.Value.Count == 0).Select(a => a.Key));
    }

    [Fact]
    public async Task Api_CreateCampaign_RecordOdfAndKelembagaan_LookUpIndicatorsAndAssignments()
    {
        using var sekretariat = await app.UserAsync("kks-sekretariat", Roles.Sekretariat);
        var created = await sekretariat.PostAsJsonAsync("/api/kampanye", new
        {
            id = "uji-2025",
            name = "Penilaian KKS Uji 2025",
            regencyName = "Kabupaten Uji",
            instrumentId = "kks-2025",
            rakorDate = "2025-02-14",
            documentsDueDate = "2025-03-21",
            verificationDate = "2025-05-12",
            opds = new[] { "dinkes", "dlh", "bpbd" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var odf = await sekretariat.PostAsJsonAsync("/api/kampanye/uji-2025/odf", new { percent = 84, asOf = "2025-03-10", source = "Aplikasi STBM" });
        Assert.Equal(HttpStatusCode.OK, odf.StatusCode);
        var kelembagaan = await sekretariat.PutAsJsonAsync("/api/kampanye/uji-2025/kelembagaan/FKKS.2", new { present = true, evidenceNote = "SK Bupati No. 100/2024" });
        Assert.Equal(HttpStatusCode.OK, kelembagaan.StatusCode);

        var view = JsonDocument.Parse(await sekretariat.GetStringAsync("/api/kampanye/uji-2025")).RootElement;
        Assert.Equal(84, view.GetProperty("latestOdf").GetProperty("percent").GetDouble());
        Assert.Equal("2025-03-10", view.GetProperty("latestOdf").GetProperty("asOf").GetString());
        Assert.Equal("Padapa", view.GetProperty("odfProjection").GetProperty("odfCeiling").GetString());
        Assert.StartsWith("ODF 84%: paling tinggi Padapa", view.GetProperty("odfProjection").GetProperty("reason").GetProperty("indonesian").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, view.GetProperty("opds").GetArrayLength());
        var sk = view.GetProperty("kelembagaan").EnumerateArray().Single(k => k.GetProperty("code").GetString() == "FKKS.2");
        Assert.True(sk.GetProperty("present").GetBoolean());
        Assert.Equal("kks-sekretariat", sk.GetProperty("updatedBy").GetString());

        var assignments = JsonDocument.Parse(await sekretariat.GetStringAsync("/api/kampanye/uji-2025/penugasan")).RootElement;
        Assert.Equal(["bpbd", "dinkes", "dlh"], assignments.EnumerateObject().Select(p => p.Name));
        var dinkes = assignments.GetProperty("dinkes").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal("T1.1", dinkes[0]);
        Assert.Contains("T9.13", dinkes);
        // T9.1-T9.12, T9.14 (with Dinkes) and T2.18 (Damkar/BPBD in the reference).
        Assert.Equal(14, assignments.GetProperty("bpbd").GetArrayLength());

        var indicator = JsonDocument.Parse(await sekretariat.GetStringAsync("/api/kampanye/uji-2025/indikator/T2.3")).RootElement;
        Assert.Equal("RT pengelolaan sampah", indicator.GetProperty("name").GetString());
        Assert.Equal("dlh", indicator.GetProperty("owners")[0].GetProperty("code").GetString());
        Assert.Equal("Dinas Lingkungan Hidup", indicator.GetProperty("owners")[0].GetProperty("name").GetString());

        var forOpd = await KksTestData.InScopeAsync(app, sp => sp.GetRequiredService<IndicatorCatalog>().ForOpdAsync("uji-2025", "bpbd", default));
        Assert.Contains(forOpd, i => i.Code == "T2.18");
        Assert.All(forOpd, i => Assert.Contains(i.Owners, o => o.Code == "bpbd"));
    }

    [Fact]
    public async Task Api_BadInput_AnswersInIndonesianWithWhatToFix()
    {
        using var sekretariat = await app.UserAsync("kks-sekretariat", Roles.Sekretariat);
        var bad = await sekretariat.PostAsJsonAsync("/api/kampanye", new { id = "uji-buruk", name = "x", regencyName = "y", instrumentId = "kks-1999", opds = new[] { "dinkes", "tidakada" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var message = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()!;
        Assert.Contains("('instrumentId') wajib", message, StringComparison.Ordinal);
        Assert.Contains("OPD tidak terdaftar: tidakada", message, StringComparison.Ordinal);
        using var english = new HttpRequestMessage(HttpMethod.Post, "/api/kampanye") { Content = JsonContent.Create(new { id = "uji-buruk", opds = new[] { "tidakada" } }) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var englishBody = await (await sekretariat.SendAsync(english)).Content.ReadAsStringAsync();
        Assert.Contains("OPDs not registered: tidakada", englishBody, StringComparison.Ordinal);

        await KksTestData.InScopeAsync(app, async sp => { await sp.GetRequiredService<DemoCampaign>().SeedAsync(default); return 0; });
        var odf = await sekretariat.PostAsJsonAsync("/api/kampanye/kampar-2023/odf", new { percent = 120, asOf = "2023-03-10", source = "STBM" });
        Assert.Equal(HttpStatusCode.BadRequest, odf.StatusCode);
        Assert.Contains("0 sampai 100", await odf.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var missing = await sekretariat.GetAsync("/api/kampanye/tidak-ada");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Pimpinan, HttpStatusCode.OK, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Verifikator, HttpStatusCode.OK, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Opd, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Admin, HttpStatusCode.OK, HttpStatusCode.BadRequest)]
    public async Task Api_Roles_ReadersReadAndOnlyManagersWrite(string role, HttpStatusCode read, HttpStatusCode write)
    {
        using var client = await app.UserAsync("kks-peran-" + role, role, role == Roles.Opd ? "dinkes" : null);
        Assert.Equal(read, (await client.GetAsync("/api/kampanye")).StatusCode);
        Assert.Equal(read, (await client.GetAsync("/api/instrumen")).StatusCode);
        Assert.Equal(read, (await client.GetAsync("/api/instrumen/kks-2025/indikator/T1.1")).StatusCode);
        // A body that would be refused anyway: the role check comes first.
        Assert.Equal(write, (await client.PostAsJsonAsync("/api/kampanye", new { id = "" })).StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/kampanye")).StatusCode);
    }
}
