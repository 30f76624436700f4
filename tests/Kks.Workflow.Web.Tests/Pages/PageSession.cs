using System.Net;
using System.Text.RegularExpressions;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kks.Workflow.Web.Tests.Pages;

/// <summary>
/// A browser-like client for page tests: keeps cookies, signs in through the Masuk form, and posts forms with the
/// antiforgery token read from the page it came from (as a browser would).
/// </summary>
public sealed partial class PageSession : IDisposable
{
    public const string Password = "Rahasia-Uji-123";

    private readonly HttpClient _client;

    public PageSession(WebFixture app) =>
        _client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Creates the user (once) through the fixture and signs in through the login form.</summary>
    public static async Task<PageSession> SignInAsync(WebFixture app, string userName, string role, string? opd = null)
    {
        (await app.UserAsync(userName, role, opd)).Dispose();
        var session = new PageSession(app);
        var response = await session.PostFormAsync("/masuk", "/masuk", new() { ["UserName"] = userName, ["Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path);

    /// <summary>GET a page that must answer 200 and return its HTML.</summary>
    public async Task<string> HtmlAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {response.Headers.Location}\n{html}");
        return html;
    }

    /// <summary>Reads the antiforgery token from <paramref name="formPage"/> and posts the fields to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, Dictionary<string, string> fields)
    {
        var html = await HtmlAsync(formPage);
        fields["__kks_af"] = Token(html);
        using var content = new FormUrlEncodedContent(fields);
        return await _client.PostAsync(action, content);
    }

    /// <summary>Posts with a token already read (several posts from one page).</summary>
    public async Task<HttpResponseMessage> PostAsync(string action, string token, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var all = fields.Append(new("__kks_af", token)).ToList();
        using var content = new FormUrlEncodedContent(all);
        return await _client.PostAsync(action, content);
    }

    public Task<HttpResponseMessage> PostAsync(string action, HttpContent content) => _client.PostAsync(action, content);

    public static string Token(string html)
    {
        var match = TokenInput().Match(html);
        Assert.True(match.Success, "no antiforgery token in the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__kks_af\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
