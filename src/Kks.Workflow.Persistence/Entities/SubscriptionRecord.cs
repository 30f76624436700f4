namespace Kks.Workflow.Persistence.Entities;

/// <summary>A waiting message catch: correlation finds it by message name (and the instance's business key).</summary>
public sealed class SubscriptionRecord
{
    public required string Id { get; set; }

    public required string InstanceId { get; set; }

    public required string NodeId { get; set; }

    public required string MessageName { get; set; }

    public string? BusinessKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
