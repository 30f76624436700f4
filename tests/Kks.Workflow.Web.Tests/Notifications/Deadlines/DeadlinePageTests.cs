using System.Net;
using Kks.Workflow.Engine;
using Kks.Workflow.Web.Tests.Infrastructure;
using Kks.Workflow.Web.Tests.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Notifications.Deadlines;

/// <summary>Admin > Tenggat: the policies page and the holiday calendar page.</summary>
[Collection(WebTests.Name)]
public sealed class DeadlinePageTests(WebFixture app)
{
    [Fact]
    public async Task PoliciesPage_ShowsTheStandardLadderInWords_AndSavesAPolicyFromLines()
    {
        using var admin = await PageSession.SignInAsync(app, "admin-tenggat-halaman", "admin");
        var html = await admin.HtmlAsync("/admin/tenggat");
        Assert.Contains("3 hari kerja sebelum tenggat: candidate-group", html, StringComparison.Ordinal);
        Assert.Contains("10 hari kerja terlambat: leader:sekda", html, StringComparison.Ordinal);

        var name = DeadlineKit.Unique("halaman-");
        using var saved = await admin.PostFormAsync("/admin/tenggat", "/admin/tenggat",
            new() { ["Name"] = name, ["Description"] = "Uji halaman", ["Steps"] = "-2: candidate-group\n3: kepala-opd, leader:sekda" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal([-2, 3], app.Services.GetRequiredService<EngineOptions>().DeadlinePolicies!.Find(name)!.Steps.Select(s => s.WorkingDaysFromDue));

        using var bad = await admin.PostFormAsync("/admin/tenggat", "/admin/tenggat", new() { ["Name"] = name, ["Steps"] = "besok: kepala-opd\n1: bupati" });
        var problems = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Baris 1", problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalendarPage_ListsTheYearInWords_AndOnlyTheAdminSeesIt()
    {
        using var admin = await PageSession.SignInAsync(app, "admin-libur-halaman", "admin");
        var html = await admin.HtmlAsync("/admin/tenggat/libur?tahun=2023");
        Assert.Contains("Rabu, 22 Maret 2023", html, StringComparison.Ordinal);
        Assert.Contains("Cuti bersama Hari Suci Nyepi", html, StringComparison.Ordinal);

        using var opd = await PageSession.SignInAsync(app, "opd-libur-halaman", "opd", "DINKES");
        using var refused = await opd.GetAsync("/admin/tenggat/libur");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }
}
