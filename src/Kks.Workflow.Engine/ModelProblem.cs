namespace Kks.Workflow.Engine;

public enum ProblemSeverity
{
    /// <summary>The deployment is refused until it is fixed.</summary>
    Error,

    /// <summary>Shown in the designer; the deployment goes ahead.</summary>
    Warning,
}

/// <summary>
/// One thing wrong (or doubtful) in a BPMN file, found by the parser or the validator. The designer shows it on
/// the element; the deploy API refuses the file while any problem is an <see cref="ProblemSeverity.Error"/>.
/// </summary>
/// <param name="ProcessId">The process the element sits in, when known.</param>
/// <param name="ElementId">The element the problem is about (null for the file as a whole).</param>
/// <param name="ElementName">The element's name, when it has one.</param>
/// <param name="Code">A stable kebab-case code from <see cref="ProblemCodes"/>.</param>
/// <param name="Text">One sentence that names the element and says what to fix.</param>
public sealed record ModelProblem(
    string? ProcessId,
    string? ElementId,
    string? ElementName,
    string Code,
    ProblemSeverity Severity,
    BilingualText Text)
{
    public override string ToString() => $"{Severity} {Code} {ElementId}: {Text.English}";
}
