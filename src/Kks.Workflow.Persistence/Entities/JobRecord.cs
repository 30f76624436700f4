namespace Kks.Workflow.Persistence.Entities;

/// <summary>An external task, handler or async continuation waiting to run; locked by the worker that fetched it.</summary>
public sealed class JobRecord
{
    public required string Id { get; set; }

    public required string InstanceId { get; set; }

    public required string NodeId { get; set; }

    public required string Kind { get; set; }

    public string? Topic { get; set; }

    public string? HandlerName { get; set; }

    public int Retries { get; set; }

    public long Priority { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public string? LockOwner { get; set; }

    public DateTimeOffset? LockUntil { get; set; }

    public string? ErrorMessage { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
