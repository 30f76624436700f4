namespace Kks.Workflow.Web.Campaigns;

/// <summary>What the secretariat sends to create or change a campaign (<c>POST /api/kampanye</c>, <c>PUT /api/kampanye/{id}</c>).</summary>
public sealed record CampaignInput(
    string? Id,
    string? Name,
    string? RegencyName,
    string? InstrumentId,
    DateOnly? RakorDate,
    DateOnly? DocumentsDueDate,
    DateOnly? ProvinceReviewDate,
    DateOnly? VerificationDate,
    string? DatesNote,
    IReadOnlyList<string>? Opds);

public sealed record OdfShareInput(double? Percent, DateOnly? AsOf, string? Source);

public sealed record KelembagaanInput(bool? Present, string? EvidenceNote);

public sealed record CampaignSummary(string Id, string Name, string RegencyName, int Cycle, string InstrumentId, int OpdCount, DateOnly? RakorDate, DateOnly? VerificationDate);

public sealed record CampaignOpdView(string Code, string Name);

public sealed record OdfShareView(string Id, double Percent, DateOnly AsOf, string Source, string? RecordedBy, DateTimeOffset RecordedAt);

public sealed record KelembagaanView(string Code, string Body, string Name, bool? Present, string? EvidenceNote, string? UpdatedBy, DateTimeOffset? UpdatedAt);

/// <summary>
/// A campaign with everything about it except the workflow's progress. <see cref="OdfProjection"/> is what the latest
/// ODF share allows by the instrument's prerequisites (the score comes from the readiness figures, not from here).
/// </summary>
public sealed record CampaignView(
    string Id,
    string Name,
    string RegencyName,
    int Cycle,
    string InstrumentId,
    string InstrumentName,
    DateOnly? RakorDate,
    DateOnly? DocumentsDueDate,
    DateOnly? ProvinceReviewDate,
    DateOnly? VerificationDate,
    string? DatesNote,
    IReadOnlyList<CampaignOpdView> Opds,
    OdfShareView? LatestOdf,
    IReadOnlyList<OdfShareView> OdfHistory,
    IReadOnlyList<KelembagaanView> Kelembagaan,
    AwardProjection OdfProjection);
