namespace Kks.Workflow.Persistence.Entities;

/// <summary>A job out of retries: visible with its error until someone retries it.</summary>
public sealed class IncidentRecord
{
    public required string Id { get; set; }

    public required string InstanceId { get; set; }

    public required string NodeId { get; set; }

    public required string Type { get; set; }

    public string? JobId { get; set; }

    public string? Message { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
