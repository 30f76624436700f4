using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Validation;

/// <summary>
/// Collects the problems of one validation. Everything found in a process that is not executable is at most a
/// warning: Camunda does not deploy such a process (it is documentation, e.g. a partner's pool), so it must not
/// block the file.
/// </summary>
internal sealed class ValidationContext
{
    private readonly HashSet<string> _notExecutable;
    private readonly HashSet<string> _unsupported;

    public ValidationContext(BpmnDefinitions definitions)
    {
        Definitions = definitions;
        _notExecutable = definitions.Processes.Where(p => !p.IsExecutable).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        _unsupported = definitions.Unsupported.Select(u => u.ElementId).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    public BpmnDefinitions Definitions { get; }

    /// <summary>The host's deadline policies, when known (see BpmnValidator.Validate).</summary>
    public IDeadlinePolicies? DeadlinePolicies { get; init; }

    public List<ModelProblem> Problems { get; } = [];

    /// <summary>
    /// True when the element already has an unsupported construct reported: its own checks are skipped, since
    /// the unsupported problem already says what to change and more would be noise.
    /// </summary>
    public bool IsUnsupported(FlowElement element) => _unsupported.Contains(element.Id);

    public void Add(ModelProblem problem) =>
        Problems.Add(problem.Severity == ProblemSeverity.Error && problem.ProcessId is { } p && _notExecutable.Contains(p)
            ? problem with { Severity = ProblemSeverity.Warning }
            : problem);

    /// <summary>Reports a problem on an element; <paramref name="text"/> gets the element's label to open the sentence.</summary>
    public void Report(
        ProcessModel process,
        FlowElement element,
        string code,
        Func<BilingualText, BilingualText> text,
        ProblemSeverity severity = ProblemSeverity.Error) =>
        Add(new ModelProblem(process.Id, element.Id, element.Name, code, severity, text(ElementLabel.Of(element))));

    public void ReportProcess(
        ProcessModel process,
        string code,
        Func<BilingualText, BilingualText> text,
        ProblemSeverity severity = ProblemSeverity.Error) =>
        Add(new ModelProblem(process.Id, process.Id, process.Name, code, severity, text(ElementLabel.Of("process", process.Id, process.Name))));
}
