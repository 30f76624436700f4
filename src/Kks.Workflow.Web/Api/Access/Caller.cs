using System.Security.Claims;
using Kks.Workflow.Web.Identity;

namespace Kks.Workflow.Web.Api.Access;

/// <summary>Who is asking, read once from the sign-in: the engine user id (the user name, as in Camunda), roles and OPD.</summary>
public sealed record Caller(string UserId, IReadOnlySet<string> Roles, string? OpdCode)
{
    public bool IsAdmin => Roles.Contains(Identity.Roles.Admin);

    /// <summary>Admin and secretariat see and change every task, instance and definition.</summary>
    public bool ManagesAll => IsAdmin || Roles.Contains(Identity.Roles.Sekretariat);

    /// <summary>Leaders read everything; they change nothing.</summary>
    public bool ReadsAll => ManagesAll || Roles.Contains(Identity.Roles.Pimpinan);

    /// <summary>A focal point: works the tasks assigned to them or offered to their OPD (or to them by name).</summary>
    public bool IsOpd => Roles.Contains(Identity.Roles.Opd);

    public static Caller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = user.Identity?.Name ?? throw new InvalidOperationException("The caller is not signed in.");
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Caller(name, roles, user.FindFirst(AccountClaimsFactory.OpdClaim)?.Value);
    }
}
