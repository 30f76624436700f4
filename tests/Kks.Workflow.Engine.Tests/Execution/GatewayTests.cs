using Kks.Workflow.Engine.State;
using static Kks.Workflow.Engine.Tests.Execution.Elements;

namespace Kks.Workflow.Engine.Tests.Execution;

public sealed class GatewayTests
{
    // ---- exclusive ------------------------------------------------------------------------------

    private static InMemoryRuntime ExclusiveProcess() => Bpmn.Runtime(Bpmn.Process($"""
        {Start()}{Bpmn.Task("t")}{Exclusive("g", defaultFlow: "f_g_c")}{Tasks("a", "b", "c")}{End()}
        {Bpmn.Flows("s->t->g", "g->a:${x > 10}", "g->b:${x > 5}", "g->c", "a->e", "b->e", "c->e")}
        """), out _);

    [Theory]
    [InlineData(20L, "a")] // both conditions hold: the first in document order wins
    [InlineData(7L, "b")]
    [InlineData(1L, "c")] // none holds: the default flow
    public void Exclusive_TakesFirstTrueConditionInOrderElseDefault(long x, string expected)
    {
        var runtime = ExclusiveProcess();
        var id = runtime.Start("p");
        runtime.Complete(id, "t", ("x", x));
        Assert.Equal([expected], runtime.WaitingAt(id));
        Assert.Equal(["s", "t", "g", expected], runtime.Log(id));
        Assert.Single(runtime.Tasks(id));
    }

    [Fact]
    public void Exclusive_NoConditionHoldsAndNoDefault_ThrowsNamingGatewayAndLeavesStateUnchanged()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{Bpmn.Task("t")}<bpmn:exclusiveGateway id="g" name="Disetujui?" />{Tasks("a", "b")}{End()}
            {Bpmn.Flows("s->t->g", "g->a:${x > 10}", "g->b:${x > 5}", "a->e", "b->e")}
            """), out _);
        var id = runtime.Start("p");
        var before = runtime.Instance(id);
        var taskId = runtime.TaskId(id, "t");

        var error = Assert.Throws<EngineException>(() => runtime.CompleteTask(taskId, Bpmn.Vars(("x", 1L))));

        Assert.Contains("'Disetujui?' (g)", error.Text.Indonesian, StringComparison.Ordinal);
        Assert.Contains("'Disetujui?' (g)", error.Text.English, StringComparison.Ordinal);
        Assert.Contains("Tidak ada alur keluar", error.Text.Indonesian, StringComparison.Ordinal);
        Assert.Contains("No outgoing flow", error.Text.English, StringComparison.Ordinal);
        Assert.Same(before, runtime.Instance(id));
        Assert.Equal(["t"], runtime.WaitingAt(id));
        Assert.Equal(taskId, runtime.TaskId(id, "t"));
        Assert.Null(runtime.Variable(id, "x"));
        Assert.Equal(InstanceStatus.Active, runtime.Instance(id).Status);
    }

    [Fact]
    public void Exclusive_ConditionFailsToEvaluate_ThrowsNamingTheFlow()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{Bpmn.Task("t")}{Exclusive("g")}{Tasks("a", "b")}{End()}
            {Bpmn.Flows("s->t->g", "g->a:${missing > 10}", "g->b:${true}", "a->e", "b->e")}
            """), out _);
        var id = runtime.Start("p");
        var error = Assert.Throws<EngineException>(() => runtime.Complete(id, "t"));
        Assert.Contains("f_g_a", error.Text.English, StringComparison.Ordinal);
        Assert.Equal(["t"], runtime.WaitingAt(id));
    }

    // ---- parallel ------------------------------------------------------------------------------

    [Fact]
    public void ParallelForkJoin_JoinWaitsForEveryIncomingFlow()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{Parallel("fork")}{Tasks("a", "b", "c")}{Parallel("join")}{Bpmn.Task("after")}{End()}
            {Bpmn.Flows("s->fork->a->join", "fork->b->join", "fork->c->join", "join->after->e")}
            """), out _);
        var id = runtime.Start("p");
        Assert.Equal(["a", "b", "c"], runtime.WaitingAt(id));

        runtime.Complete(id, "b");
        Assert.Equal(["a", "c", "join"], runtime.WaitingAt(id));
        runtime.Complete(id, "a");
        Assert.Equal(["c", "join", "join"], runtime.WaitingAt(id));
        runtime.Complete(id, "c");

        Assert.Equal(["after"], runtime.WaitingAt(id));
        Assert.Equal(["s", "fork", "a", "b", "c", "join", "join", "join", "after"], runtime.Log(id));
        runtime.Complete(id, "after");
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);
        Assert.DoesNotContain(runtime.Instance(id).Executions, e => e.ParentId is not null);
    }

    /// <summary>
    /// Two tokens on the same incoming flow are two rounds, not one complete set: the join fires once per
    /// flow-complete set. (Camunda 7 counts executions instead and would fire on the second token of the
    /// same flow; BPMN 2.0 says a parallel join needs a token on each incoming flow, which we implement.)
    /// </summary>
    [Fact]
    public void ParallelJoin_SecondTokenOnSameFlow_WaitsForNextRound()
    {
        // s splits to a1 and a2 (both reach join via flow f_x_join) and to b (the other flow).
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{Parallel("fork")}{Tasks("a1", "a2", "b")}{Pass("x")}{Parallel("join")}{Bpmn.Task("after")}{End()}
            {Bpmn.Flows("s->fork->a1->x->join", "fork->a2->x", "fork->b->join", "join->after->e")}
            """), out _);
        var id = runtime.Start("p");
        Assert.Equal(["a1", "a2", "b"], runtime.WaitingAt(id));

        runtime.Complete(id, "a1");
        runtime.Complete(id, "a2");
        Assert.Equal(["b", "join", "join"], runtime.WaitingAt(id));

        runtime.Complete(id, "b");
        // One round fired (one token from f_x_join with the one from f_b_join); the second f_x_join token waits.
        Assert.Equal(["after", "join"], runtime.WaitingAt(id));
        runtime.Complete(id, "after");
        Assert.Equal(["join"], runtime.WaitingAt(id));
        Assert.Equal(InstanceStatus.Active, runtime.Instance(id).Status);
    }

    [Fact]
    public void ParallelJoin_TokenArrivingInSecondRound_CompletesTheSet()
    {
        // A loop back (through an exclusive merge: a parallel gateway with two incoming flows would join) into the fork.
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{Exclusive("m")}{Parallel("fork")}{Tasks("a", "b", "check")}{Parallel("join")}{Exclusive("again", defaultFlow: "f_again_e")}{End()}
            {Bpmn.Flows("s->m->fork->a->join", "fork->b->join", "join->check->again", "again->m:${redo}", "again->e")}
            """), out _);
        var id = runtime.Start("p");
        runtime.Complete(id, "a");
        runtime.Complete(id, "b");
        runtime.Complete(id, "check", ("redo", true));
        Assert.Equal(["a", "b"], runtime.WaitingAt(id));
        runtime.Complete(id, "b");
        Assert.Equal(["a", "join"], runtime.WaitingAt(id));
        runtime.Complete(id, "a");
        Assert.Equal(["check"], runtime.WaitingAt(id));
        runtime.Complete(id, "check", ("redo", false));
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);
        Assert.Equal(["s", "m", "fork", "a", "b", "join", "join", "check", "again", "m", "fork", "a", "b", "join", "join", "check", "again", "e"], runtime.Log(id));
    }

    // ---- inclusive -------------------------------------------------------------------------------

    private static InMemoryRuntime InclusiveProcess(string middle = "") => Bpmn.Runtime(Bpmn.Process($"""
        {Start()}{Inclusive("fork", defaultFlow: "f_fork_c")}{Tasks("a", "b", "c")}{Inclusive("join")}{Bpmn.Task("after")}{End()}
        {middle}
        {Bpmn.Flows("s->fork", "fork->a:${wantA}", "fork->b:${wantB}", "fork->c", "a->join", "b->join", "c->join", "join->after->e")}
        """), out _);

    [Fact]
    public void InclusiveFork_TakesEveryFlowWhoseConditionHolds()
    {
        var runtime = InclusiveProcess();
        var id = runtime.Start("p", Bpmn.Vars(("wantA", true), ("wantB", true)));
        Assert.Equal(["a", "b"], runtime.WaitingAt(id));
        Assert.Equal(["s", "fork", "a", "b"], runtime.Log(id));
    }

    [Fact]
    public void InclusiveFork_NoConditionHolds_TakesDefault()
    {
        var runtime = InclusiveProcess();
        var id = runtime.Start("p", Bpmn.Vars(("wantA", false), ("wantB", false)));
        Assert.Equal(["c"], runtime.WaitingAt(id));
        runtime.Complete(id, "c");
        // One token, no other can arrive: the join fires at once.
        Assert.Equal(["after"], runtime.WaitingAt(id));
    }

    [Fact]
    public void InclusiveFork_NoConditionHoldsAndNoDefault_ThrowsNamingGateway()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{Bpmn.Task("t")}{Inclusive("fork")}{Tasks("a", "b")}{End()}
            {Bpmn.Flows("s->t->fork", "fork->a:${wantA}", "fork->b:${wantB}", "a->e", "b->e")}
            """), out _);
        var id = runtime.Start("p");
        var error = Assert.Throws<EngineException>(() => runtime.Complete(id, "t", ("wantA", false), ("wantB", false)));
        Assert.Contains("'fork'", error.Text.English, StringComparison.Ordinal);
        Assert.Contains("'fork'", error.Text.Indonesian, StringComparison.Ordinal);
        Assert.Equal(["t"], runtime.WaitingAt(id));
    }

    [Fact]
    public void InclusiveJoin_AfterPartialFork_WaitsForBranchStillAtTaskThenFires()
    {
        var runtime = InclusiveProcess();
        var id = runtime.Start("p", Bpmn.Vars(("wantA", true), ("wantB", true)));

        runtime.Complete(id, "a");
        // b is still at its task and can reach the join: the join waits; c was never taken.
        Assert.Equal(["b", "join"], runtime.WaitingAt(id));

        runtime.Complete(id, "b");
        Assert.Equal(["after"], runtime.WaitingAt(id));
        Assert.Equal(["s", "fork", "a", "b", "join", "join", "after"], runtime.Log(id));
        runtime.Complete(id, "after");
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);
    }

    [Fact]
    public void InclusiveJoin_OnlyOneBranchTaken_FiresWithoutWaitingForTheOthers()
    {
        var runtime = InclusiveProcess();
        var id = runtime.Start("p", Bpmn.Vars(("wantA", false), ("wantB", true)));
        Assert.Equal(["b"], runtime.WaitingAt(id));
        runtime.Complete(id, "b");
        Assert.Equal(["after"], runtime.WaitingAt(id));
    }

    [Fact]
    public void InclusiveJoin_WithNestedParallel_WaitsForTheWholeInnerJoin()
    {
        // Branch a holds a parallel fork/join (a1, a2); branch b a task. The inclusive join waits for both.
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{Inclusive("fork")}{Parallel("pfork")}{Tasks("a1", "a2", "b", "c")}{Parallel("pjoin")}{Inclusive("join")}{Bpmn.Task("after")}{End()}
            {Bpmn.Flows("s->fork", "fork->pfork:${true}", "fork->b:${true}", "fork->c:${false}",
                "pfork->a1->pjoin", "pfork->a2->pjoin", "pjoin->join", "b->join", "c->join", "join->after->e")}
            """), out _);
        var id = runtime.Start("p");
        Assert.Equal(["a1", "a2", "b"], runtime.WaitingAt(id));

        runtime.Complete(id, "b");
        Assert.Equal(["a1", "a2", "join"], runtime.WaitingAt(id));
        runtime.Complete(id, "a1");
        // a1 waits at the parallel join, a2 still at its task: both can still reach the inclusive join.
        Assert.Equal(["a2", "join", "pjoin"], runtime.WaitingAt(id));
        runtime.Complete(id, "a2");
        Assert.Equal(["after"], runtime.WaitingAt(id));
        Assert.Equal(["s", "fork", "pfork", "b", "a1", "a2", "join", "pjoin", "pjoin", "join", "after"], runtime.Log(id));
    }

    [Fact]
    public void InclusiveJoin_ForkedByParallelGateway_WaitsForAllTokens()
    {
        // The join counts tokens that can still arrive, not the fork that made them.
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{Parallel("fork")}{Tasks("a", "b")}{Inclusive("join")}{Bpmn.Task("after")}{End()}
            {Bpmn.Flows("s->fork->a->join", "fork->b->join", "join->after->e")}
            """), out _);
        var id = runtime.Start("p");
        runtime.Complete(id, "a");
        Assert.Equal(["b", "join"], runtime.WaitingAt(id));
        runtime.Complete(id, "b");
        Assert.Equal(["after"], runtime.WaitingAt(id));
    }

    // ---- activities ------------------------------------------------------------------------------

    [Fact]
    public void ActivityWithTwoUnconditionalFlows_SplitsImplicitly()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{Bpmn.Task("t")}{Tasks("a", "b")}<bpmn:endEvent id="ea" /><bpmn:endEvent id="eb" />
            {Bpmn.Flows("s->t->a->ea", "t->b->eb")}
            """), out _);
        var id = runtime.Start("p");
        runtime.Complete(id, "t");
        Assert.Equal(["a", "b"], runtime.WaitingAt(id));
        runtime.Complete(id, "a");
        Assert.Equal(["b"], runtime.WaitingAt(id));
        Assert.Equal(InstanceStatus.Active, runtime.Instance(id).Status);
        runtime.Complete(id, "b");
        Assert.Equal(["s", "t", "a", "b", "ea", "eb"], runtime.Log(id));
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);
    }

    [Theory]
    [InlineData(true, true, new[] { "a", "b" })]
    [InlineData(true, false, new[] { "a" })]
    [InlineData(false, false, new[] { "c" })] // the task's default flow
    public void ConditionalFlowsOutOfTask_TakeEveryTrueOneElseDefault(bool wantA, bool wantB, string[] expected)
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{Bpmn.Task("t", extra: "default=\"f_t_c\"")}{Tasks("a", "b", "c")}{End()}
            {Bpmn.Flows("s->t", "t->a:${wantA}", "t->b:${wantB}", "t->c", "a->e", "b->e", "c->e")}
            """), out _);
        var id = runtime.Start("p");
        runtime.Complete(id, "t", ("wantA", wantA), ("wantB", wantB));
        Assert.Equal(expected, runtime.WaitingAt(id));
    }

    [Fact]
    public void ConditionalFlowsOutOfTask_NoneHoldsNoDefault_ThrowsAndTaskStays()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{Bpmn.Task("t")}{Tasks("a")}{End()}
            {Bpmn.Flows("s->t", "t->a:${ok}", "a->e")}
            """), out _);
        var id = runtime.Start("p");
        var error = Assert.Throws<EngineException>(() => runtime.Complete(id, "t", ("ok", false)));
        Assert.Contains("'t'", error.Text.English, StringComparison.Ordinal);
        Assert.Equal(["t"], runtime.WaitingAt(id));
    }
}
