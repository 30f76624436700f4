using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Tests.Infrastructure;
using Kks.Workflow.Web.Tests.Pages;

namespace Kks.Workflow.Web.Tests.Instruments;

/// <summary>The admin pages /admin/instrumen and /admin/instrumen/{id}.</summary>
[Collection(WebTests.Name)]
public sealed class InstrumentPageTests(WebFixture app) : IAsyncLifetime
{
    public async Task InitializeAsync() => await KksTestData.EnsureDemoOpdsAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task List_Secretariat_SeesInstrumentsDownloadsAndUpload()
    {
        using var session = await PageSession.SignInAsync(app, "kks-halaman-sekretariat", Roles.Sekretariat);
        var html = await session.HtmlAsync("/admin/instrumen");
        Assert.Contains("Instrumen penilaian KKS", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/instrumen/kks-2025\"", html, StringComparison.Ordinal);
        Assert.Contains("/api/instrumen/kks-2025/ekspor?format=xlsx", html, StringComparison.Ordinal);
        Assert.Contains("0 / 147", html, StringComparison.Ordinal); // kks-2023: no indicators of the 147 the source counts
        Assert.Contains("Tidak resmi", html, StringComparison.Ordinal);
        Assert.Contains("Unggah dan ganti", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_LeaderReadsWithoutUpload_OpdRefused()
    {
        using var leader = await PageSession.SignInAsync(app, "kks-halaman-pimpinan", Roles.Pimpinan);
        var html = await leader.HtmlAsync("/admin/instrumen");
        Assert.Contains("kks-2025", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Unggah dan ganti", html, StringComparison.Ordinal);

        using var opd = await PageSession.SignInAsync(app, "kks-halaman-opd", Roles.Opd, "dinkes");
        using var response = await opd.GetAsync("/admin/instrumen");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Detail_ShowsIndicatorsProvenanceAndTemplateMarkers()
    {
        using var session = await PageSession.SignInAsync(app, "kks-halaman-sekretariat", Roles.Sekretariat);
        var html = await session.HtmlAsync("/admin/instrumen/kks-2025");
        Assert.Contains("TIDAK RESMI", html, StringComparison.Ordinal);
        Assert.Contains("Cakupan penemuan kasus TBC", html, StringComparison.Ordinal);
        Assert.Contains("Padapa", html, StringComparison.Ordinal);
        Assert.Contains(">Templat<", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync("/admin/instrumen/tidak-ada")).StatusCode);
    }

    [Fact]
    public async Task Upload_BadCsv_ListsEveryBadRowAndStoresNothing()
    {
        using var session = await PageSession.SignInAsync(app, "kks-halaman-sekretariat", Roles.Sekretariat);
        var token = PageSession.Token(await session.HtmlAsync("/admin/instrumen"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__kks_af" },
            { new StringContent("kks-2023"), "InstrumentId" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("Tatanan,Kode,Indikator,OPD Penanggung Jawab\r\n1,T1.1,Kematian ibu,dinkes\r\n1,T1.x,Kode salah,dinkes\r\n"));
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");
        form.Add(file, "Berkas", "kks-2023.csv");
        using var response = await session.PostAsync("/admin/instrumen", form);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"import-problems\"", html, StringComparison.Ordinal);
        Assert.Contains("Sheet &#x27;CSV&#x27;, baris 3: Kode indikator &#x27;T1.x&#x27; tidak sah", html, StringComparison.Ordinal);
        Assert.Contains("0 / 147", html, StringComparison.Ordinal); // kks-2023 unchanged
    }
}
