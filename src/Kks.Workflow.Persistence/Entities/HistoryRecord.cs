namespace Kks.Workflow.Persistence.Entities;

/// <summary>One append-only history line; never updated. The id orders lines of one instance as they happened.</summary>
public sealed class HistoryRecord
{
    public long Id { get; set; }

    public DateTimeOffset Time { get; set; }

    public required string InstanceId { get; set; }

    public required string Kind { get; set; }

    public string? ExecutionId { get; set; }

    public string? NodeId { get; set; }

    public string? NodeType { get; set; }

    /// <summary>The node's name when the line was written (Camunda's activityName), so history reads without the model.</summary>
    public string? NodeName { get; set; }

    /// <summary>Pairs an activity's started line with its completed or cancelled line (Camunda's activity instance id).</summary>
    public string? ActivityInstanceId { get; set; }

    public string? TaskId { get; set; }

    public string? UserId { get; set; }

    public string? DataJson { get; set; }
}
