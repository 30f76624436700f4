namespace Kks.Workflow.Persistence.Entities;

/// <summary>
/// An outgoing message written with the state change that causes it. The idempotency key is stable (derived
/// from what caused it), so a receiver can drop a duplicate delivery after a crash between send and mark.
/// </summary>
public sealed class OutboxRecord
{
    public required string Id { get; set; }

    public required string IdempotencyKey { get; set; }

    public required string Kind { get; set; }

    public string? InstanceId { get; set; }

    public required string PayloadJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset? DeadAt { get; set; }

    public string? LastError { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }
}
