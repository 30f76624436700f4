using System.ComponentModel.DataAnnotations;
using Kks.Workflow.Persistence.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kks.Workflow.Web.Pages.Akun;

/// <summary>Sign-in with user name and password (Identity: hashed passwords, lockout after 5 failures for 15 minutes).</summary>
public sealed class MasukModel(SignInManager<UserAccount> signIn, Texts texts) : PageModel
{
    [BindProperty]
    [Required]
    public string UserName { get; set; } = "";

    [BindProperty]
    [Required]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "ReturnUrl")]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(Target) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var L = texts.For("Akun");
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = L["Login_Missing"];
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password, isPersistent: false, lockoutOnFailure: true).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return LocalRedirect(Target);
        }

        // One message for an unknown user and a wrong password, so the page does not tell which accounts exist.
        Error = result.IsLockedOut ? L["Login_LockedOut"] : L["Login_Wrong"];
        return Page();
    }

    private string Target => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/kotak-masuk";
}
