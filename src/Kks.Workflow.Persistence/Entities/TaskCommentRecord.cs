namespace Kks.Workflow.Persistence.Entities;

/// <summary>One message in a task's thread between the OPD and the secretariat; kept after the task completes.</summary>
public sealed class TaskCommentRecord
{
    public required string Id { get; set; }

    public required string TaskId { get; set; }

    public required string InstanceId { get; set; }

    public string? UserId { get; set; }

    public DateTimeOffset Time { get; set; }

    public required string Message { get; set; }
}
