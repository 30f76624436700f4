namespace Kks.Workflow.Persistence.Entities;

/// <summary>A form saved without sending (Simpan draf): the person's field values for a task, kept until the task is sent.</summary>
public sealed class TaskDraftRecord
{
    public required string TaskId { get; set; }

    public required string UserId { get; set; }

    /// <summary>Field id to the text the person typed, as JSON.</summary>
    public required string ValuesJson { get; set; }

    public DateTimeOffset SavedAt { get; set; }
}
