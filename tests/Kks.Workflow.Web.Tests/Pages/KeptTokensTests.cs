using System.Net;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kks.Workflow.Web.Tests.Pages;

/// <summary>
/// The antiforgery form token kept per cookie and user (<see cref="AntiforgeryTokenCache"/>) and the login cookie's ticket
/// kept per cookie value (<see cref="CookieTicketCache"/>): as safe as making them anew on every page.
/// </summary>
[Collection(WebTests.Name)]
public sealed class KeptTokensTests(WebFixture app)
{
    [Fact]
    public void BothCaches_AreWiredIn()
    {
        Assert.IsType<AntiforgeryTokenCache>(app.Services.GetRequiredService<IAntiforgery>());
        var cookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.IsType<CookieTicketCache>(cookie.TicketDataFormat);
    }

    [Fact]
    public async Task FormToken_KeptForTheSameBrowserAndUser_StillPosts_AndThePageStaysUncacheable()
    {
        using var session = await PageSession.SignInAsync(app, "kept-af-1", "sekretariat");
        using var first = await session.GetAsync("/kotak-masuk");
        using var second = await session.GetAsync("/kotak-masuk");
        var token = PageSession.Token(await first.Content.ReadAsStringAsync());
        Assert.Equal(token, PageSession.Token(await second.Content.ReadAsStringAsync()));
        foreach (var response in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl is { NoCache: true, NoStore: true });
            Assert.Contains("no-cache", response.Headers.Pragma.Select(p => p.ToString()));
        }

        Assert.Equal(first.Headers.CacheControl!.ToString(), second.Headers.CacheControl!.ToString());
        using var posted = await session.PostAsync("/bahasa", token, [new("bahasa", "id"), new("kembali", "/kotak-masuk")]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
    }

    [Fact]
    public async Task FormToken_OfOneUser_IsNeverHandedToAnother_InTheSameBrowser()
    {
        (await app.UserAsync("kept-af-2", "sekretariat")).Dispose();
        using var session = await PageSession.SignInAsync(app, "kept-af-3", "sekretariat");
        var before = PageSession.Token(await session.HtmlAsync("/kotak-masuk"));
        using (var signedOut = await session.PostAsync("/keluar", before, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        }

        using (var signedIn = await session.PostFormAsync("/masuk", "/masuk", new() { ["UserName"] = "kept-af-2", ["Password"] = PageSession.Password }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var after = PageSession.Token(await session.HtmlAsync("/kotak-masuk"));
        Assert.NotEqual(before, after);
        using var stale = await session.PostAsync("/bahasa", before, [new("bahasa", "id"), new("kembali", "/")]);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        using var fresh = await session.PostAsync("/bahasa", after, [new("bahasa", "id"), new("kembali", "/")]);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }

    [Fact]
    public async Task LoginCookie_KeptTicket_IsRefusedOnceTheSecurityStampChanges()
    {
        using var session = await PageSession.SignInAsync(app, "kept-ticket-1", "opd", "KTK");
        Assert.Contains("kept-ticket-1", await session.HtmlAsync("/kotak-masuk"), StringComparison.Ordinal);
        Assert.Contains("kept-ticket-1", await session.HtmlAsync("/kotak-masuk"), StringComparison.Ordinal);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var user = await users.FindByNameAsync("kept-ticket-1");
            Assert.True((await users.UpdateSecurityStampAsync(user!)).Succeeded);
        }

        // The stamp is checked when due (Identity's 30 minutes since the cookie was issued).
        var stampOptions = app.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var issuedLongAgo = (stampOptions.TimeProvider ?? TimeProvider.System).GetUtcNow() - app.Clock.GetUtcNow() > stampOptions.ValidationInterval;
        if (!issuedLongAgo)
        {
            app.Clock.Advance(stampOptions.ValidationInterval + TimeSpan.FromMinutes(1));
        }

        using var refused = await session.GetAsync("/kotak-masuk");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/masuk", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
