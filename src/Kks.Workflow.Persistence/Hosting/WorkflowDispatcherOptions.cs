namespace Kks.Workflow.Persistence.Hosting;

/// <summary>How this node runs the dispatchers (bound from configuration by the host, or set in code).</summary>
public sealed class WorkflowDispatcherOptions
{
    /// <summary>This node's lease owner on timer, job and outbox rows: stable for the life of the process.</summary>
    public string NodeId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan JobPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A dispatcher with no sign of life (a run starting, a batch done) for this many of its poll intervals, and at
    /// least <see cref="DispatcherWatch.MinimumStall"/>, that does not answer a probe either, is reported stalled on /healthz.
    /// </summary>
    public int StalledAfterPolls { get; set; } = 10;

    /// <summary>
    /// How long after a commit that wrote outbox rows the outbox dispatcher is woken: the rows of the commits in
    /// between go out in the same batches (zero: at once). Under a burst of commits (100,000 timers ending their
    /// instances) this turns a claim and a mark per handful of rows into one per full batch.
    /// </summary>
    public TimeSpan OutboxWakeDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    // Leases: how long a claimed row stays this node's. A node that dies holding rows delays them by at most this
    // much; each must outlast the longest honest run of one batch (a handler's call, an SMTP send).

    public TimeSpan TimerLease { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan JobLease { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan OutboxLease { get; set; } = TimeSpan.FromMinutes(5);

    // Outbox retries: an outage (the SMTP server down) delays messages by the back-off; after the last attempt a
    // row is dead-lettered for an admin to re-send.

    public int OutboxMaxAttempts { get; set; } = 10;

    public TimeSpan OutboxBaseBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan OutboxMaxBackoff { get; set; } = TimeSpan.FromHours(1);
}
