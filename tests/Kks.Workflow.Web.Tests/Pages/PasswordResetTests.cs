using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Notifications.Mail;
using Kks.Workflow.Web.Pages.Akun;
using Microsoft.AspNetCore.DataProtection;
using Kks.Workflow.Web.Tests.Infrastructure;
using Kks.Workflow.Web.Tests.Notifications.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Pages;

/// <summary>
/// Lupa sandi: a reset link by mail (through the outbox into the pickup folder), the page that sets the new password
/// from it, the same answer for an unknown account, and a link that works once and expires.
/// </summary>
[Collection(WebTests.Name)]
public sealed partial class PasswordResetTests(WebFixture app)
{
    [Fact]
    public async Task ResetMail_LinkSetsTheNewPassword_Once_AndExpires()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var name = "reset-" + suffix;
        var address = $"reset-{suffix}@kampar.example.go.id";
        (await app.UserAsync(name, "opd", "RST")).Dispose();
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var user = (await users.FindByNameAsync(name))!;
            Assert.True((await users.SetEmailAsync(user, address)).Succeeded);
        }

        using var session = new PageSession(app);
        using var known = await session.PostFormAsync("/lupa-sandi", "/lupa-sandi", new() { ["UserName"] = name });
        using var unknown = await session.PostFormAsync("/lupa-sandi", "/lupa-sandi", new() { ["UserName"] = "tidak-ada-" + suffix });
        Assert.Equal(Strip(await known.Content.ReadAsStringAsync()), Strip(await unknown.Content.ReadAsStringAsync()));

        var mail = await DeliveredMailAsync(name, address);
        Assert.Equal($"[KKS] Atur kata sandi baru untuk akun {name}", mail.Subject);
        Assert.Contains(address, mail.To, StringComparison.Ordinal);
        var link = ResetLink().Match(mail.Text!).Value;
        Assert.StartsWith("http", link, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(link), mail.Html!, StringComparison.Ordinal);
        var path = new Uri(link).PathAndQuery;

        var form = await session.HtmlAsync(path);
        Assert.DoesNotContain("reset-invalid", form, StringComparison.Ordinal);
        using (var mismatch = await session.PostFormAsync(path, path, new() { ["Password"] = "Sandi-Baru-2023", ["Confirm"] = "Sandi-Lain-2023" }))
        {
            Assert.Contains("Kedua isian kata sandi tidak sama", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var weak = await session.PostFormAsync(path, path, new() { ["Password"] = "pendek", ["Confirm"] = "pendek" }))
        {
            Assert.Contains("Kata sandi terlalu pendek: paling sedikit 10 karakter.", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var done = await session.PostFormAsync(path, path, new() { ["Password"] = "Sandi-Baru-2023", ["Confirm"] = "Sandi-Baru-2023" }))
        {
            Assert.Contains("reset-done", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var signIn = new PageSession(app))
        using (var response = await signIn.PostFormAsync("/masuk", "/masuk", new() { ["UserName"] = name, ["Password"] = "Sandi-Baru-2023" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.DoesNotContain("/masuk", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        // Used once: the same link is refused, opened or posted.
        Assert.Contains("reset-invalid", await session.HtmlAsync(path), StringComparison.Ordinal);

        // A second link works now and not after its lifetime (2 hours). Checked with the provider on a clock of its own:
        // moving the shared app's clock would change what other tests of the collection see.
        (await session.PostFormAsync("/lupa-sandi", "/lupa-sandi", new() { ["UserName"] = address })).Dispose();
        var second = new Uri(ResetLink().Match((await DeliveredMailAsync(name, address)).Text!).Value);
        Assert.NotEqual(path, second.PathAndQuery);
        Assert.DoesNotContain("reset-invalid", await session.HtmlAsync(second.PathAndQuery), StringComparison.Ordinal);
        var token = System.Web.HttpUtility.ParseQueryString(second.Query)["token"]!;
        using var check = app.Services.CreateScope();
        var manager = check.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var account = (await manager.FindByNameAsync(name))!;
        var lifetime = app.Services.GetRequiredService<PasswordResetOptions>();
        var protection = app.Services.GetRequiredService<IDataProtectionProvider>();
        ResetTokenProvider At(TimeSpan after) => new(protection, new Engine.ManualTimeProvider(app.Clock.GetUtcNow() + after), lifetime);
        Assert.True(await At(TimeSpan.FromHours(2) - TimeSpan.FromMinutes(1)).ValidateAsync(UserManager<UserAccount>.ResetPasswordTokenPurpose, token, manager, account));
        Assert.False(await At(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1)).ValidateAsync(UserManager<UserAccount>.ResetPasswordTokenPurpose, token, manager, account));
        Assert.False(await At(TimeSpan.Zero).ValidateAsync("EmailConfirmation", token, manager, account)); // another purpose
    }

    /// <summary>The newest reset mail for the user: its outbox row delivered by the app's dispatcher, read from the pickup folder.</summary>
    private async Task<ReceivedMail> DeliveredMailAsync(string userName, string address)
    {
        var options = app.Services.GetRequiredService<MailOptions>();
        for (var i = 0; i < 300; i++)
        {
            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
                var rows = await db.Outbox.AsNoTracking().Where(o => o.Kind == "mail" && o.IdempotencyKey.StartsWith("reset-sandi:") && o.DeliveredAt != null).ToListAsync();
                var mine = rows.Where(r => JsonDocument.Parse(r.PayloadJson).RootElement.GetProperty("to")[0].GetString() == "user:" + userName)
                    .Select(r => Path.Combine(app.DataDirectory, "mail", MailMessages.FileName(MailMessages.MessageId(r.IdempotencyKey, address, options.FromAddress))))
                    .Where(File.Exists).ToList();
                if (mine.Count > 0 && (_seen.Count == 0 || mine.Except(_seen).Any()))
                {
                    var file = mine.Except(_seen).First();
                    _seen.Add(file);
                    return Assert.Single(await SmtpTestServer.ParseFilesAsync([file]));
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The reset mail was not delivered within 30 s.");
    }

    private readonly List<string> _seen = [];

    private static string Strip(string html) => Regex.Replace(html, "value=\"CfDJ8[^\"]*\"", "");

    [GeneratedRegex(@"https?://\S+/atur-sandi\?\S+")]
    private static partial Regex ResetLink();
}
