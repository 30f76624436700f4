namespace Kks.Workflow.Persistence.Entities;

/// <summary>
/// A user task for history (Camunda's historic task instance): inserted when the task is created, updated in the
/// same transaction as every command that changes it, and kept when it ends (user_tasks keeps open tasks only).
/// The instance's key, definition and business key are copied so history lists need no join.
/// </summary>
public sealed class HistoricTaskRecord
{
    public const string Completed = "completed";

    public const string Deleted = "deleted";

    public required string Id { get; set; }

    public required string InstanceId { get; set; }

    public required string ProcessKey { get; set; }

    public required string DefinitionId { get; set; }

    public string? BusinessKey { get; set; }

    public required string ExecutionId { get; set; }

    public string? ActivityInstanceId { get; set; }

    /// <summary>
    /// The task's enclosing scope: the activity instance of the nearest embedded sub-process or multi-instance item
    /// around it (a multi-instance task is its own item), else the process instance id. Comments and history thread
    /// by it, so one OPD's indicator thread in an instance that holds every OPD's tasks stays that indicator's.
    /// Null for tasks created before migration 0011 (their thread is the task alone).
    /// </summary>
    public string? ScopeId { get; set; }

    /// <summary>The user task's element id (Camunda's taskDefinitionKey).</summary>
    public required string NodeId { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Assignee { get; set; }

    public string? Owner { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? FollowUpAt { get; set; }

    public int Priority { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary><see cref="Completed"/>, or <see cref="Deleted"/> when cancelled (boundary event, instance cancelled), optionally followed by ": reason".</summary>
    public string? EndReason { get; set; }

    /// <summary>Who completed it (the engine user id); null when it was cancelled.</summary>
    public string? CompletedBy { get; set; }

    public List<HistoricTaskCandidateRecord> Candidates { get; set; } = [];
}
