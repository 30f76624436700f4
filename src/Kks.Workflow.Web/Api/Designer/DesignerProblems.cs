using Kks.Workflow.Engine;
using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Web.Api.Designer;

/// <summary>One problem as the designer marks it on its element: the sentence in the reader's language, and both.</summary>
public sealed record DesignerProblem(
    string? ElementId,
    string? ProcessId,
    string Code,
    string Severity,
    string Message,
    string MessageIndonesian,
    string MessageEnglish);

/// <summary>The result of checking a model with the engine's own parser and validator.</summary>
public sealed record DesignerCheck(string? ProcessKey, string? ProcessName, bool Deployable, IReadOnlyList<DesignerProblem> Problems);

/// <summary>Runs the engine's <see cref="BpmnParser"/> and <see cref="BpmnValidator"/> exactly as deployment does.</summary>
internal static class DesignerProblems
{
    public const string UnreadableFile = "unreadable-file";

    public static DesignerCheck Check(string xml, bool english, IDeadlinePolicies? deadlinePolicies = null)
    {
        BpmnDefinitions definitions;
        try
        {
            definitions = BpmnParser.Parse(xml);
        }
        catch (BpmnParseException error)
        {
            // Not XML, or hostile XML: nothing to mark on an element, the page lists it above the diagram.
            var problem = new ModelProblem(null, null, null, UnreadableFile, ProblemSeverity.Error, error.Text);
            return new DesignerCheck(null, null, false, [ToDto(problem, english)]);
        }

        var problems = BpmnValidator.Validate(definitions, deadlinePolicies);
        var process = definitions.ExecutableProcesses.FirstOrDefault() ?? (definitions.Processes.Count > 0 ? definitions.Processes[0] : null);
        return new DesignerCheck(process?.Id, process?.Name, BpmnValidator.IsDeployable(problems), problems.Select(p => ToDto(p, english)).ToList());
    }

    public static DesignerProblem ToDto(ModelProblem problem, bool english)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new DesignerProblem(
            problem.ElementId,
            problem.ProcessId,
            problem.Code,
            problem.Severity == ProblemSeverity.Error ? "error" : "warning",
            english ? problem.Text.English : problem.Text.Indonesian,
            problem.Text.Indonesian,
            problem.Text.English);
    }
}
