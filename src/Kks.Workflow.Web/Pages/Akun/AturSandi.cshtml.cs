using Kks.Workflow.Persistence.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kks.Workflow.Web.Pages.Akun;

/// <summary>
/// Sets a new password from the link of the reset mail (<c>/atur-sandi?pengguna=&lt;id&gt;&amp;token=...</c>). The token is
/// checked when the page opens and again when it is sent; it works once (the new password changes the account's
/// security stamp) and only for <c>PasswordReset:TokenLifetime</c>. A lockout ends with the reset.
/// </summary>
public sealed class AturSandiModel(UserManager<UserAccount> users, Texts texts) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "pengguna")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "token")]
    public string? Token { get; set; }

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string Confirm { get; set; } = "";

    /// <summary>The link cannot be used (unknown account, wrong, used or expired token).</summary>
    public bool Invalid { get; private set; }

    public bool Done { get; private set; }

    public int MinLength => users.Options.Password.RequiredLength;

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Invalid = await AccountAsync().ConfigureAwait(false) is not { } account
                  || !await users.VerifyUserTokenAsync(account, users.Options.Tokens.PasswordResetTokenProvider, UserManager<UserAccount>.ResetPasswordTokenPurpose, Token!).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var L = texts.For("Akun");
        if (await AccountAsync().ConfigureAwait(false) is not { } account)
        {
            Invalid = true;
            return Page();
        }

        if (Password != Confirm)
        {
            Errors.Add(L["Reset_Mismatch"]);
            return Page();
        }

        var result = await users.ResetPasswordAsync(account, Token!, Password).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                Invalid = true;
                return Page();
            }

            foreach (var error in result.Errors)
            {
                var text = L["Reset_" + error.Code, users.Options.Password.RequiredLength];
                Errors.Add(text.ResourceNotFound ? L["Reset_Other", error.Description] : text);
            }

            return Page();
        }

        // Someone locked out by wrong guesses who proves the mailbox is theirs may sign in again at once.
        await users.SetLockoutEndDateAsync(account, null).ConfigureAwait(false);
        await users.ResetAccessFailedCountAsync(account).ConfigureAwait(false);
        Done = true;
        return Page();
    }

    private async Task<UserAccount?> AccountAsync() =>
        string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Token) || UserId.Length > 100 || Token.Length > 2000
            ? null
            : await users.FindByIdAsync(UserId).ConfigureAwait(false);
}
