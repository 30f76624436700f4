namespace Kks.Workflow.Persistence.Entities;

/// <summary>
/// An instance row: the engine's state as JSON (the truth) plus a few columns to find it by.
/// RowVersion is the concurrency token: every write increments it, and a write based on an older value fails.
/// </summary>
public sealed class ProcessInstanceRecord
{
    public required string Id { get; set; }

    public required string DefinitionId { get; set; }

    public required string ProcessKey { get; set; }

    public string? BusinessKey { get; set; }

    public required string Status { get; set; }

    public required string StateJson { get; set; }

    public long RowVersion { get; set; }

    public string? SuperInstanceId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? StartedBy { get; set; }
}
