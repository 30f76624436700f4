using Kks.Workflow.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kks.Workflow.Web.Pages.Admin;

/// <summary>The administrator's entry page (the layout's "Admin" link): where each admin area lives.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => User.IsInRole(Roles.Admin) ? Page() : Forbid();
}
