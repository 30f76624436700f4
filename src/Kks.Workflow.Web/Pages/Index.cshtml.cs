using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kks.Workflow.Web.Pages;

/// <summary>The start page is the inbox.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/kotak-masuk");
}
