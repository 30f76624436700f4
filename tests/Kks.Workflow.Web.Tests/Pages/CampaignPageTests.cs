using System.Net;
using System.Text;
using System.Text.Json;
using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Campaigns;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Readiness;
using Kks.Workflow.Web.Tests.Infrastructure;
using Kks.Workflow.Web.Tests.Instruments;
using Kks.Workflow.Web.Tests.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Kampanye;

/// <summary>
/// The campaign pages (/kampanye): who may see and change them, a create form refused with every problem beside its
/// input and the values kept, the ODF share and kelembagaan evidence entered on the page (the same evidence checks as a
/// task), and Mulai kampanye starting the assessment workflow once.
/// </summary>
[Collection(WebTests.Name)]
public sealed class CampaignPageTests(WebFixture app) : IAsyncLifetime
{
    public async Task InitializeAsync() => await KksTestData.EnsureDemoOpdsAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CampaignPages_OpdRefused_LeadersAndVerifiersRead_SecretariatChanges()
    {
        await SeedAsync("uji-kampanye-baca");
        using (var opd = await PageSession.SignInAsync(app, "kampanye-opd", Roles.Opd, "dinkes"))
        {
            Assert.NotEqual(HttpStatusCode.OK, (await opd.GetAsync("/kampanye")).StatusCode);
            Assert.NotEqual(HttpStatusCode.OK, (await opd.GetAsync("/kampanye/uji-kampanye-baca")).StatusCode);
            Assert.NotEqual(HttpStatusCode.OK, (await opd.GetAsync("/kampanye/uji-kampanye-baca/hasil-provinsi")).StatusCode);
        }

        foreach (var (user, role) in new[] { ("kampanye-pimpinan", Roles.Pimpinan), ("kampanye-verifikator", Roles.Verifikator) })
        {
            using var reader = await PageSession.SignInAsync(app, user, role);
            var list = await reader.HtmlAsync("/kampanye");
            Assert.Contains("href=\"/kampanye/uji-kampanye-baca\"", list, StringComparison.Ordinal);
            Assert.Contains("href=\"/kampanye\"", list, StringComparison.Ordinal); // the layout's menu
            Assert.DoesNotContain("Kampanye baru", list, StringComparison.Ordinal);
            var detail = await reader.HtmlAsync("/kampanye/uji-kampanye-baca");
            Assert.Contains("Rabu, 15 Februari 2023", detail, StringComparison.Ordinal);
            Assert.DoesNotContain("Mulai kampanye", detail, StringComparison.Ordinal);
            Assert.DoesNotContain("<form method=\"post\" enctype", detail, StringComparison.Ordinal);
            Assert.DoesNotContain("data-testid=\"send-province\"", await reader.HtmlAsync("/kampanye/uji-kampanye-baca/hasil-provinsi"), StringComparison.Ordinal);
            Assert.NotEqual(HttpStatusCode.OK, (await reader.GetAsync("/kampanye/ubah")).StatusCode);
        }

        using var sekretariat = await PageSession.SignInAsync(app, "kampanye-sekretariat", Roles.Sekretariat);
        var own = await sekretariat.HtmlAsync("/kampanye/uji-kampanye-baca");
        Assert.Contains("Mulai kampanye", own, StringComparison.Ordinal);
        Assert.Contains("Kampanye baru", await sekretariat.HtmlAsync("/kampanye"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateForm_BadSubmit_ListsEveryProblemBesideItsInput_AndKeepsWhatWasTyped_ThenSaves()
    {
        using var page = await PageSession.SignInAsync(app, "kampanye-buat", Roles.Sekretariat);
        var html = await page.HtmlAsync("/kampanye/ubah");
        var token = PageSession.Token(html);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.Id", "Uji Buat!"),
            new("Form.Name", ""),
            new("Form.RegencyName", "Kabupaten Uji Buat"),
            new("Form.InstrumentId", "kks-2025"),
            new("Form.RakorDate", "31/02/2023"),
            new("Form.DocumentsDueDate", "2023-03-24"),
            new("Form.ProvinceReviewDate", "2023-03-01"),
            new("Form.VerificationDate", "2023-05-02"),
            new("Form.DatesNote", "Catatan yang tidak boleh hilang"),
            new("Form.Opds", "dlh"),
            new("Form.Opds", "dinkes"),
        };
        var refused = await page.PostAsync("/kampanye/ubah", token, fields);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("data-testid=\"form-problems\"", body, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"error-id\"", body, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"error-name\"", body, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"error-rakorDate\"", body, StringComparison.Ordinal);
        Assert.Contains("tidak terbaca", body, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"error-dates\"", body, StringComparison.Ordinal); // reviu provinsi before batas dokumen
        // Everything typed comes back: the regency, the unreadable date as typed, the note, both OPDs ticked.
        Assert.Contains("value=\"Kabupaten Uji Buat\"", body, StringComparison.Ordinal);
        Assert.Contains("value=\"31/02/2023\"", body, StringComparison.Ordinal);
        Assert.Contains("Catatan yang tidak boleh hilang", body, StringComparison.Ordinal);
        Assert.Contains("value=\"dlh\" checked=\"checked\"", body, StringComparison.Ordinal);
        Assert.Contains("value=\"dinkes\" checked=\"checked\"", body, StringComparison.Ordinal);
        Assert.Contains("<option value=\"kks-2025\" selected=\"selected\"", body, StringComparison.Ordinal);
        Assert.Null(await CampaignAsync("uji-buat"));

        var good = fields.Select(f => f.Key switch
        {
            "Form.Id" => new KeyValuePair<string, string>(f.Key, "uji-buat"),
            "Form.Name" => new(f.Key, "Penilaian KKS Uji Buat 2023"),
            "Form.RakorDate" => new(f.Key, "2023-02-15"),
            "Form.ProvinceReviewDate" => new(f.Key, "2023-04-26"),
            _ => f,
        }).ToList();
        var saved = await page.PostAsync("/kampanye/ubah", PageSession.Token(body), good);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/kampanye/uji-buat", saved.Headers.Location!.OriginalString);
        var detail = await page.HtmlAsync("/kampanye/uji-buat");
        Assert.Contains("Kampanye tersimpan", detail, StringComparison.Ordinal);
        Assert.Contains("Jumat, 24 Maret 2023", detail, StringComparison.Ordinal);
        Assert.Contains("Rabu, 26 April 2023", detail, StringComparison.Ordinal);
        var campaign = await CampaignAsync("uji-buat");
        Assert.Equal(["dinkes", "dlh"], campaign!.Opds.Select(o => o.Code));

        // Editing: the instrument is shown, not changeable; a change of the dates keeps the rest.
        var edit = await page.HtmlAsync("/kampanye/ubah/uji-buat");
        Assert.Contains("value=\"2023-02-15\"", edit, StringComparison.Ordinal);
        Assert.Contains("readonly", edit, StringComparison.Ordinal);
        var changed = good.Where(f => f.Key != "Form.Id" && f.Key != "Form.InstrumentId")
            .Select(f => f.Key == "Form.VerificationDate" ? new KeyValuePair<string, string>(f.Key, "2023-05-15") : f).ToList();
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostAsync("/kampanye/ubah/uji-buat", PageSession.Token(edit), changed)).StatusCode);
        Assert.Equal(new DateOnly(2023, 5, 15), (await CampaignAsync("uji-buat"))!.VerificationDate);
    }

    [Fact]
    public async Task OdfAndKelembagaan_OnThePage_HistoryKept_EvidenceCheckedByContent()
    {
        await SeedAsync("uji-kampanye-odf");
        using var page = await PageSession.SignInAsync(app, "kampanye-odf", Roles.Sekretariat);
        var html = await page.HtmlAsync("/kampanye/uji-kampanye-odf");
        var token = PageSession.Token(html);
        var bad = await page.PostAsync("/kampanye/uji-kampanye-odf?handler=Odf", token,
            [new("OdfPersen", "delapan puluh"), new("OdfTanggal", "2023-01-31"), new("OdfSumber", "Aplikasi STBM")]);
        var badBody = await bad.Content.ReadAsStringAsync();
        Assert.Contains("bukan angka", badBody, StringComparison.Ordinal);
        Assert.Contains("value=\"Aplikasi STBM\"", badBody, StringComparison.Ordinal);

        var noSource = await page.PostAsync("/kampanye/uji-kampanye-odf?handler=Odf", token, [new("OdfPersen", "79,5"), new("OdfTanggal", "2023-01-31"), new("OdfSumber", "")]);
        Assert.Contains("wajib: dari mana angka ODF itu", await noSource.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var (percent, date) in new[] { ("79,5", "2022-12-31"), ("84", "2023-01-31") })
        {
            var ok = await page.PostAsync("/kampanye/uji-kampanye-odf?handler=Odf", token, [new("OdfPersen", percent), new("OdfTanggal", date), new("OdfSumber", "Aplikasi STBM")]);
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }

        html = await page.HtmlAsync("/kampanye/uji-kampanye-odf");
        Assert.Contains("Terakhir: 84% per Selasa, 31 Januari 2023", html, StringComparison.Ordinal);
        Assert.Contains("79,5%", html, StringComparison.Ordinal); // the earlier entry stays in the history
        Assert.Contains("kampanye-odf", html, StringComparison.Ordinal); // who recorded it
        Assert.Contains("Padapa", html, StringComparison.Ordinal);

        // Kelembagaan: a program disguised as a PDF is refused by content, and nothing of the item is saved.
        var item = (await CampaignAsync("uji-kampanye-odf"))!.Kelembagaan[0].Code;
        var refused = await PostItemAsync(page, token, item, "ya", "SK Forum KKS", "sk.pdf", "MZ\u0090\0program"u8.ToArray());
        var refusedBody = await refused.Content.ReadAsStringAsync();
        Assert.Contains("bukan jenis yang diterima", refusedBody, StringComparison.Ordinal);
        Assert.Contains("value=\"SK Forum KKS\"", refusedBody, StringComparison.Ordinal);
        Assert.Null((await CampaignAsync("uji-kampanye-odf"))!.Kelembagaan[0].Present);

        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        Assert.Equal(HttpStatusCode.Redirect, (await PostItemAsync(page, token, item, "ya", "SK Bupati No. 12/2023", "SK Forum.pdf", pdf)).StatusCode);
        var answered = (await CampaignAsync("uji-kampanye-odf"))!.Kelembagaan[0];
        Assert.Equal((true, "SK Bupati No. 12/2023"), (answered.Present, answered.EvidenceNote));
        var file = Assert.Single(answered.Files);
        Assert.Equal(("SK Forum.pdf", "application/pdf", "kampanye-odf"), (file.FileName, file.ContentType, file.UploadedBy));
        html = await page.HtmlAsync("/kampanye/uji-kampanye-odf");
        Assert.Contains($"/api/kampanye/uji-kampanye-odf/kelembagaan-berkas/{file.Id}", html, StringComparison.Ordinal);
        var download = await page.GetAsync($"/api/kampanye/uji-kampanye-odf/kelembagaan-berkas/{file.Id}");
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        using var opd = await app.UserAsync("kampanye-odf-opd", Roles.Opd, "dinkes");
        Assert.Equal(HttpStatusCode.Forbidden, (await opd.GetAsync($"/api/kampanye/uji-kampanye-odf/kelembagaan-berkas/{file.Id}")).StatusCode);
    }

    [Fact]
    public async Task MulaiKampanye_StartsTheWorkflowOnce_AndRefusesACampaignWithoutItsDates()
    {
        await KksTestData.DeployAssessmentAsync(app);
        await SeedAsync("uji-kampanye-mulai");
        using var page = await PageSession.SignInAsync(app, "kampanye-mulai", Roles.Sekretariat);
        var token = PageSession.Token(await page.HtmlAsync("/kampanye/uji-kampanye-mulai"));
        var started = await page.PostAsync("/kampanye/uji-kampanye-mulai?handler=Mulai", token, []);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var html = await page.HtmlAsync("/kampanye/uji-kampanye-mulai");
        Assert.Contains("Kampanye dimulai", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"start-campaign\"", html, StringComparison.Ordinal);
        var instances = await KksTestData.InScopeAsync(app, sp => sp.GetRequiredService<WorkflowDbContext>().ProcessInstances
            .Where(i => i.ProcessKey == ReadinessReader.ProcessKey && i.BusinessKey == "uji-kampanye-mulai").Select(i => i.Id).ToListAsync());
        var instance = Assert.Single(instances);
        Assert.Contains($"/proses/{instance}", html, StringComparison.Ordinal);

        var again = await page.PostAsync("/kampanye/uji-kampanye-mulai?handler=Mulai", token, []);
        Assert.Contains("sudah dimulai", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<CampaignService>().CreateAsync(
                new CampaignInput("uji-kampanye-tanpa-tanggal", "Tanpa tanggal", "Kabupaten Uji", "kks-2025", null, null, null, null, null, ["dinkes"]), "uji", CancellationToken.None);
        }

        var undated = await page.PostAsync("/kampanye/uji-kampanye-tanpa-tanggal?handler=Mulai", token, []);
        var undatedBody = await undated.Content.ReadAsStringAsync();
        Assert.Contains("isi dulu tanggal batas dokumen, tanggal verifikasi", undatedBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_KelembagaanFileAndStart_SameRulesAsThePage()
    {
        await SeedAsync("uji-kampanye-api");
        using var sekretariat = await app.UserAsync("kampanye-api", Roles.Sekretariat);
        using var png = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]);
        var stored = await sekretariat.PostAsync("/api/kampanye/uji-kampanye-api/kelembagaan/FKKS.2/berkas?nama=foto%20sekretariat.png", png);
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        var file = JsonDocument.Parse(await stored.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("foto sekretariat.png", "image/png"), (file.GetProperty("fileName").GetString(), file.GetProperty("contentType").GetString()));
        var view = JsonDocument.Parse(await sekretariat.GetStringAsync("/api/kampanye/uji-kampanye-api")).RootElement;
        Assert.Equal(1, view.GetProperty("kelembagaan").EnumerateArray().Single(k => k.GetProperty("code").GetString() == "FKKS.2").GetProperty("files").GetArrayLength());

        using var text = new StringContent("bukan berkas bukti");
        var refused = await sekretariat.PostAsync("/api/kampanye/uji-kampanye-api/kelembagaan/FKKS.2/berkas?nama=catatan.txt", text);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("bukan jenis yang diterima", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var unknown = new ByteArrayContent("%PDF-1.4\n"u8.ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await sekretariat.PostAsync("/api/kampanye/uji-kampanye-api/kelembagaan/TIDAK.1/berkas?nama=a.pdf", unknown)).StatusCode);

        using var leader = await app.UserAsync("kampanye-api-pimpinan", Roles.Pimpinan);
        using var again = new ByteArrayContent("%PDF-1.4\n"u8.ToArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync("/api/kampanye/uji-kampanye-api/kelembagaan/FKKS.2/berkas?nama=a.pdf", again)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync("/api/kampanye/uji-kampanye-api/mulai", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sekretariat.PostAsync("/api/kampanye/tidak-ada/mulai", null)).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostItemAsync(PageSession page, string token, string item, string present, string note, string fileName, byte[] bytes)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__kks_af" },
            { new StringContent(item), "Butir" },
            { new StringContent(present), "Ada" },
            { new StringContent(note), "Catatan" },
            { new ByteArrayContent(bytes), "Berkas", fileName },
        };
        return await page.PostAsync("/kampanye/uji-kampanye-odf?handler=Kelembagaan", form);
    }

    private Task<CampaignView?> CampaignAsync(string id) =>
        KksTestData.InScopeAsync(app, sp => sp.GetRequiredService<CampaignService>().GetAsync(id, CancellationToken.None));

    private Task SeedAsync(string id) => KksTestData.EnsureCampaignAsync(app, id);
}
