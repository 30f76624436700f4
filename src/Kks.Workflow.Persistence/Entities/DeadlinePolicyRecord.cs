namespace Kks.Workflow.Persistence.Entities;

/// <summary>A named deadline ladder (kks:deadlinePolicy) as the admin edits it; the steps as JSON.</summary>
public sealed class DeadlinePolicyRecord
{
    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>[{ "workingDaysFromDue": -3, "to": ["candidate-group"] }, ...] in ladder order (the order gives each step's index).</summary>
    public required string StepsJson { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
