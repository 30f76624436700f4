using Kks.Workflow.Persistence.Dispatch;

namespace Kks.Workflow.Persistence.Hosting;

/// <summary>
/// The last outcome of one dispatcher's run on this node, and its last sign of life (a run starting, a batch or a
/// timer done, a run ending): a dispatcher without one for long is stalled (<see cref="DispatcherWatch"/>).
/// </summary>
public sealed record DispatcherRunStatus(DispatcherKind Kind, DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure, string? LastError)
{
    public bool Failing => LastFailure is { } failed && (LastSuccess is not { } ok || failed > ok);

    /// <summary>The last sign of life; null before the first run.</summary>
    public DateTimeOffset? LastActivity { get; init; }

    /// <summary>A run has started and not ended.</summary>
    public bool Running { get; init; }

    /// <summary>How many signs of life so far: a probe compares two readings (the clock may not move in tests).</summary>
    internal long Beats { get; init; }

    /// <summary>
    /// The outbox only: since when its deliveries fail with none succeeding (the mail server down), null while they
    /// succeed. The run itself succeeds meanwhile (the rows wait with back-off), so <see cref="Failing"/> stays false.
    /// </summary>
    public DateTimeOffset? DeliveryFailingSince { get; init; }

    /// <summary>The outbox only: the last failed delivery's message (e.g. "SMTP server mail:25: ... refused").</summary>
    public string? LastDeliveryError { get; init; }
}

/// <summary>What each dispatcher's last run did, so a health check can say "the timers cannot reach the database" or "the timers have stopped".</summary>
public sealed class DispatcherHealth(TimeProvider clock)
{
    private readonly Tracker[] _trackers = Enum.GetValues<DispatcherKind>().Select(_ => new Tracker()).ToArray();

    /// <summary>When this node's health began to be watched: the baseline for a dispatcher that never ran.</summary>
    public DateTimeOffset WatchedSince { get; } = clock.GetUtcNow();

    public IReadOnlyList<DispatcherRunStatus> Snapshot() => Enum.GetValues<DispatcherKind>().Select(Status).ToList();

    public DispatcherRunStatus Status(DispatcherKind kind) => _trackers[(int)kind].Read(kind);

    internal void Started(DispatcherKind kind) => _trackers[(int)kind].Start(clock.GetUtcNow());

    /// <summary>A batch (or a timer) done within a run: a long drain is alive, not stalled. Cheap enough per timer.</summary>
    internal void Beat(DispatcherKind kind) => _trackers[(int)kind].Beat(clock.GetUtcNow());

    internal void Succeeded(DispatcherKind kind) => _trackers[(int)kind].End(clock.GetUtcNow(), error: null);

    internal void Failed(DispatcherKind kind, Exception error) => _trackers[(int)kind].End(clock.GetUtcNow(), error);

    /// <summary>What an outbox mark recorded: a delivery clears a failing streak, a mark with failures only starts or extends one.</summary>
    internal void Deliveries(OutboxAttempts attempts) => _trackers[(int)DispatcherKind.Outbox].Deliveries(clock.GetUtcNow(), attempts);

    /// <summary>A run that ended without an outcome (the host stopping): no longer running.</summary>
    internal void Stopped(DispatcherKind kind) => _trackers[(int)kind].Stop(clock.GetUtcNow());

    /// <summary>
    /// One dispatcher's state. Beats come from the timer workers in parallel, so they are lock-free (two fields); the
    /// rest changes once per run under a lock.
    /// </summary>
    private sealed class Tracker
    {
        private readonly Lock _lock = new();
        private long _beats;
        private long _lastActivityTicks;
        private bool _running;
        private DateTimeOffset? _lastSuccess;
        private DateTimeOffset? _lastFailure;
        private string? _lastError;
        private DateTimeOffset? _deliveryFailingSince;
        private string? _lastDeliveryError;

        public void Beat(DateTimeOffset now)
        {
            Volatile.Write(ref _lastActivityTicks, now.UtcTicks);
            Interlocked.Increment(ref _beats);
        }

        public void Start(DateTimeOffset now)
        {
            lock (_lock)
            {
                _running = true;
            }

            Beat(now);
        }

        public void End(DateTimeOffset now, Exception? error)
        {
            lock (_lock)
            {
                _running = false;
                if (error is null)
                {
                    _lastSuccess = now;
                }
                else
                {
                    _lastFailure = now;
                    _lastError = error.Message;
                }
            }

            Beat(now);
        }

        public void Stop(DateTimeOffset now)
        {
            lock (_lock)
            {
                _running = false;
            }

            Beat(now);
        }

        public void Deliveries(DateTimeOffset now, OutboxAttempts attempts)
        {
            lock (_lock)
            {
                if (attempts.Delivered > 0)
                {
                    _deliveryFailingSince = null;
                }
                else if (attempts.Failed > 0)
                {
                    _deliveryFailingSince ??= now;
                }

                _lastDeliveryError = attempts.LastError ?? _lastDeliveryError;
            }
        }

        public DispatcherRunStatus Read(DispatcherKind kind)
        {
            var ticks = Volatile.Read(ref _lastActivityTicks);
            lock (_lock)
            {
                return new DispatcherRunStatus(kind, _lastSuccess, _lastFailure, _lastError)
                {
                    LastActivity = ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero),
                    Running = _running,
                    Beats = Interlocked.Read(ref _beats),
                    DeliveryFailingSince = _deliveryFailingSince,
                    LastDeliveryError = _lastDeliveryError,
                };
            }
        }
    }
}
