using Kks.Workflow.Engine;

namespace Kks.Workflow.Persistence.Runtime;

/// <summary>What a message did to one instance: delivered to its waiting subscription(s), or started it.</summary>
public enum MessageCorrelationKind
{
    Correlated,
    Started,
}

/// <param name="Delivered">How many subscriptions of the instance received the message (0 for a start).</param>
public sealed record CorrelatedInstance(MessageCorrelationKind Kind, CommandOutcome Outcome, int Delivered);

/// <summary>The result of <see cref="WorkflowRuntime.CorrelateMessageAsync"/>: every instance the message reached.</summary>
public sealed record MessageCorrelationResult(string MessageName, IReadOnlyList<CorrelatedInstance> Instances);

/// <summary>Why a message could not be correlated.</summary>
public enum MessageMismatch
{
    /// <summary>No waiting subscription and no message start event matches.</summary>
    NoMatch,

    /// <summary>Correlation to one was asked, and several subscriptions (or several definitions' start events) match.</summary>
    Ambiguous,
}

/// <summary>
/// The message matched nothing, or (correlating to one) more than one target: Camunda's
/// MismatchingMessageCorrelationException, HTTP 400.
/// </summary>
public sealed class MismatchingMessageCorrelationException : EngineException
{
    public MismatchingMessageCorrelationException(MessageMismatch reason, string messageName, BilingualText text)
        : base(text) => (Reason, MessageName) = (reason, messageName);

    public MismatchingMessageCorrelationException() { }

    public MismatchingMessageCorrelationException(string message) : base(message) { }

    public MismatchingMessageCorrelationException(string message, Exception innerException) : base(message, innerException) { }

    public MessageMismatch Reason { get; }

    public string? MessageName { get; }

    internal static MismatchingMessageCorrelationException NoMatch(string messageName, string? businessKey, string? instanceId) =>
        new(MessageMismatch.NoMatch, messageName, new BilingualText(
            $"Pesan '{messageName}' tidak dapat dikorelasikan{Filter(businessKey, instanceId, "kunci bisnis", "proses")}: tidak ada proses yang menunggunya dan tidak ada definisi proses yang dimulai olehnya.",
            $"Cannot correlate message '{messageName}'{Filter(businessKey, instanceId, "business key", "instance")}: no instance is waiting for it and no process definition starts with it."));

    internal static MismatchingMessageCorrelationException Ambiguous(string messageName, string? businessKey, string? instanceId, string whatEnglish, string whatIndonesian) =>
        new(MessageMismatch.Ambiguous, messageName, new BilingualText(
            $"Pesan '{messageName}'{Filter(businessKey, instanceId, "kunci bisnis", "proses")} cocok dengan lebih dari satu {whatIndonesian}: persempit dengan kunci bisnis atau id proses, atau korelasikan ke semua (all).",
            $"Message '{messageName}'{Filter(businessKey, instanceId, "business key", "instance")} matches more than one {whatEnglish}: narrow it down by business key or instance id, or correlate to all."));

    private static string Filter(string? businessKey, string? instanceId, string keyLabel, string instanceLabel) =>
        (businessKey, instanceId) switch
        {
            (null, null) => "",
            (not null, null) => $" ({keyLabel} '{businessKey}')",
            (null, not null) => $" ({instanceLabel} '{instanceId}')",
            _ => $" ({keyLabel} '{businessKey}', {instanceLabel} '{instanceId}')",
        };
}
