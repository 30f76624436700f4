namespace Kks.Workflow.Persistence.Entities;

/// <summary>One deployed BPMN file: its XML as deployed, so any version can be re-parsed after a restart.</summary>
public sealed class DeploymentRecord
{
    public required string Id { get; set; }

    public string? Name { get; set; }

    public required string Xml { get; set; }

    /// <summary>SHA-256 of the XML (hex): identical content redeployed is a no-op.</summary>
    public required string ContentHash { get; set; }

    public DateTimeOffset DeployedAt { get; set; }

    public string? DeployedBy { get; set; }
}
