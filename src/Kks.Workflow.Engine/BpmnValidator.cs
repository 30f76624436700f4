using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.Validation;

namespace Kks.Workflow.Engine;

/// <summary>
/// Checks a parsed file against the engine's BPMN subset and the rules that keep an instance from getting stuck.
/// Returns every problem, parse problems and unsupported constructs included, each with a sentence in Bahasa
/// Indonesia and English. The deploy API refuses a file while any problem is an error.
/// </summary>
public static class BpmnValidator
{
    public static IReadOnlyList<ModelProblem> Validate(BpmnDefinitions definitions) => Validate(definitions, deadlinePolicies: null);

    /// <param name="deadlinePolicies">
    /// The host's deadline policies: a kks:deadlinePolicy naming none of them is an error. Null when the source is
    /// unknown: then only an empty name is refused, and the name is looked up when a task is created.
    /// </param>
    public static IReadOnlyList<ModelProblem> Validate(BpmnDefinitions definitions, IDeadlinePolicies? deadlinePolicies)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var v = new ValidationContext(definitions) { DeadlinePolicies = deadlinePolicies };
        foreach (var problem in definitions.ParseProblems)
        {
            v.Add(problem);
        }

        UnsupportedRules.Check(v);
        foreach (var process in definitions.ExecutableProcesses)
        {
            StartEventRules.Check(process, v);
            FlowRules.Check(process, v);
            GatewayRules.Check(process, v);
            EventRules.Check(process, v);
            ActivityRules.Check(process, v);
        }

        return v.Problems;
    }

    /// <summary>True when nothing in the problems blocks a deployment.</summary>
    public static bool IsDeployable(IEnumerable<ModelProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.All(p => p.Severity != ProblemSeverity.Error);
    }
}
