namespace Kks.Workflow.Persistence.Entities;

/// <summary>
/// One uploaded evidence file (one version of it). The bytes live under the data directory, named by their SHA-256
/// (<see cref="ContentHash"/>), outside the web root; this row says whose, what and when. Files belong to the instance
/// (an OPD's evidence stays with the indicator through the secretariat's review and a revision); a file uploaded again
/// under the same name is a new version, and the earlier one stays (<see cref="ReplacedAt"/> set).
/// </summary>
public sealed class EvidenceFileRecord
{
    public required string Id { get; set; }

    public required string InstanceId { get; set; }

    /// <summary>The task it was uploaded on.</summary>
    public required string TaskId { get; set; }

    /// <summary>The file name as shown and sent (already made safe: no path, no control characters).</summary>
    public required string FileName { get; set; }

    /// <summary>The type found in the content (application/pdf, image/png...), never the browser's claim.</summary>
    public required string ContentType { get; set; }

    public long SizeBytes { get; set; }

    /// <summary>Lower-case hex SHA-256 of the content: the stored file's name.</summary>
    public required string ContentHash { get; set; }

    /// <summary>1 for the first upload of a name in the instance, then 2, 3...</summary>
    public int Version { get; set; }

    public required string UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>When a newer version of the same name replaced it; null for the current version.</summary>
    public DateTimeOffset? ReplacedAt { get; set; }
}
