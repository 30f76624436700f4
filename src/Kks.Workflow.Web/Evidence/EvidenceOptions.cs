namespace Kks.Workflow.Web.Evidence;

/// <summary>"Evidence": what may be uploaded as evidence and how big.</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>20 MB: a scanned document of a few dozen pages.</summary>
    public long MaxBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Types recognised by content (see <see cref="ContentSniffer"/>): pdf, jpeg, png, xlsx, docx.</summary>
    public List<string> AllowedTypes { get; set; } = [];

    /// <summary>The folder under the data directory (outside the web root) holding the files, named by content hash.</summary>
    public string Folder { get; set; } = "evidence";

    public IReadOnlyList<string> Allowed => AllowedTypes.Count > 0 ? AllowedTypes : ContentSniffer.Known;
}
