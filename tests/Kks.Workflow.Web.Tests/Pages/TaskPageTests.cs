using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Tests.Api.Tasks;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Pages;

/// <summary>Tugas: the form with its validation, claim/release/draft/send, comments, evidence, the secretariat's actions, and who may do what.</summary>
[Collection(WebTests.Name)]
public sealed class TaskPageTests(WebFixture app)
{
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

    [Fact]
    public async Task FocalPoint_ClaimsSavesDraftFixesAndSends()
    {
        var (kit, opd, taskId) = await StartAsync();
        using var session = await PageSession.SignInAsync(app, "tugas-" + kit.Suffix, "opd", opd);
        var page = $"/tugas/{taskId}";
        var html = await session.HtmlAsync(page);
        Assert.Contains("Isi bukti", html, StringComparison.Ordinal);
        Assert.Contains("Unggah bukti KKS", html, StringComparison.Ordinal); // the documentation
        Assert.Contains("name=\"f_jumlah\" type=\"number\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"5\"", html, StringComparison.Ordinal); // the default value
        Assert.Contains("type=\"date\"", html, StringComparison.Ordinal);

        using (var claimed = await session.PostFormAsync(page, page + "?handler=Klaim", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        }

        html = await session.HtmlAsync(page + "?pesan=Done_Claimed");
        Assert.Contains("Tugas sudah Anda klaim.", html, StringComparison.Ordinal);
        Assert.Contains("Anda yang mengerjakan tugas ini.", html, StringComparison.Ordinal);

        using (var draft = await session.PostFormAsync(page, page + "?handler=Simpan", new() { ["f_jumlah"] = "12", ["f_catatan"] = "sebagian" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        }

        html = await session.HtmlAsync(page);
        Assert.Contains("value=\"sebagian\"", html, StringComparison.Ordinal);
        Assert.Contains("Draf tersimpan", html, StringComparison.Ordinal);

        using (var wrong = await session.PostFormAsync(page, page + "?handler=Kirim", new() { ["f_jumlah"] = "dua belas", ["f_catatan"] = "x" }))
        {
            var body = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("\"Jumlah\" harus bilangan bulat", body, StringComparison.Ordinal);
            Assert.Contains("value=\"dua belas\"", body, StringComparison.Ordinal);
        }

        using (var sent = await session.PostFormAsync(page, page + "?handler=Kirim", new() { ["f_jumlah"] = "12", ["f_setuju"] = "true", ["f_tanggal"] = "2023-03-24", ["f_catatan"] = "lengkap" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        html = await session.HtmlAsync(page);
        Assert.Contains("Sudah Anda kirim", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"already-done\"", html, StringComparison.Ordinal);
        using var admin = app.Admin();
        var variables = await TaskKit.GetJsonAsync(admin, $"/engine-rest/process-instance/{await InstanceOfAsync(taskId)}/variables");
        Assert.Equal(12, variables.GetProperty("jumlah").GetProperty("value").GetInt64());
        Assert.True(variables.GetProperty("setuju").GetProperty("value").GetBoolean());
        Assert.Equal("lengkap", variables.GetProperty("catatan").GetProperty("value").GetString());
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().TaskDrafts.AnyAsync(d => d.TaskId == taskId));
    }

    [Fact]
    public async Task OtherOpd_GetsNotFound_ForTheTaskAndItsEvidence()
    {
        var (kit, opd, taskId) = await StartAsync();
        using var owner = await PageSession.SignInAsync(app, "pemilik-" + kit.Suffix, "opd", opd);
        var fileId = await UploadAsync(owner, taskId, "bukti.pdf", Pdf, expectOk: true);
        using var stranger = await PageSession.SignInAsync(app, "asing-" + kit.Suffix, "opd", "LAIN" + kit.Suffix[..4]);
        using (var response = await stranger.GetAsync($"/tugas/{taskId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("Tugas tidak ditemukan", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var download = await stranger.GetAsync($"/bukti/{fileId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        }

        using (var post = await stranger.PostAsync($"/tugas/{taskId}?handler=Klaim", PageSession.Token(await stranger.HtmlAsync("/kotak-masuk")), []))
        {
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }

        using var ownDownload = await owner.GetAsync($"/bukti/{fileId}");
        Assert.Equal(HttpStatusCode.OK, ownDownload.StatusCode);
        Assert.Equal("application/pdf", ownDownload.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", ownDownload.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(Pdf, await ownDownload.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Evidence_TypeByContent_VersionsKept_StoredByHash()
    {
        var (kit, opd, taskId) = await StartAsync();
        using var session = await PageSession.SignInAsync(app, "bukti-" + kit.Suffix, "opd", opd);
        var refused = await UploadAsync(session, taskId, "palsu.pdf", Encoding.UTF8.GetBytes("<html>bukan pdf</html>"), expectOk: false);
        Assert.Contains("bukan jenis yang diterima", refused, StringComparison.Ordinal);
        Assert.Contains("PDF, JPEG, PNG, XLSX, DOCX", refused, StringComparison.Ordinal);

        await UploadAsync(session, taskId, "../../rahasia/laporan.pdf", Pdf, expectOk: true);
        var second = Pdf.Concat(Encoding.ASCII.GetBytes("% versi 2\n")).ToArray();
        await UploadAsync(session, taskId, "laporan.pdf", second, expectOk: true);
        var html = await session.HtmlAsync($"/tugas/{taskId}");
        Assert.Contains(">laporan.pdf<", html, StringComparison.Ordinal);
        Assert.Contains("versi 2", html, StringComparison.Ordinal);
        Assert.Contains("1 versi sebelumnya", html, StringComparison.Ordinal);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var instanceId = await InstanceOfAsync(taskId);
        var files = await db.EvidenceFiles.Where(e => e.InstanceId == instanceId).OrderBy(e => e.Version).ToListAsync();
        Assert.Equal([1, 2], files.Select(f => f.Version));
        Assert.NotNull(files[0].ReplacedAt);
        Assert.Null(files[1].ReplacedAt);
        Assert.All(files, f => Assert.Equal("laporan.pdf", f.FileName));
        var stored = Path.Combine(app.DataDirectory, "evidence", files[1].ContentHash[..2], files[1].ContentHash);
        Assert.Equal(second, await File.ReadAllBytesAsync(stored));
        Assert.Empty(Directory.GetFiles(Path.Combine(app.DataDirectory, "evidence", "tmp")));
    }

    [Fact]
    public async Task CompletedBySomeoneElse_ShowsThatInsteadOfAnError()
    {
        var (kit, opd, taskId) = await StartAsync();
        using var slow = await PageSession.SignInAsync(app, "lambat-" + kit.Suffix, "opd", opd);
        var page = $"/tugas/{taskId}";
        var token = PageSession.Token(await slow.HtmlAsync(page));
        using var secretariat = await PageSession.SignInAsync(app, "sek-cepat-" + kit.Suffix, "sekretariat");
        (await secretariat.PostFormAsync(page, page + "?handler=Kirim", new() { ["f_jumlah"] = "1" })).Dispose();

        using var late = await slow.PostAsync(page + "?handler=Kirim", token, [new("f_jumlah", "2")]);
        var html = await late.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("sudah diselesaikan orang lain", html, StringComparison.Ordinal);
        Assert.Contains("Sudah diselesaikan oleh sek-cepat-" + kit.Suffix, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secretariat_ChangesDueWithReason_AndReassigns()
    {
        var (kit, opd, taskId) = await StartAsync();
        (await app.UserAsync("penerima-" + kit.Suffix, "opd", opd)).Dispose();
        using var session = await PageSession.SignInAsync(app, "sek-" + kit.Suffix, "sekretariat");
        var page = $"/tugas/{taskId}";
        using (var noReason = await session.PostFormAsync(page, page + "?handler=Tenggat", new() { ["tanggal"] = "2023-03-24", ["jam"] = "17:00", ["alasan"] = " " }))
        {
            Assert.Contains("Tulis alasan perubahan tenggat", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var changed = await session.PostFormAsync(page, page + "?handler=Tenggat", new() { ["tanggal"] = "2023-03-24", ["jam"] = "17:00", ["alasan"] = "Rakor memundurkan jadwal" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        var html = await session.HtmlAsync(page);
        Assert.Contains("Alasan: Rakor memundurkan jadwal", html, StringComparison.Ordinal);
        Assert.Contains("Jumat, 24 Maret 2023", html, StringComparison.Ordinal);

        using (var unknown = await session.PostFormAsync(page, page + "?handler=Alihkan", new() { ["kepada"] = "tidak-ada-" + kit.Suffix }))
        {
            Assert.Contains("tidak ada", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        (await session.PostFormAsync(page, page + "?handler=Alihkan", new() { ["kepada"] = "penerima-" + kit.Suffix })).Dispose();
        html = await session.HtmlAsync(page);
        Assert.Contains("Sedang dikerjakan oleh penerima-" + kit.Suffix, html, StringComparison.Ordinal);

        // A focal point has no secretariat actions, and posting one anyway is refused.
        using var focal = await PageSession.SignInAsync(app, "penerima-" + kit.Suffix, "opd", opd);
        html = await focal.HtmlAsync(page);
        Assert.DoesNotContain("handler=Tenggat", html, StringComparison.Ordinal);
        using var refused = await focal.PostFormAsync(page, page + "?handler=Tenggat", new() { ["tanggal"] = "2023-04-01", ["alasan"] = "saya mau" });
        Assert.Contains("Hanya sekretariat atau administrator", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leader_ReadsButCannotAct()
    {
        var (kit, _, taskId) = await StartAsync();
        using var session = await PageSession.SignInAsync(app, "pimpinan-" + kit.Suffix, "pimpinan");
        var page = $"/tugas/{taskId}";
        var html = await session.HtmlAsync(page);
        Assert.Contains("Isi bukti", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Klaim", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Unggah", html, StringComparison.Ordinal);
        using var post = await session.PostFormAsync(page, page + "?handler=Klaim", []);
        Assert.Contains("Peran Anda hanya dapat membaca", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comments_FormAThreadAcrossTheInstance()
    {
        var (kit, opd, taskId) = await StartAsync();
        using var focal = await PageSession.SignInAsync(app, "komentar-" + kit.Suffix, "opd", opd);
        var page = $"/tugas/{taskId}";
        (await focal.PostFormAsync(page, page + "?handler=Komentar", new() { ["pesan_komentar"] = "Bukti menyusul besok." })).Dispose();
        using var empty = await focal.PostFormAsync(page, page + "?handler=Komentar", new() { ["pesan_komentar"] = "" });
        Assert.Contains("Tulis komentar", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var html = await focal.HtmlAsync(page);
        Assert.Contains("Bukti menyusul besok.", html, StringComparison.Ordinal);
    }

    private async Task<(TaskKit Kit, string Opd, string TaskId)> StartAsync()
    {
        var kit = new TaskKit(app);
        await kit.DeployAsync();
        var opd = "TG" + kit.Suffix[..6].ToUpperInvariant();
        var instance = await kit.StartAsync(opd, due: app.Clock.GetUtcNow().AddDays(2), businessKey: "tugas-" + kit.Suffix);
        return (kit, opd, await kit.TaskOfAsync(instance));
    }

    private async Task<string> InstanceOfAsync(string taskId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().HistoricTasks.Where(t => t.Id == taskId).Select(t => t.InstanceId).SingleAsync();
    }

    /// <summary>Uploads one file through the page's form; answers the new file's id, or the page's HTML when refused.</summary>
    internal static async Task<string> UploadAsync(PageSession session, string taskId, string name, byte[] bytes, bool expectOk)
    {
        var page = $"/tugas/{taskId}";
        var token = PageSession.Token(await session.HtmlAsync(page));
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__kks_af");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "berkas", name);
        using var response = await session.PostAsync(page + "?handler=Unggah", content);
        if (!expectOk)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var html = await session.HtmlAsync(page);
        var match = System.Text.RegularExpressions.Regex.Matches(html, "href=\"/bukti/([0-9a-f]+)\"").Last();
        return match.Groups[1].Value;
    }
}
