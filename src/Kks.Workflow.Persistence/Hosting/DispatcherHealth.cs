using System.Collections.Concurrent;

namespace Kks.Workflow.Persistence.Hosting;

/// <summary>The last outcome of one dispatcher's run on this node.</summary>
public sealed record DispatcherRunStatus(DispatcherKind Kind, DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure, string? LastError)
{
    public bool Failing => LastFailure is { } failed && (LastSuccess is not { } ok || failed > ok);
}

/// <summary>What each dispatcher's last run did, so a health check can say "the timers cannot reach the database".</summary>
public sealed class DispatcherHealth(TimeProvider clock)
{
    private readonly ConcurrentDictionary<DispatcherKind, DispatcherRunStatus> _status = new();

    public IReadOnlyList<DispatcherRunStatus> Snapshot() =>
        Enum.GetValues<DispatcherKind>().Select(kind => _status.GetValueOrDefault(kind) ?? new DispatcherRunStatus(kind, null, null, null)).ToList();

    internal void Succeeded(DispatcherKind kind)
    {
        var now = clock.GetUtcNow();
        _status.AddOrUpdate(kind, k => new(k, now, null, null), (_, s) => s with { LastSuccess = now });
    }

    internal void Failed(DispatcherKind kind, Exception error)
    {
        var now = clock.GetUtcNow();
        _status.AddOrUpdate(kind, k => new(k, null, now, error.Message), (_, s) => s with { LastFailure = now, LastError = error.Message });
    }
}
