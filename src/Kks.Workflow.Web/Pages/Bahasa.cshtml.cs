using Kks.Workflow.Persistence.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kks.Workflow.Web.Pages;

// MaxAge rather than Expires: a test server on a manual clock (2023) would otherwise send a date the browser sees as past.
/// <summary>The language switch in every page: a cookie for this browser, and the signed-in user's saved choice (mail uses it too).</summary>
public sealed class BahasaModel(UserManager<UserAccount> users) : PageModel
{
    public async Task<IActionResult> OnPostAsync([FromForm(Name = "bahasa")] string? language, [FromForm(Name = "kembali")] string? returnUrl)
    {
        var chosen = language == "en" ? "en" : "id";
        var culture = PageRegistration.CultureOf(chosen).Name;
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User).ConfigureAwait(false) is { } account && account.Language != chosen)
        {
            account.Language = chosen;
            await users.UpdateAsync(account).ConfigureAwait(false);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
