namespace Kks.Workflow.Persistence.Dispatch;

/// <summary>
/// One outgoing message as the dispatcher hands it over. Delivery is at least once (a node can die between the
/// send and marking the row delivered), so a receiver drops repeats by <see cref="IdempotencyKey"/>, which is
/// derived from what caused the message and never changes between attempts.
/// </summary>
public sealed record OutboxMessage(string Id, string IdempotencyKey, string Kind, string? InstanceId, string PayloadJson, int Attempt);

/// <summary>Where outbox rows go (mail, webhooks); throws when delivery failed and should be retried.</summary>
public interface IOutboxSink
{
    Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken);
}
