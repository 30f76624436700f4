using System.Text.Json;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Hosting;
using Kks.Workflow.Web.Notifications.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Kks.Workflow.Web.Pages.Akun;

/// <summary>
/// A forgotten password. The answer is the same whether the account exists or not (the page must not reveal which
/// accounts exist). For an account with an e-mail address, a reset link (Identity's reset token, see
/// <see cref="ResetTokenProvider"/>) goes out as mail through the outbox (template <c>reset-sandi</c>), so an SMTP outage
/// delays it and never loses it; the link opens <see cref="AturSandiModel"/>. An account without an address is logged
/// for the administrator, as before.
/// </summary>
public sealed partial class LupaSandiModel(
    UserManager<UserAccount> users, WorkflowDbContext db, TimeProvider clock, IDispatcherSignal signal, IOptions<AppOptions> app, PasswordResetOptions reset, ILogger<LupaSandiModel> logger) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var name = UserName.Trim();
        if (name.Length > 0 && name.Length <= 256 && await FindAsync(name).ConfigureAwait(false) is { } account)
        {
            if (string.IsNullOrWhiteSpace(account.Email))
            {
                LogResetRequested(logger, account.UserName ?? name);
            }
            else
            {
                await QueueMailAsync(account).ConfigureAwait(false);
            }
        }

        Sent = true;
        return Page();
    }

    private async Task<UserAccount?> FindAsync(string name)
    {
        try
        {
            return await users.FindByNameAsync(name).ConfigureAwait(false) ?? await users.FindByEmailAsync(name).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Two accounts share the address (unique addresses are not required): nobody can tell which one is meant.
            return null;
        }
    }

    private async Task QueueMailAsync(UserAccount account)
    {
        var token = await users.GeneratePasswordResetTokenAsync(account).ConfigureAwait(false);
        var link = $"{app.Value.PublicBaseUrl.TrimEnd('/')}/atur-sandi?pengguna={Uri.EscapeDataString(account.Id)}&token={Uri.EscapeDataString(token)}";
        var now = clock.GetUtcNow();
        var payload = new
        {
            template = "reset-sandi",
            to = new[] { "user:" + account.UserName },
            variables = new { resetLink = link, userName = account.UserName, validHours = Math.Max(1, (int)Math.Round(reset.TokenLifetime.TotalHours)) },
            language = (string?)null,
        };
        db.Outbox.Add(new OutboxRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            // One row per request: each request's token is its own; the key makes a redelivery recognisable.
            IdempotencyKey = "reset-sandi:" + Guid.NewGuid().ToString("N"),
            Kind = MailOutboxSink.MailKind,
            PayloadJson = JsonSerializer.Serialize(payload),
            CreatedAt = now,
            NextAttemptAt = now,
        });
        await db.SaveChangesAsync().ConfigureAwait(false);
        signal.Committed(new DispatchWork(null, false, true));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Password reset requested for account {UserName}, which has no e-mail address: an administrator should set a new password")]
    private static partial void LogResetRequested(ILogger logger, string userName);
}
