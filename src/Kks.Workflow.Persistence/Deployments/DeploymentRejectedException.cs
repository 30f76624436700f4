using Kks.Workflow.Engine;

namespace Kks.Workflow.Persistence.Deployments;

/// <summary>A BPMN file refused at deployment, with every problem the validator found (ids and sentences).</summary>
public sealed class DeploymentRejectedException : EngineException
{
    public DeploymentRejectedException(IReadOnlyList<ModelProblem> problems)
        : base(new BilingualText(
            $"Model tidak dapat diterapkan: {problems.Count(p => p.Severity == ProblemSeverity.Error)} masalah: "
                + string.Join("; ", problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => $"{p.Code} {p.ElementId}: {p.Text.Indonesian}")),
            $"The model cannot be deployed: {problems.Count(p => p.Severity == ProblemSeverity.Error)} problems: "
                + string.Join("; ", problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.ToString()))))
        => Problems = problems;

    public DeploymentRejectedException() : this([]) { }

    public DeploymentRejectedException(string message) : base(message) => Problems = [];

    public DeploymentRejectedException(string message, Exception innerException) : base(message, innerException) => Problems = [];

    public IReadOnlyList<ModelProblem> Problems { get; }

    /// <summary>The file the problems are in, when a deployment of several files was refused (Camunda's details key).</summary>
    public string? ResourceName { get; init; }
}
