namespace Kks.Workflow.Persistence.Entities;

/// <summary>The outcome of a command sent with an idempotency key: a retried request returns it instead of running again.</summary>
public sealed class CommandResultRecord
{
    public required string IdempotencyKey { get; set; }

    public required string InstanceId { get; set; }

    public required string InstanceStatus { get; set; }

    public long RowVersion { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
