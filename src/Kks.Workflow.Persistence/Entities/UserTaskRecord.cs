namespace Kks.Workflow.Persistence.Entities;

/// <summary>A user task as the inbox queries it; a copy of the engine's task kept in step by every command.</summary>
public sealed class UserTaskRecord
{
    public required string Id { get; set; }

    public required string InstanceId { get; set; }

    public required string ExecutionId { get; set; }

    public required string NodeId { get; set; }

    public string? Name { get; set; }

    public string? Assignee { get; set; }

    public string? Owner { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? FollowUpAt { get; set; }

    public int Priority { get; set; }

    public string? FormKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<TaskCandidateRecord> Candidates { get; set; } = [];
}
