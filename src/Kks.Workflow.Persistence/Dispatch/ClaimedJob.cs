namespace Kks.Workflow.Persistence.Dispatch;

/// <summary>A job row this node holds the lease on: what the dispatcher needs to run it without reading it again.</summary>
public sealed record ClaimedJob(string Id, string InstanceId, string Kind, string? HandlerName, int Retries);
