using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Tests.Infrastructure;
using Kks.Workflow.Web.Tests.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Notifications.Mail;

/// <summary>/admin/surat: the directory, its CSV imports (bad rows listed, nothing imported) and dead letters with re-send; admins only.</summary>
[Collection(WebTests.Name)]
public sealed class MailAdminPageTests(WebFixture app)
{
    [Fact]
    public async Task AdminPage_ImportsCsv_ListsBadRows_AndResendsDeadLetters()
    {
        using var page = await PageSession.SignInAsync(app, "admin.surat", "admin");
        var html = await page.HtmlAsync("/admin/surat");
        Assert.Contains("Surel dan penerima", html, StringComparison.Ordinal);

        using (var refused = await page.PostAsync("/admin/surat?handler=ImportOpds", Upload(PageSession.Token(html), "kode,nama\nPGA,Dinas Page A\nPGB,\n")))
        {
            var body = await refused.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Tidak ada yang diimpor", body, StringComparison.Ordinal);
            Assert.Contains("<td>3</td><td>nama OPD kosong: isi kolom nama</td>", body, StringComparison.Ordinal);
            Assert.DoesNotContain("<td>PGA</td>", body, StringComparison.Ordinal);
        }

        using (var imported = await page.PostAsync("/admin/surat?handler=ImportOpds", Upload(PageSession.Token(html), "kode,nama,nama_kepala,email_kepala\nPGA,Dinas Page A,Bu A,a@kampar.example.go.id\n")))
        {
            var body = await imported.Content.ReadAsStringAsync();
            Assert.Contains("Impor berhasil: 1 baru, 0 diperbarui.", body, StringComparison.Ordinal);
            Assert.Contains("<td>PGA</td><td>Dinas Page A</td><td>Bu A</td>", body, StringComparison.Ordinal);
        }

        var now = app.Clock.GetUtcNow();
        var row = MailTestBed.Row("mail", "mail:page-dead:" + Guid.NewGuid().ToString("N"), new { template = "pemberitahuan", to = new[] { "halaman@kampar.example.go.id" }, variables = new { judul = "J", pesan = "P" } }, now);
        row.Attempts = 10;
        row.DeadAt = now;
        row.LastError = "SMTP server smtp.kampar:587: Failure sending mail.";
        await using (var context = new WorkflowDbContext(app.Services.GetRequiredService<DbContextOptions<WorkflowDbContext>>()))
        {
            context.Outbox.Add(row);
            await context.SaveChangesAsync();
        }

        html = await page.HtmlAsync("/admin/surat");
        Assert.Contains("halaman@kampar.example.go.id", html, StringComparison.Ordinal);
        Assert.Contains("SMTP server smtp.kampar:587", html, StringComparison.Ordinal);
        using var resent = await page.PostAsync("/admin/surat?handler=Resend", PageSession.Token(html), [new("id", row.Id)]);
        Assert.Contains("Surel dijadwalkan untuk dikirim ulang sekarang.", await resent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminPage_IsForAdminsOnly()
    {
        using var page = await PageSession.SignInAsync(app, "sek.surat", "sekretariat");
        using var response = await page.GetAsync("/admin/surat");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private static MultipartFormDataContent Upload(string token, string csv)
    {
        var content = new MultipartFormDataContent { { new StringContent(token), "__kks_af" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "berkas", "opd.csv");
        return content;
    }
}
