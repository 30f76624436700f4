namespace Kks.Workflow.Persistence.Entities;

/// <summary>
/// A model or form the secretariat saved in the designer without deploying it ("Simpan draf"): one per user, kind
/// and key, overwritten by each save and removed when the user deploys it or throws it away.
/// </summary>
public sealed class DesignerDraftRecord
{
    public required string Id { get; set; }

    /// <summary>The user who saved it (the user name, as everywhere in the engine).</summary>
    public required string UserId { get; set; }

    /// <summary><see cref="DeploymentResourceKinds"/>: "bpmn" or "form".</summary>
    public required string Kind { get; set; }

    /// <summary>The process id of the model's first process, or the form's id.</summary>
    public required string Key { get; set; }

    public string? Name { get; set; }

    /// <summary>The BPMN XML or the form-js JSON, as the editor saved it.</summary>
    public required string Content { get; set; }

    public DateTimeOffset SavedAt { get; set; }
}
