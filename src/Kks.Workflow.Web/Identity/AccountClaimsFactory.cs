using System.Security.Claims;
using Kks.Workflow.Persistence.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kks.Workflow.Web.Identity;

/// <summary>Adds what authorization and pages need to the sign-in: the OPD code, display name and language.</summary>
internal sealed class AccountClaimsFactory(UserManager<UserAccount> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<UserAccount, IdentityRole>(users, roles, options)
{
    public const string OpdClaim = "kks:opd";
    public const string DisplayNameClaim = "kks:name";
    public const string LanguageClaim = "kks:lang";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(user.OpdCode))
        {
            identity.AddClaim(new Claim(OpdClaim, user.OpdCode));
        }

        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName ?? user.UserName ?? ""));
        identity.AddClaim(new Claim(LanguageClaim, user.Language));
        return identity;
    }
}
