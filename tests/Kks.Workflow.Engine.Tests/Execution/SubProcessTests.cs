using Kks.Workflow.Engine.State;
using static Kks.Workflow.Engine.Tests.Execution.Elements;

namespace Kks.Workflow.Engine.Tests.Execution;

public sealed class SubProcessTests
{
    private static ExecutionState ExecutionOf(InMemoryRuntime runtime, string id, string nodeId) =>
        runtime.Instance(id).Executions.Single(e => e.Id == runtime.Tasks(id).Single(t => t.NodeId == nodeId).ExecutionId);

    private static ExecutionState ParentOf(InMemoryRuntime runtime, string id, ExecutionState execution) =>
        runtime.Instance(id).Executions.Single(e => e.Id == execution.ParentId);

    [Fact]
    public void EmbeddedSubProcess_RunsInsideAndContinuesAfter()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{SubProcess("sub", $"{Start("ss")}{Bpmn.Task("inner")}{End("se")}{Bpmn.Flows("ss->inner->se")}")}{Bpmn.Task("after")}{End()}
            {Bpmn.Flows("s->sub->after->e")}
            """), out _);
        var id = runtime.Start("p");
        Assert.Equal(["inner"], runtime.WaitingAt(id));
        Assert.Equal(ExecutionKind.Scope, ParentOf(runtime, id, ExecutionOf(runtime, id, "inner")).Kind);
        runtime.Complete(id, "inner");
        Assert.Equal(["after"], runtime.WaitingAt(id));
        Assert.Equal(["s", "sub", "ss", "inner", "se", "after"], runtime.Log(id));
        runtime.Complete(id, "after");
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);
    }

    [Fact]
    public void InputParameters_AreLocalToTheSubProcessAndVanishAfter()
    {
        var sub = SubProcess(
            "sub",
            $"{Start("ss")}{Bpmn.Task("inner", group: "${opd}")}{End("se")}{Bpmn.Flows("ss->inner->se")}",
            before: InputOutput(inputs: ["opd=${'DINKES'}", "round=${1 + 1}"]));
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{sub}{Bpmn.Task("after")}{End()}
            {Bpmn.Flows("s->sub->after->e")}
            """), out _);
        var id = runtime.Start("p");

        var task = Assert.Single(runtime.Tasks(id));
        Assert.Equal(["DINKES"], task.CandidateGroups);
        var scope = ParentOf(runtime, id, ExecutionOf(runtime, id, "inner"));
        Assert.Equal("DINKES", scope.Variables!["opd"]);
        Assert.Equal(2L, scope.Variables["round"]);
        Assert.Null(runtime.Variable(id, "opd"));

        // A task inside updates the sub-process's local variable (nearest scope that has it) and creates new ones on the instance.
        runtime.Complete(id, "inner", ("round", 3L), ("note", "ok"));
        Assert.Equal(["after"], runtime.WaitingAt(id));
        Assert.Null(runtime.Variable(id, "opd"));
        Assert.Null(runtime.Variable(id, "round"));
        Assert.Equal("ok", runtime.Variable(id, "note"));
        Assert.DoesNotContain(runtime.Instance(id).Executions, e => e.Variables?.ContainsKey("opd") == true);
    }

    [Fact]
    public void OutputParameters_MapLocalValuesOutOfTheSubProcess()
    {
        var sub = SubProcess(
            "sub",
            $"{Start("ss")}{Bpmn.Task("inner")}{End("se")}{Bpmn.Flows("ss->inner->se")}",
            before: InputOutput(inputs: ["score=${0}"], outputs: ["finalScore=${score * 10}"]));
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{sub}{Bpmn.Task("after")}{End()}
            {Bpmn.Flows("s->sub->after->e")}
            """), out _);
        var id = runtime.Start("p");
        runtime.Complete(id, "inner", ("score", 7L));
        Assert.Equal(70L, runtime.Variable(id, "finalScore"));
        Assert.Null(runtime.Variable(id, "score"));
    }

    [Fact]
    public void InputOutputOnTask_InputLocalOutputToProcess()
    {
        var task = Bpmn.Task("t", group: "${grp}", inner: InputOutput(inputs: ["grp=${'opd-' + kode}"], outputs: ["handledBy=${grp}"]));
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{task}{Bpmn.Task("after")}{End()}
            {Bpmn.Flows("s->t->after->e")}
            """), out _);
        var id = runtime.Start("p", Bpmn.Vars(("kode", "DINKES")));
        Assert.Equal(["opd-DINKES"], Assert.Single(runtime.Tasks(id)).CandidateGroups);
        Assert.Null(runtime.Variable(id, "grp"));
        runtime.Complete(id, "t");
        Assert.Equal("opd-DINKES", runtime.Variable(id, "handledBy"));
        Assert.Null(runtime.Variable(id, "grp"));
        Assert.Equal(["after"], runtime.WaitingAt(id));
    }

    [Fact]
    public void TerminateEndInsideSubProcess_EndsOnlyTheSubProcessTokens()
    {
        var inner = $"""
            {Start("ss")}{Parallel("pf")}{Tasks("slow", "quick")}{TerminateEnd("te")}{End("se")}
            {Bpmn.Flows("ss->pf->slow->se", "pf->quick->te")}
            """;
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{Parallel("fork")}{SubProcess("sub", inner)}{Bpmn.Task("outside")}{Bpmn.Task("after")}{Parallel("join")}{End()}
            {Bpmn.Flows("s->fork->sub->after->join", "fork->outside->join", "join->e")}
            """), out _);
        var id = runtime.Start("p");
        Assert.Equal(["outside", "quick", "slow"], runtime.WaitingAt(id));

        runtime.Complete(id, "quick");

        // slow is cancelled with its sub-process; the sub-process completes normally; outside is untouched.
        Assert.Equal(["after", "outside"], runtime.WaitingAt(id));
        Assert.DoesNotContain(runtime.History, h => h.InstanceId == id && h.Kind == HistoryKind.ActivityCancelled && h.NodeId == "te");
        Assert.Equal(InstanceStatus.Active, runtime.Instance(id).Status);
        Assert.Contains(runtime.History, h => h.InstanceId == id && h.Kind == HistoryKind.TaskCancelled);
        Assert.Contains(runtime.History, h => h.InstanceId == id && h.Kind == HistoryKind.ActivityCompleted && h.NodeId == "sub");
        runtime.Complete(id, "after");
        runtime.Complete(id, "outside");
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);
        Assert.Equal(["s", "fork", "sub", "outside", "ss", "pf", "slow", "quick", "te", "after", "join", "join", "e"], runtime.Log(id));
    }

    [Fact]
    public void TerminateEndInsideNestedSubProcess_EndsOnlyTheInnermost()
    {
        var innermost = $"{Start("is")}{Parallel("ipf")}{Tasks("x", "y")}{TerminateEnd("ite")}{End("ie")}{Bpmn.Flows("is->ipf->x->ie", "ipf->y->ite")}";
        var middle = $"{Start("ms")}{Parallel("mpf")}{SubProcess("innerSub", innermost)}{Bpmn.Task("m")}{End("me1")}{End("me2")}{Bpmn.Flows("ms->mpf->innerSub->me1", "mpf->m->me2")}";
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{SubProcess("outerSub", middle)}{Bpmn.Task("after")}{End()}
            {Bpmn.Flows("s->outerSub->after->e")}
            """), out _);
        var id = runtime.Start("p");
        Assert.Equal(["m", "x", "y"], runtime.WaitingAt(id));
        runtime.Complete(id, "y");
        Assert.Equal(["m"], runtime.WaitingAt(id));
        runtime.Complete(id, "m");
        Assert.Equal(["after"], runtime.WaitingAt(id));
    }

    [Fact]
    public void TerminateEndAtTopLevel_CancelsEveryBranchAndCompletesTheInstance()
    {
        var inner = $"{Start("ss")}{Bpmn.Task("deep")}{End("se")}{Bpmn.Flows("ss->deep->se")}";
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{Parallel("fork")}{Tasks("a", "b")}{SubProcess("sub", inner)}{TerminateEnd("te")}{End()}
            {Bpmn.Flows("s->fork->a->e", "fork->sub->e", "fork->b->te")}
            """), out _);
        var id = runtime.Start("p");
        Assert.Equal(["a", "b", "deep"], runtime.WaitingAt(id));

        runtime.Complete(id, "b");

        var instance = runtime.Instance(id);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(runtime.Tasks(id));
        Assert.Empty(runtime.WaitingAt(id));
        Assert.Equal([instance.Id], instance.Executions.Select(e => e.Id));
        Assert.Equal(2, runtime.History.Count(h => h.InstanceId == id && h.Kind == HistoryKind.TaskCancelled));
        Assert.Single(runtime.History, h => h.InstanceId == id && h.Kind == HistoryKind.InstanceCompleted);
        // The terminate end event itself completed; it was not also cancelled.
        Assert.DoesNotContain(runtime.History, h => h.InstanceId == id && h.Kind == HistoryKind.ActivityCancelled && h.NodeId == "te");
        Assert.Equal(["a", "deep", "sub"], runtime.History.Where(h => h.InstanceId == id && h.Kind == HistoryKind.ActivityCancelled).Select(h => h.NodeId).Order(StringComparer.Ordinal));
        Assert.Equal(["s", "fork", "a", "sub", "b", "ss", "deep", "te"], runtime.Log(id));
    }

    [Fact]
    public void CancelInstance_RecordsEachCancelledActivityOnce()
    {
        var inner = $"{Start("ss")}{Bpmn.Task("deep")}{End("se")}{Bpmn.Flows("ss->deep->se")}";
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{SubProcess("sub", inner)}{End()}
            {Bpmn.Flows("s->sub->e")}
            """), out _);
        var id = runtime.Start("p");
        runtime.Execute(id, new CancelInstance("test"));
        var cancelled = runtime.History.Where(h => h.InstanceId == id && h.Kind == HistoryKind.ActivityCancelled).Select(h => h.NodeId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["deep", "sub"], cancelled);
        Assert.Equal(InstanceStatus.Cancelled, runtime.Instance(id).Status);
    }

    [Fact]
    public void NestedSubProcesses_CompleteInsideOut()
    {
        var innermost = $"{Start("is")}{Bpmn.Task("x")}{End("ie")}{Bpmn.Flows("is->x->ie")}";
        var middle = $"{Start("ms")}{SubProcess("innerSub", innermost)}{Bpmn.Task("y")}{End("me")}{Bpmn.Flows("ms->innerSub->y->me")}";
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{SubProcess("outerSub", middle, before: InputOutput(inputs: ["level=${'outer'}"]))}{Bpmn.Task("after")}{End()}
            {Bpmn.Flows("s->outerSub->after->e")}
            """), out _);
        var id = runtime.Start("p");
        Assert.Equal(["x"], runtime.WaitingAt(id));
        var x = ExecutionOf(runtime, id, "x");
        var inner = ParentOf(runtime, id, x);
        var outer = ParentOf(runtime, id, inner);
        Assert.Equal(("innerSub", "outerSub"), (inner.NodeId, outer.NodeId));
        Assert.Equal(runtime.Instance(id).Root.Id, outer.ParentId);

        runtime.Complete(id, "x", ("level", "changed"));
        Assert.Equal(["y"], runtime.WaitingAt(id));
        Assert.Null(runtime.Variable(id, "level"));
        runtime.Complete(id, "y");
        Assert.Equal(["after"], runtime.WaitingAt(id));
        Assert.Equal(["s", "outerSub", "ms", "innerSub", "is", "x", "ie", "y", "me", "after"], runtime.Log(id));
    }
}
