using Kks.Workflow.Web.Campaigns;

namespace Kks.Workflow.Web.Readiness;

/// <summary>Where one indicator (or one OPD's part of it) stands in the evidence stage.</summary>
public enum ReadinessState
{
    /// <summary>Not submitted yet (the OPD's task is open and was never sent back).</summary>
    Belum = 0,

    /// <summary>Sent back by the secretariat: the OPD's task is open again.</summary>
    Revisi = 1,

    /// <summary>Submitted, waiting for the secretariat's review.</summary>
    Dikirim = 2,

    /// <summary>Approved by the secretariat: its evidence counts.</summary>
    Disetujui = 3,
}

/// <summary>An approved (current) evidence file of an indicator.</summary>
public sealed record EvidenceRef(string Id, string FileName, string ContentType, long SizeBytes, string ContentHash, string OpdCode);

/// <summary>One OPD's part of one indicator: its task's state, self-score and review note.</summary>
public sealed record AssignmentReadiness(
    string IndicatorCode,
    string OpdCode,
    string OpdName,
    ReadinessState State,
    int? SelfScore,
    string? EvidenceNote,
    string? ReviewNote,
    int Revisions,
    DateTimeOffset? ApprovedAt,
    string? OpenTaskId,
    DateTimeOffset? DueAt);

/// <summary>
/// One indicator of the campaign: the least advanced state of its owners' parts, the lowest self-score they gave
/// (an indicator is only as ready as its weakest part), the approved evidence, and the province's score and notes.
/// </summary>
public sealed record IndicatorReadiness(
    string Code,
    int TatananNumber,
    string TatananName,
    int Number,
    string Name,
    string? Target,
    ReadinessState State,
    int? SelfScore,
    IReadOnlyList<AssignmentReadiness> Parts,
    IReadOnlyList<EvidenceRef> Evidence,
    int? ProvinceScore,
    string? ProvinceNote)
{
    public DateTimeOffset? ApprovedAt => State == ReadinessState.Disetujui ? Parts.Max(p => p.ApprovedAt) : null;
}

/// <summary>A campaign's readiness as the stores hold it now.</summary>
public sealed record CampaignReadiness(
    CampaignView Campaign,
    string? InstanceId,
    DateTimeOffset Now,
    IReadOnlyList<IndicatorReadiness> Indicators,
    double? OdfPercent,
    string? OdfSource,
    IReadOnlyList<OverdueTask> Overdue,
    DateTimeOffset? ProvinceResultsAt,
    IReadOnlyList<Instruments.PrerequisiteDocument> Prerequisites,
    TimeZoneInfo Zone);

/// <summary>An open task past its due date, with the OPD it is offered to.</summary>
public sealed record OverdueTask(string TaskId, string? Name, string OpdCode, string OpdName, DateTimeOffset DueAt);
