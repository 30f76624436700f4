using Microsoft.AspNetCore.Identity;

namespace Kks.Workflow.Persistence.Entities;

/// <summary>A person who signs in: an Identity user plus the OPD a focal point works for and the language they read.</summary>
public sealed class UserAccount : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>The OPD code of a focal point (role <c>opd</c>): the candidate group whose tasks they see and work.</summary>
    public string? OpdCode { get; set; }

    /// <summary>"id" (Bahasa Indonesia, the default) or "en".</summary>
    public string Language { get; set; } = "id";

    public DateTimeOffset CreatedAt { get; set; }
}
