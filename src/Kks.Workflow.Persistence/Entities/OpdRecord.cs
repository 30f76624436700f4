namespace Kks.Workflow.Persistence.Entities;

/// <summary>
/// A regional agency (Organisasi Perangkat Daerah) at the KKS table. Its code is the candidate group of its
/// tasks; its head (Kepala OPD) is the first rung of the escalation ladder.
/// </summary>
public sealed class OpdRecord
{
    public required string Code { get; set; }

    public required string Name { get; set; }

    public string? HeadName { get; set; }

    public string? HeadEmail { get; set; }

    public bool Active { get; set; } = true;
}
