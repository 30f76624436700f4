using System.Net;
using System.Text.Json;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Tests.Api.Deployments;
using Kks.Workflow.Web.Tests.Infrastructure;
using Kks.Workflow.Web.Tests.Instruments;
using Kks.Workflow.Web.Tests.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Kampanye;

/// <summary>
/// The province's results entered per indicator on /kampanye/{id}/hasil-provinsi: filtered by tatanan and OPD, a bad
/// row refused with the values kept, a draft saved, and "Kirim hasil provinsi" delivering the same HasilReviuProvinsi
/// message the upload sends (here to a small process waiting for it under the campaign's business key, so the test
/// does not have to walk the whole assessment).
/// </summary>
[Collection(WebTests.Name)]
public sealed class ProvinceResultsPageTests(WebFixture app) : IAsyncLifetime
{
    private const string Campaign = "uji-hasil-halaman";

    public async Task InitializeAsync()
    {
        await KksTestData.EnsureDemoOpdsAsync(app);
        await KksTestData.EnsureCampaignAsync(app, Campaign);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ProvinceResults_FilteredTable_BadRowKeepsValues_DraftThenSend_DeliversTheMessage()
    {
        using var page = await PageSession.SignInAsync(app, "hasil-sekretariat", Roles.Sekretariat);
        var all = await page.HtmlAsync($"/kampanye/{Campaign}/hasil-provinsi");
        Assert.Contains("Menampilkan 136 dari 136 indikator", all, StringComparison.Ordinal);
        var t2 = await page.HtmlAsync($"/kampanye/{Campaign}/hasil-provinsi?tatanan=2&opd=dlh");
        Assert.Contains("data-testid=\"row-T2.3\"", t2, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"row-T1.1\"", t2, StringComparison.Ordinal);
        Assert.DoesNotContain("Menampilkan 22 dari", t2, StringComparison.Ordinal); // DLH owns part of T2 only

        // A score off the scale: nothing saved, and every value typed comes back.
        var token = PageSession.Token(all);
        var refused = await page.PostAsync($"/kampanye/{Campaign}/hasil-provinsi?handler=Draf", token,
        [
            new("Baris[0].Kode", "T1.1"), new("Baris[0].Nilai", "75"), new("Baris[0].Catatan", "Data 2022 belum divalidasi"),
            new("Baris[1].Kode", "T1.2"), new("Baris[1].Nilai", "30"), new("Baris[1].Catatan", ""),
        ]);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("nilai provinsi indikator T1.2 harus 0, 25, 50, 75 atau 100", body, StringComparison.Ordinal);
        Assert.Contains("Data 2022 belum divalidasi</textarea>", body, StringComparison.Ordinal);
        Assert.Contains("<option value=\"30\" selected", body, StringComparison.Ordinal);
        Assert.Empty(await DraftsAsync());

        var saved = await page.PostAsync($"/kampanye/{Campaign}/hasil-provinsi?handler=Draf", token,
        [
            new("Baris[0].Kode", "T1.1"), new("Baris[0].Nilai", "75"), new("Baris[0].Catatan", "Data 2022 belum divalidasi"),
            new("Baris[1].Kode", "T1.2"), new("Baris[1].Nilai", "100"), new("Baris[1].Catatan", ""),
            new("Baris[2].Kode", "T1.3"), new("Baris[2].Nilai", ""), new("Baris[2].Catatan", ""),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(2, (await DraftsAsync()).Count);
        var drafted = await page.HtmlAsync($"/kampanye/{Campaign}/hasil-provinsi?tatanan=1");
        Assert.Contains("Draf tersimpan", drafted, StringComparison.Ordinal);
        Assert.Contains("Data 2022 belum divalidasi</textarea>", drafted, StringComparison.Ordinal);

        // Not waiting yet: refused as the upload is, the drafts stay.
        var early = await page.PostAsync($"/kampanye/{Campaign}/hasil-provinsi?handler=Kirim", token, []);
        Assert.Contains("belum menunggu hasil reviu provinsi", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, (await DraftsAsync()).Count);

        // A process waiting for the message under the campaign's business key takes the drafts as its variables.
        var instance = await WaitingProcessAsync();
        var sent = await page.PostAsync($"/kampanye/{Campaign}/hasil-provinsi?handler=Kirim", token,
            [new("Baris[0].Kode", "T2.3"), new("Baris[0].Nilai", "50"), new("Baris[0].Catatan", "")]);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("Hasil provinsi terkirim: 3 indikator", await page.HtmlAsync(sent.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.Empty(await DraftsAsync());
        using var admin = app.Admin();
        var variables = await DeployKit.GetJsonAsync(admin, $"/engine-rest/process-instance/{instance}/variables?deserializeValues=false");
        var results = JsonDocument.Parse(variables.GetProperty("hasilProvinsi").GetProperty("value").GetString()!).RootElement.EnumerateArray()
            .Select(r => (r.GetProperty("kode").GetString(), r.GetProperty("nilai").GetInt32())).ToList();
        Assert.Equal([("T1.1", 75), ("T1.2", 100), ("T2.3", 50)], results);
        Assert.Equal("""["dinkes"]""", variables.GetProperty("opdPerbaikan").GetProperty("value").GetString()!.Replace(" ", "", StringComparison.Ordinal));
    }

    private async Task<string> WaitingProcessAsync()
    {
        var key = DeployKit.Key("tunggu_hasil");
        var xml = TestBpmn.Process(key,
            """<bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="w"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent><bpmn:userTask id="t" name="Sesudah hasil" camunda:candidateGroups="sekretariat"/><bpmn:endEvent id="e"/>"""
            + TestBpmn.Flows("s", "w", "t", "e"),
            extraRoot: """<bpmn:message id="m" name="HasilReviuProvinsi"/>""");
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DeploymentService>().DeployAsync(xml, key);
        return (await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().StartAsync(key, null, Campaign)).InstanceId;
    }

    private Task<List<string>> DraftsAsync() => KksTestData.InScopeAsync(app, sp =>
        sp.GetRequiredService<WorkflowDbContext>().ProvinceDrafts.Where(d => d.CampaignId == Campaign).Select(d => d.IndicatorCode).ToListAsync());
}
