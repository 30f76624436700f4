namespace Kks.Workflow.Persistence.Hosting;

/// <summary>How this node runs the dispatchers (bound from configuration by the host, or set in code).</summary>
public sealed class WorkflowDispatcherOptions
{
    /// <summary>This node's lease owner on timer, job and outbox rows: stable for the life of the process.</summary>
    public string NodeId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan JobPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
