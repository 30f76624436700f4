using System.Net;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Tests.Api.Tasks;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Pages;

/// <summary>Masuk, Keluar, Lupa sandi, the language switch and the shared layout.</summary>
[Collection(WebTests.Name)]
public sealed class AccountPageTests(WebFixture app)
{
    [Fact]
    public async Task Page_WithoutSignIn_RedirectsToMasuk()
    {
        using var anonymous = new PageSession(app);
        using var response = await anonymous.GetAsync("/kotak-masuk");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/masuk?ReturnUrl=%2Fkotak-masuk", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Masuk_WrongPasswordAndUnknownUser_SameMessage()
    {
        (await app.UserAsync("akun-salah-1", "opd", "AKS")).Dispose();
        using var session = new PageSession(app);
        using var wrong = await session.PostFormAsync("/masuk", "/masuk", new() { ["UserName"] = "akun-salah-1", ["Password"] = "bukan-sandinya" });
        using var unknown = await session.PostFormAsync("/masuk", "/masuk", new() { ["UserName"] = "tidak-ada-orangnya", ["Password"] = "bukan-sandinya" });
        var first = await wrong.Content.ReadAsStringAsync();
        var second = await unknown.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Nama pengguna atau kata sandi salah", first, StringComparison.Ordinal);
        Assert.Contains("Nama pengguna atau kata sandi salah", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Masuk_WithoutAntiforgeryToken_IsRefused()
    {
        using var session = new PageSession(app);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "admin", ["Password"] = WebFixture.AdminPassword });
        using var response = await session.PostAsync("/masuk", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Layout_ShowsRegencyUserRoleOpdAndOverdueCount()
    {
        var kit = new TaskKit(app);
        await kit.DeployAsync();
        var opd = "LAY" + kit.Suffix[..4].ToUpperInvariant();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            db.Opds.Add(new OpdRecord { Code = opd, Name = "Dinas Uji Tata Letak" });
            await db.SaveChangesAsync();
        }

        await kit.StartAsync(opd, due: WebFixture.Start.AddDays(-2));
        await kit.StartAsync(opd, due: WebFixture.Start.AddDays(-1));
        await kit.StartAsync(opd, due: WebFixture.Start.AddDays(3));
        using var session = await PageSession.SignInAsync(app, "lay-" + kit.Suffix, "opd", opd);
        var html = await session.HtmlAsync("/kotak-masuk");
        Assert.Contains("Petugas OPD", html, StringComparison.Ordinal);
        Assert.Contains("Dinas Uji Tata Letak", html, StringComparison.Ordinal);
        Assert.Contains("lay-" + kit.Suffix, html, StringComparison.Ordinal);
        Assert.Contains("Terlambat: 2", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/kotak-masuk\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/desainer\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Layout_NavLinksFollowTheRole()
    {
        using var admin = await PageSession.SignInAsync(app, "nav-admin", "admin");
        var html = await admin.HtmlAsync("/kotak-masuk");
        Assert.Contains("href=\"/proses\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/desainer\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin\"", html, StringComparison.Ordinal);

        using var leader = await PageSession.SignInAsync(app, "nav-pimpinan", "pimpinan");
        html = await leader.HtmlAsync("/kotak-masuk");
        Assert.Contains("href=\"/proses\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/desainer\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LanguageSwitch_ToEnglishAndBack()
    {
        using var session = await PageSession.SignInAsync(app, "bahasa-1", "sekretariat");
        using var switched = await session.PostFormAsync("/kotak-masuk", "/bahasa", new() { ["bahasa"] = "en", ["kembali"] = "/kotak-masuk" });
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/kotak-masuk", switched.Headers.Location!.OriginalString);
        var html = await session.HtmlAsync("/kotak-masuk");
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains(">Inbox<", html, StringComparison.Ordinal);
        Assert.Contains("Secretariat", html, StringComparison.Ordinal);

        // An outside address is never a redirect target.
        using var back = await session.PostFormAsync("/kotak-masuk", "/bahasa", new() { ["bahasa"] = "id", ["kembali"] = "https://contoh.invalid/" });
        Assert.Equal("/", back.Headers.Location!.OriginalString);
        html = await session.HtmlAsync("/kotak-masuk");
        Assert.Contains("<html lang=\"id\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keluar_SignsOut()
    {
        using var session = await PageSession.SignInAsync(app, "keluar-1", "opd", "KLR");
        using var response = await session.PostFormAsync("/keluar", "/keluar", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var after = await session.GetAsync("/kotak-masuk");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/masuk", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LupaSandi_SameAnswerForKnownAndUnknownAccounts()
    {
        (await app.UserAsync("lupa-1", "opd", "LPA")).Dispose();
        using var session = new PageSession(app);
        using var known = await session.PostFormAsync("/lupa-sandi", "/lupa-sandi", new() { ["UserName"] = "lupa-1" });
        using var unknown = await session.PostFormAsync("/lupa-sandi", "/lupa-sandi", new() { ["UserName"] = "tidak-ada-orangnya" });
        var first = await known.Content.ReadAsStringAsync();
        var second = await unknown.Content.ReadAsStringAsync();
        Assert.Contains("Permintaan sudah dicatat", first, StringComparison.Ordinal);
        Assert.Equal(Strip(first), Strip(second));
    }

    /// <summary>The page without its antiforgery token (which differs per response).</summary>
    private static string Strip(string html) => System.Text.RegularExpressions.Regex.Replace(html, "value=\"CfDJ8[^\"]*\"", "");
}
