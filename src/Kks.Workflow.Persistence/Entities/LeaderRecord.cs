namespace Kks.Workflow.Persistence.Entities;

/// <summary>
/// One rung of the escalation ladder above the OPDs (Kadis Kesehatan, Sekda, Kepala Bappeda...): the ladder role
/// (the audience <c>leader:&lt;role&gt;</c>), who holds it and where mail reaches them (an address, or the e-mail of a
/// user account when <see cref="UserName"/> is set and <see cref="Email"/> is not).
/// </summary>
public sealed class LeaderRecord
{
    /// <summary>The ladder role, lower-case with dashes, e.g. "kadis-kesehatan", "sekda".</summary>
    public required string Role { get; set; }

    public required string Name { get; set; }

    /// <summary>The position as people say it, e.g. "Kepala Dinas Kesehatan".</summary>
    public string? Title { get; set; }

    public string? Email { get; set; }

    public string? UserName { get; set; }

    public bool Active { get; set; } = true;
}
