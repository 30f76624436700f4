namespace Kks.Workflow.Persistence.Entities;

/// <summary>
/// A candidate group or user of a historic task: the task's candidates as they stood when it ended (or stand now
/// while it is open). The end time is copied here so "done tasks of group X, latest first" (the inbox's done view
/// and the OPD's history) is one index range scan of (kind, value, ended_at).
/// </summary>
public sealed class HistoricTaskCandidateRecord
{
    public required string TaskId { get; set; }

    public CandidateKind Kind { get; set; }

    public required string Value { get; set; }

    public DateTimeOffset? EndedAt { get; set; }
}
