namespace Kks.Workflow.Web.Identity;

/// <summary>The product's roles (Identity role names).</summary>
public static class Roles
{
    /// <summary>Runs the installation: users, OPDs, jobs and incidents, everything the secretariat can do.</summary>
    public const string Admin = "admin";

    /// <summary>The Tim Pembina's secretariat at Dinas Kesehatan: designs and deploys workflows, sees and reassigns every task, reviews evidence.</summary>
    public const string Sekretariat = "sekretariat";

    /// <summary>An OPD focal point: sees and works only the tasks assigned to them or offered to their OPD.</summary>
    public const string Opd = "opd";

    /// <summary>Leaders (Kepala OPD, Kadis Kesehatan, Sekda): read-only dashboards and history.</summary>
    public const string Pimpinan = "pimpinan";

    /// <summary>Provincial verifiers: read-only evidence of the campaign they are given.</summary>
    public const string Verifikator = "verifikator";

    public static readonly IReadOnlyList<string> All = [Admin, Sekretariat, Opd, Pimpinan, Verifikator];
}
