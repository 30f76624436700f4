using Kks.Workflow.Persistence.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kks.Workflow.Web.Pages.Akun;

/// <summary>
/// A forgotten password. The answer is the same whether the account exists or not (the page must not reveal which
/// accounts exist). The request is written to the server log for the administrator, who sets a new password; a
/// reset link by mail comes with the mail issue.
/// </summary>
public sealed partial class LupaSandiModel(UserManager<UserAccount> users, ILogger<LupaSandiModel> logger) : PageModel
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
        if (name.Length > 0 && name.Length <= 256)
        {
            var account = await users.FindByNameAsync(name).ConfigureAwait(false) ?? await users.FindByEmailAsync(name).ConfigureAwait(false);
            if (account is not null)
            {
                LogResetRequested(logger, account.UserName ?? name);
            }
        }

        Sent = true;
        return Page();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Password reset requested for account {UserName}: an administrator should set a new password")]
    private static partial void LogResetRequested(ILogger logger, string userName);
}
