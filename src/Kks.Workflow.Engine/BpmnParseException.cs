namespace Kks.Workflow.Engine;

/// <summary>
/// The file cannot be read as BPMN at all: not XML, hostile XML (DTD, too large, too deep) or another kind of
/// document. Anything less serious is reported as a <see cref="ModelProblem"/> instead.
/// </summary>
public sealed class BpmnParseException : EngineException
{
    public BpmnParseException(BilingualText text, int? lineNumber = null, int? linePosition = null)
        : base(text)
    {
        LineNumber = lineNumber;
        LinePosition = linePosition;
    }

    public BpmnParseException(BilingualText text, Exception innerException, int? lineNumber = null, int? linePosition = null)
        : base(text, innerException)
    {
        LineNumber = lineNumber;
        LinePosition = linePosition;
    }

    public BpmnParseException() : this(new BilingualText("Berkas BPMN tidak bisa dibaca.", "The BPMN file cannot be read.")) { }

    public BpmnParseException(string message) : this(new BilingualText(message, message)) { }

    public BpmnParseException(string message, Exception innerException)
        : this(new BilingualText(message, message), innerException) { }

    /// <summary>1-based line of the fault, when the XML reader knew it.</summary>
    public int? LineNumber { get; }

    public int? LinePosition { get; }
}
