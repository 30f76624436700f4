namespace Kks.Workflow.Persistence.Entities;

/// <summary>
/// One file of a deployment as uploaded (a BPMN model or a form-js form), kept so any version can be read back,
/// re-parsed after a restart, or (for forms) rendered by the tasks that reference it with <c>camunda:formRef</c>.
/// </summary>
public sealed class DeploymentResourceRecord
{
    public required string Id { get; set; }

    public required string DeploymentId { get; set; }

    /// <summary>The file name as uploaded (Camunda's resource name), unique within its deployment.</summary>
    public required string Name { get; set; }

    /// <summary><see cref="DeploymentResourceKinds"/>: "bpmn" or "form".</summary>
    public required string Kind { get; set; }

    public required string Content { get; set; }

    /// <summary>SHA-256 of the content (hex): what duplicate filtering compares.</summary>
    public required string ContentHash { get; set; }

    /// <summary>A form's "id" field (what <c>camunda:formRef</c> names); null for a BPMN file.</summary>
    public string? FormKey { get; set; }

    /// <summary>A form's version under its key, 1 for the first deployment of that key; null for a BPMN file.</summary>
    public int? FormVersion { get; set; }
}

public static class DeploymentResourceKinds
{
    public const string Bpmn = "bpmn";

    public const string Form = "form";
}
