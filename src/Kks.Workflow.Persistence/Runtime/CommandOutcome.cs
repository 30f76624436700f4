namespace Kks.Workflow.Persistence.Runtime;

/// <summary>
/// What a committed command left: the instance it ran on, its status and row version after the commit.
/// Replayed: this is the stored outcome of an earlier request with the same idempotency key.
/// </summary>
public sealed record CommandOutcome(string InstanceId, string Status, long RowVersion, bool Replayed = false);
