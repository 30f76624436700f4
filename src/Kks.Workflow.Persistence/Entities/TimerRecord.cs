namespace Kks.Workflow.Persistence.Entities;

/// <summary>A timer due at a time: the dispatcher claims it with a lease, fires it through the runtime, and the same transaction removes or re-arms it.</summary>
public sealed class TimerRecord
{
    public required string Id { get; set; }

    public required string InstanceId { get; set; }

    public required string NodeId { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }
}
