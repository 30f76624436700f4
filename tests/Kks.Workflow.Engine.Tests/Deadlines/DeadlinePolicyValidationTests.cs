using Kks.Workflow.Engine.Model;
using static Kks.Workflow.Engine.Tests.Deadlines.LadderKit;

namespace Kks.Workflow.Engine.Tests.Deadlines;

public sealed class DeadlinePolicyValidationTests
{
    private static readonly DeadlinePolicyCatalog Known = new([DeadlinePolicyCatalog.Standard]);

    private static IReadOnlyList<ModelProblem> Validate(string xml, IDeadlinePolicies? policies) =>
        BpmnValidator.Validate(BpmnParser.Parse(xml), policies);

    [Fact]
    public void Parser_ReadsThePolicyName()
    {
        var task = BpmnParser.Parse(Process(policy: " standar ")).ExecutableProcesses.Single().GetNode("t");
        Assert.Equal("standar", ((UserTask)task).DeadlinePolicy);
    }

    [Fact]
    public void KnownPolicy_IsFine() => Assert.Empty(Validate(Process(), Known));

    [Fact]
    public void UnknownPolicy_WithAKnownSource_IsAnErrorNamingThePolicy()
    {
        var problem = Assert.Single(Validate(Process(policy: "kilat"), Known));
        Assert.Equal((ProblemCodes.DeadlinePolicyUnknown, ProblemSeverity.Error, "t"), (problem.Code, problem.Severity, problem.ElementId));
        Assert.Contains("'kilat'", problem.Text.Indonesian, StringComparison.Ordinal);
        Assert.Contains("standar", problem.Text.English, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownPolicy_WithoutASource_IsLeftToRunTime() => Assert.Empty(Validate(Process(policy: "kilat"), null));

    [Fact]
    public void EmptyPolicy_IsAnError_AndAPolicyWithoutDueDateAWarning()
    {
        Assert.Equal([ProblemCodes.DeadlinePolicyUnknown], Validate(Process(policy: " "), null).Select(p => p.Code));
        var noDue = Process().Replace($"camunda:dueDate=\"{Due}\"", "", StringComparison.Ordinal);
        var warning = Assert.Single(Validate(noDue, Known));
        Assert.Equal((ProblemCodes.DeadlinePolicyWithoutDueDate, ProblemSeverity.Warning), (warning.Code, warning.Severity));
    }

    [Fact]
    public void InMemoryRuntime_RefusesAnUnknownPolicyAtDeployment() =>
        Assert.Throws<EngineException>(() => Runtime(out _, Process(policy: "kilat")));
}
