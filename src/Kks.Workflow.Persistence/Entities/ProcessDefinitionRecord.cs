namespace Kks.Workflow.Persistence.Entities;

/// <summary>One executable process of a deployment, versioned by key: "key:version" is its id.</summary>
public sealed class ProcessDefinitionRecord
{
    public required string Id { get; set; }

    public required string Key { get; set; }

    public int Version { get; set; }

    public string? Name { get; set; }

    public required string DeploymentId { get; set; }

    public required string ContentHash { get; set; }

    public DateTimeOffset DeployedAt { get; set; }

    /// <summary>The deployment resource (file name) it came from; null for a deployment of one XML (the deployment's own).</summary>
    public string? ResourceName { get; set; }
}
