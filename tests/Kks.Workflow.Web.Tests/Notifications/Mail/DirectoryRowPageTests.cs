using System.Net;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Tests.Infrastructure;
using Kks.Workflow.Web.Tests.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Notifications.Mail;

/// <summary>/admin/surat, one row at a time: add, edit and delete an OPD and a leader, refusals in Bahasa Indonesia.</summary>
[Collection(WebTests.Name)]
public sealed class DirectoryRowPageTests(WebFixture app)
{
    [Fact]
    public async Task Opd_AddEditDelete_WithMessagesInBahasaIndonesia()
    {
        var code = "RW" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        using var page = await PageSession.SignInAsync(app, "admin.baris", "admin");

        using (var refused = await page.PostFormAsync("/admin/surat", "/admin/surat?handler=SaveOpd",
                   new() { ["kode"] = "kode salah!", ["nama"] = "", ["emailKepala"] = "bukan-email", ["aktif"] = "true" }))
        {
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains("Belum tersimpan: perbaiki isian", html, StringComparison.Ordinal);
            Assert.Contains("Kode OPD &#x27;kode salah!&#x27; tidak sah", html, StringComparison.Ordinal);
            Assert.Contains("Nama OPD kosong: isi kolom nama.", html, StringComparison.Ordinal);
            Assert.Contains("Email Kepala OPD &#x27;bukan-email&#x27; bukan alamat surel yang sah.", html, StringComparison.Ordinal);
            Assert.Contains("value=\"bukan-email\"", html, StringComparison.Ordinal); // what was typed stays in the form
        }

        using (var added = await page.PostFormAsync("/admin/surat", "/admin/surat?handler=SaveOpd",
                   new() { ["kode"] = code, ["nama"] = "Dinas Baris Uji", ["kepala"] = "Ir. Baris", ["emailKepala"] = "kepala.baris@kampar.example.go.id", ["aktif"] = "true" }))
        {
            var html = await added.Content.ReadAsStringAsync();
            Assert.Contains($"OPD {code} tersimpan.", html, StringComparison.Ordinal);
            Assert.Contains($"<td>{code}</td><td>Dinas Baris Uji</td><td>Ir. Baris</td>", html, StringComparison.Ordinal);
        }

        var edit = await page.HtmlAsync($"/admin/surat?ubahOpd={code}");
        Assert.Contains($"Ubah OPD {code}", edit, StringComparison.Ordinal);
        Assert.Contains("value=\"Dinas Baris Uji\"", edit, StringComparison.Ordinal);
        using (var edited = await page.PostAsync("/admin/surat?handler=SaveOpd", PageSession.Token(edit),
                   [new("kode", code), new("nama", "Dinas Baris Diubah"), new("kepala", "Ir. Baris"), new("emailKepala", "")]))
        {
            var html = await edited.Content.ReadAsStringAsync();
            Assert.Contains($"<td>{code}</td><td>Dinas Baris Diubah</td><td>Ir. Baris</td><td></td>", html, StringComparison.Ordinal);
        }

        await using (var context = new WorkflowDbContext(app.Services.GetRequiredService<DbContextOptions<WorkflowDbContext>>()))
        {
            var opd = await context.Opds.AsNoTracking().SingleAsync(o => o.Code == code);
            Assert.False(opd.Active); // the box was not ticked
            Assert.Null(opd.HeadEmail);
        }

        // An OPD with a focal point stays; without one it goes.
        (await app.UserAsync("fp-" + code.ToLowerInvariant(), "opd", code)).Dispose();
        using (var kept = await page.PostFormAsync("/admin/surat", "/admin/surat?handler=DeleteOpd", new() { ["kode"] = code }))
        {
            Assert.Contains($"OPD {code} tidak dihapus: masih ada petugas penghubung", await kept.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var lone = code + "X";
        (await page.PostFormAsync("/admin/surat", "/admin/surat?handler=SaveOpd", new() { ["kode"] = lone, ["nama"] = "Dinas Sendiri", ["aktif"] = "true" })).Dispose();
        using (var deleted = await page.PostFormAsync("/admin/surat", "/admin/surat?handler=DeleteOpd", new() { ["kode"] = lone }))
        {
            var html = await deleted.Content.ReadAsStringAsync();
            Assert.Contains($"OPD {lone} dihapus.", html, StringComparison.Ordinal);
            Assert.DoesNotContain($"<td>{lone}</td>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Leader_AddEditDelete_WithMessagesInBahasaIndonesia()
    {
        var role = "uji-" + Guid.NewGuid().ToString("N")[..6];
        using var page = await PageSession.SignInAsync(app, "admin.baris", "admin");
        using (var refused = await page.PostFormAsync("/admin/surat", "/admin/surat?handler=SaveLeader",
                   new() { ["peran"] = role, ["nama"] = "Pak Uji", ["pengguna"] = "tidak-ada-akun", ["aktif"] = "true" }))
        {
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains("Pengguna &#x27;tidak-ada-akun&#x27; tidak ada.", html, StringComparison.Ordinal);
        }

        using (var refused = await page.PostFormAsync("/admin/surat", "/admin/surat?handler=SaveLeader", new() { ["peran"] = role, ["nama"] = "Pak Uji", ["aktif"] = "true" }))
        {
            Assert.Contains("Isi email atau nama pengguna: tanpa keduanya surel tidak bisa dikirim.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var added = await page.PostFormAsync("/admin/surat", "/admin/surat?handler=SaveLeader",
                   new() { ["peran"] = role, ["nama"] = "Pak Uji", ["jabatan"] = "Kepala Bappeda", ["email"] = "uji@kampar.example.go.id", ["aktif"] = "true" }))
        {
            var html = await added.Content.ReadAsStringAsync();
            Assert.Contains($"Pimpinan {role} tersimpan.", html, StringComparison.Ordinal);
            Assert.Contains($"<td>{role}</td><td>Pak Uji</td><td>Kepala Bappeda</td><td>uji@kampar.example.go.id</td>", html, StringComparison.Ordinal);
        }

        var edit = await page.HtmlAsync($"/admin/surat?ubahPimpinan={role}");
        Assert.Contains("value=\"Kepala Bappeda\"", edit, StringComparison.Ordinal);
        (await page.PostAsync("/admin/surat?handler=SaveLeader", PageSession.Token(edit),
            [new("peran", role), new("nama", "Bu Uji"), new("jabatan", "Kepala Bappeda"), new("email", "bu.uji@kampar.example.go.id"), new("aktif", "true")])).Dispose();
        await using (var context = new WorkflowDbContext(app.Services.GetRequiredService<DbContextOptions<WorkflowDbContext>>()))
        {
            var leader = await context.Leaders.AsNoTracking().SingleAsync(l => l.Role == role);
            Assert.Equal(("Bu Uji", "bu.uji@kampar.example.go.id", true), (leader.Name, leader.Email, leader.Active));
        }

        using (var deleted = await page.PostFormAsync("/admin/surat", "/admin/surat?handler=DeleteLeader", new() { ["peran"] = role }))
        {
            var html = await deleted.Content.ReadAsStringAsync();
            Assert.Contains($"Pimpinan {role} dihapus.", html, StringComparison.Ordinal);
            Assert.DoesNotContain($"<td>{role}</td>", html, StringComparison.Ordinal);
        }

        using var again = await page.PostFormAsync("/admin/surat", "/admin/surat?handler=DeleteLeader", new() { ["peran"] = role });
        Assert.Contains($"{role} tidak ada lagi", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RowHandlers_RefuseNonAdmins()
    {
        using var page = await PageSession.SignInAsync(app, "sek.baris", "sekretariat");
        var token = PageSession.Token(await page.HtmlAsync("/kotak-masuk"));
        using var response = await page.PostAsync("/admin/surat?handler=SaveOpd", token, [new("kode", "NOPE"), new("nama", "Tidak boleh")]);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        await using var context = new WorkflowDbContext(app.Services.GetRequiredService<DbContextOptions<WorkflowDbContext>>());
        Assert.False(await context.Opds.AnyAsync(o => o.Code == "NOPE"));
    }
}
