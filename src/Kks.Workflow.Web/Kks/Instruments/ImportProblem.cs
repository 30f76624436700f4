using Kks.Workflow.Engine;

namespace Kks.Workflow.Web.Instruments;

/// <summary>One thing wrong in an imported file: where (sheet and row, as Excel numbers them) and why, in both languages.</summary>
public sealed record ImportProblem(string? Sheet, int? Row, BilingualText Text)
{
    public string Indonesian => Prefix("Baris", "Sheet") + Text.Indonesian;

    public string English => Prefix("Row", "Sheet") + Text.English;

    private string Prefix(string row, string sheet) => (Sheet, Row) switch
    {
        (not null, not null) => $"{sheet} '{Sheet}', {row.ToLowerInvariant()} {Row}: ",
        (null, not null) => $"{row} {Row}: ",
        (not null, null) => $"{sheet} '{Sheet}': ",
        _ => "",
    };

    public static ImportProblem At(SourceRow? source, string indonesian, string english) => new(source?.Sheet, source?.Row, new BilingualText(indonesian, english));
}

/// <summary>An import refused: every problem found, nothing stored.</summary>
public sealed class InstrumentImportException : Exception
{
    public InstrumentImportException(IReadOnlyList<ImportProblem> problems)
        : base($"The import was refused: {problems?.Count} problem(s).")
    {
        Problems = problems ?? [];
    }

    public InstrumentImportException() : this([]) { }

    public InstrumentImportException(string message) : base(message)
    {
        Problems = [];
    }

    public InstrumentImportException(string message, Exception innerException) : base(message, innerException)
    {
        Problems = [];
    }

    public IReadOnlyList<ImportProblem> Problems { get; }
}
