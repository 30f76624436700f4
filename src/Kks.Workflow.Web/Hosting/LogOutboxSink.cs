using Kks.Workflow.Persistence.Dispatch;

namespace Kks.Workflow.Web.Hosting;

/// <summary>
/// Delivers outbox events (task timeouts, instances ended) to the log. The mail issue replaces this with a sink
/// that routes each kind to its mail template; until then the rows are still written, delivered and marked.
/// </summary>
internal sealed partial class LogOutboxSink(ILogger<LogOutboxSink> logger) : IOutboxSink
{
    public Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Delivered(logger, message.Kind, message.IdempotencyKey, message.InstanceId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Kind} delivered to the log (key {Key}, instance {InstanceId})")]
    private static partial void Delivered(ILogger logger, string kind, string key, string? instanceId);
}
