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

public sealed record KelembagaanView(string Code, string Body, string Name, bool? Present, string? EvidenceNote, string? UpdatedBy, DateTimeOffset? UpdatedAt)
{
    /// <summary>The evidence files uploaded for the item, newest first.</summary>
    public IReadOnlyList<KelembagaanFileView> Files { get; init; } = [];
}

/// <summary>An evidence file of a kelembagaan item; downloaded at <c>GET /api/kampanye/{campaign}/kelembagaan-berkas/{id}</c>.</summary>
public sealed record KelembagaanFileView(string Id, string FileName, string ContentType, long SizeBytes, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>One reason a campaign input was refused, with the input it is about (name, regencyName, instrumentId, opds, dates).</summary>
public sealed record CampaignProblem(string Field, string Indonesian, string English);

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
