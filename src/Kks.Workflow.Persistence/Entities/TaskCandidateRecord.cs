namespace Kks.Workflow.Persistence.Entities;

public enum CandidateKind
{
    Group = 0,
    User = 1,
}

/// <summary>
/// One candidate group or user of a task. The task's due date is copied here so "open tasks of group X by due
/// date" is one index range scan (kind, value, due) without touching the tasks table until the page is chosen.
/// </summary>
public sealed class TaskCandidateRecord
{
    public required string TaskId { get; set; }

    public CandidateKind Kind { get; set; }

    public required string Value { get; set; }

    /// <summary>The task's due date, or <see cref="NoDueDate"/> so tasks without one sort last on every provider.</summary>
    public DateTimeOffset SortDue { get; set; }

    public static readonly DateTimeOffset NoDueDate = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);
}
