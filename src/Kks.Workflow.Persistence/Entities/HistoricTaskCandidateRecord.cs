namespace Kks.Workflow.Persistence.Entities;

/// <summary>
/// A candidate group or user of a historic task: the task's candidates as they stood when it ended (or stand now
/// while it is open). The task's end time is on <see cref="HistoricTaskRecord"/> only (migration 0015): copying it
/// here cost an UPDATE of every candidate row at every task end, and no query read the copy.
/// </summary>
public sealed class HistoricTaskCandidateRecord
{
    public required string TaskId { get; set; }

    public CandidateKind Kind { get; set; }

    public required string Value { get; set; }
}
