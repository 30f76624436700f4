namespace Kks.Workflow.Persistence.Entities;

/// <summary>
/// One evidence file uploaded for a campaign's kelembagaan item (an SK, a work plan, minutes). The bytes live in the
/// evidence store like a task's evidence (named by their SHA-256, checked by content); this row says whose and when.
/// Earlier uploads stay listed: the checklist's evidence is a history, not a single slot.
/// </summary>
public sealed class KelembagaanFileRecord
{
    public required string Id { get; set; }

    public required string CampaignId { get; set; }

    public required string ItemCode { get; set; }

    /// <summary>The safe file name (no path, no control characters).</summary>
    public required string FileName { get; set; }

    /// <summary>The type found in the content, never the browser's claim.</summary>
    public required string ContentType { get; set; }

    public long SizeBytes { get; set; }

    /// <summary>Lower-case hex SHA-256 of the content: the stored file's name.</summary>
    public required string ContentHash { get; set; }

    public required string UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>
/// The secretariat's draft of the province's verdict on one indicator, entered on the page before "Kirim hasil
/// provinsi" sends them all as the message <c>HasilReviuProvinsi</c> (what was sent lives in the workflow's variables).
/// </summary>
public sealed class ProvinceDraftRecord
{
    public required string CampaignId { get; set; }

    public required string IndicatorCode { get; set; }

    /// <summary>0, 25, 50, 75 or 100; null when only a note was written.</summary>
    public int? Score { get; set; }

    public string? Note { get; set; }

    public string? UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
