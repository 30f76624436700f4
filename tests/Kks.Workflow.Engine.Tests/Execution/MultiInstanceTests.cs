using Kks.Workflow.Engine.State;
using static Kks.Workflow.Engine.Tests.Execution.Elements;

namespace Kks.Workflow.Engine.Tests.Execution;

public sealed class MultiInstanceTests
{
    private static readonly string[] Opds = ["DINKES", "BAPPEDA", "DISDIK"];

    private static InMemoryRuntime MiTask(string loop, string group = "${opd}") => Bpmn.Runtime(Bpmn.Process($"""
        {Start()}{Bpmn.Task("t", group: group, inner: loop)}{Bpmn.Task("after")}{End()}
        {Bpmn.Flows("s->t->after->e")}
        """), out _);

    private static ExecutionState Body(InMemoryRuntime runtime, string id) =>
        runtime.Instance(id).Executions.Single(e => e.Kind == ExecutionKind.MultiInstanceBody);

    private static object? Local(InMemoryRuntime runtime, string id, UserTaskState task, string name) =>
        runtime.Instance(id).Executions.Single(e => e.Id == task.ExecutionId).Variables?.GetValueOrDefault(name);

    private static (long Instances, long Active, long Completed) Counters(InMemoryRuntime runtime, string id)
    {
        var vars = Body(runtime, id).Variables!;
        return ((long)vars["nrOfInstances"]!, (long)vars["nrOfActiveInstances"]!, (long)vars["nrOfCompletedInstances"]!);
    }

    private static UserTaskState TaskFor(InMemoryRuntime runtime, string id, string opd) =>
        runtime.Tasks(id).Single(t => t.CandidateGroups.SequenceEqual([opd]));

    [Fact]
    public void ParallelOverCollection_OneTaskPerItemEachSeeingItsItem()
    {
        var runtime = MiTask(Loop("${opdList}", "opd"));
        var id = runtime.Start("p", Bpmn.Vars(("opdList", Opds.ToList())));

        var tasks = runtime.Tasks(id);
        Assert.Equal(Opds, tasks.Select(t => t.CandidateGroups.Single()));
        Assert.Equal(Opds, tasks.Select(t => Local(runtime, id, t, "opd")));
        Assert.Equal([0L, 1L, 2L], tasks.Select(t => Local(runtime, id, t, "loopCounter")));
        Assert.Equal(["t", "t", "t"], runtime.WaitingAt(id));
        Assert.Equal((3L, 3L, 0L), Counters(runtime, id));
        // The element variable is local to each instance, never a process variable.
        Assert.Null(runtime.Variable(id, "opd"));

        runtime.CompleteTask(TaskFor(runtime, id, "BAPPEDA").Id);
        Assert.Equal((3L, 2L, 1L), Counters(runtime, id));
        Assert.Equal(["DINKES", "DISDIK"], runtime.Tasks(id).Select(t => t.CandidateGroups.Single()));

        runtime.CompleteTask(TaskFor(runtime, id, "DISDIK").Id);
        Assert.Equal((3L, 1L, 2L), Counters(runtime, id));
        runtime.CompleteTask(TaskFor(runtime, id, "DINKES").Id);

        Assert.Equal(["after"], runtime.WaitingAt(id));
        Assert.Equal(["s", "t", "t", "t", "t", "after"], runtime.Log(id));
        Assert.DoesNotContain(runtime.Instance(id).Executions, e => e.Kind is ExecutionKind.MultiInstanceBody or ExecutionKind.MultiInstanceItem);
    }

    [Fact]
    public void Sequential_OneAtATimeInLoopCounterOrder()
    {
        var runtime = MiTask(Loop("${opdList}", "opd", sequential: true));
        var id = runtime.Start("p", Bpmn.Vars(("opdList", Opds.ToList())));

        foreach (var (opd, index) in Opds.Select((o, i) => (o, (long)i)))
        {
            var task = Assert.Single(runtime.Tasks(id));
            Assert.Equal([opd], task.CandidateGroups);
            Assert.Equal(index, Local(runtime, id, task, "loopCounter"));
            Assert.Equal(opd, Local(runtime, id, task, "opd"));
            Assert.Equal((3L, 1L, index), Counters(runtime, id));
            runtime.CompleteTask(task.Id);
        }

        Assert.Equal(["after"], runtime.WaitingAt(id));
        Assert.Equal(["s", "t", "t", "t", "t", "after"], runtime.Log(id));
    }

    [Fact]
    public void LoopCardinality_CreatesThatManyInstances()
    {
        var runtime = MiTask(Loop(cardinality: "${n + 1}"), group: "sekretariat");
        var id = runtime.Start("p", Bpmn.Vars(("n", 3L)));
        Assert.Equal(4, runtime.Tasks(id).Count);
        Assert.Equal((4L, 4L, 0L), Counters(runtime, id));
        Assert.Equal([0L, 1L, 2L, 3L], runtime.Tasks(id).Select(t => Local(runtime, id, t, "loopCounter")));
        foreach (var task in runtime.Tasks(id))
        {
            runtime.CompleteTask(task.Id);
        }

        Assert.Equal(["after"], runtime.WaitingAt(id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EmptyCollection_SkipsTheActivity(bool sequential)
    {
        var runtime = MiTask(Loop("${opdList}", "opd", sequential));
        var id = runtime.Start("p", Bpmn.Vars(("opdList", new List<object?>())));
        Assert.Equal(["after"], runtime.WaitingAt(id));
        Assert.Equal(["s", "t", "after"], runtime.Log(id));
    }

    [Fact]
    public void CompletionCondition_EndsTheRemainingInstances()
    {
        var runtime = MiTask(Loop("${opdList}", "opd", completion: "${nrOfCompletedInstances >= 2}"));
        var id = runtime.Start("p", Bpmn.Vars(("opdList", Opds.ToList())));
        runtime.CompleteTask(TaskFor(runtime, id, "DISDIK").Id);
        Assert.Equal(2, runtime.Tasks(id).Count);
        runtime.CompleteTask(TaskFor(runtime, id, "DINKES").Id);

        // BAPPEDA's task is cancelled, the body left.
        Assert.Equal(["after"], runtime.WaitingAt(id));
        Assert.Equal("after", Assert.Single(runtime.Tasks(id)).NodeId);
        Assert.Contains(runtime.History, h => h.InstanceId == id && h.Kind == HistoryKind.TaskCancelled);
        Assert.Equal(["s", "t", "t", "t", "t", "after"], runtime.Log(id));
    }

    [Fact]
    public void CompletionCondition_SeesTheFinishedItemsElementVariable()
    {
        // Camunda evaluates it in the finished instance's context: one "urgent" answer ends the rest.
        var runtime = MiTask(Loop("${opdList}", "opd", completion: "${opd == 'BAPPEDA'}"));
        var id = runtime.Start("p", Bpmn.Vars(("opdList", Opds.ToList())));
        runtime.CompleteTask(TaskFor(runtime, id, "DINKES").Id);
        Assert.Equal(2, runtime.Tasks(id).Count);
        runtime.CompleteTask(TaskFor(runtime, id, "BAPPEDA").Id);
        Assert.Equal(["after"], runtime.WaitingAt(id));
    }

    [Fact]
    public void SequentialCompletionCondition_StopsBeforeTheNextInstance()
    {
        var runtime = MiTask(Loop("${opdList}", "opd", sequential: true, completion: "${done}"));
        var id = runtime.Start("p", Bpmn.Vars(("opdList", Opds.ToList()), ("done", false)));
        runtime.Complete(id, "t");
        runtime.Complete(id, "t", ("done", true));
        Assert.Equal(["after"], runtime.WaitingAt(id));
        Assert.Equal(["s", "t", "t", "t", "after"], runtime.Log(id));
    }

    [Fact]
    public void MultiInstanceSubProcess_EachItemHasItsOwnScope()
    {
        var inner = $"""
            {Start("ss")}{Bpmn.Task("fill", group: "${opd}")}{Bpmn.Task("check")}{End("se")}
            {Bpmn.Flows("ss->fill->check->se")}
            {Loop("${opdList}", "opd")}
            """;
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{SubProcess("sub", inner)}{Bpmn.Task("after")}{End()}
            {Bpmn.Flows("s->sub->after->e")}
            """), out _);
        var id = runtime.Start("p", Bpmn.Vars(("opdList", Opds.ToList())));
        Assert.Equal(["fill", "fill", "fill"], runtime.WaitingAt(id));
        Assert.Equal(Opds, runtime.Tasks(id).Select(t => t.CandidateGroups.Single()));

        // A variable set inside one item's scope stays there when it exists locally... and the element variable is per item.
        runtime.CompleteTask(TaskFor(runtime, id, "BAPPEDA").Id);
        Assert.Equal(["check", "fill", "fill"], runtime.WaitingAt(id));
        var check = runtime.Tasks(id).Single(t => t.NodeId == "check");
        var scope = runtime.Instance(id).Executions.Single(e => e.Id == check.ExecutionId);
        var item = runtime.Instance(id).Executions.Single(e => e.Id == scope.ParentId);
        Assert.Equal(ExecutionKind.MultiInstanceItem, item.Kind);
        Assert.Equal("BAPPEDA", item.Variables!["opd"]);

        runtime.CompleteTask(check.Id);
        Assert.Equal((3L, 2L, 1L), Counters(runtime, id));
        foreach (var opd in new[] { "DINKES", "DISDIK" })
        {
            runtime.CompleteTask(TaskFor(runtime, id, opd).Id);
        }

        Assert.Equal(["check", "check"], runtime.WaitingAt(id));
        foreach (var task in runtime.Tasks(id))
        {
            runtime.CompleteTask(task.Id);
        }

        Assert.Equal(["after"], runtime.WaitingAt(id));
        Assert.Equal(4, runtime.Log(id).Count(n => n == "sub"));
        Assert.Equal(3, runtime.Log(id).Count(n => n == "se"));
    }

    [Fact]
    public void NullCollection_ThrowsClearError()
    {
        var runtime = MiTask(Loop("${opdList}", "opd"));
        var error = Assert.Throws<EngineException>(() => runtime.Start("p", Bpmn.Vars(("opdList", null))));
        Assert.Contains("'t'", error.Text.English, StringComparison.Ordinal);
        Assert.Contains("null", error.Text.English, StringComparison.Ordinal);
        Assert.Contains("kosong", error.Text.Indonesian, StringComparison.Ordinal);
    }

    [Fact]
    public void NonListCollection_ThrowsClearErrorAndTaskBeforeStays()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{Bpmn.Task("first")}{Bpmn.Task("t", group: "${opd}", inner: Loop("${opdList}", "opd"))}{End()}
            {Bpmn.Flows("s->first->t->e")}
            """), out _);
        var id = runtime.Start("p");
        var error = Assert.Throws<EngineException>(() => runtime.Complete(id, "first", ("opdList", "DINKES")));
        Assert.Contains("must be a list", error.Text.English, StringComparison.Ordinal);
        Assert.Contains("harus berupa daftar", error.Text.Indonesian, StringComparison.Ordinal);
        Assert.Equal(["first"], runtime.WaitingAt(id));
    }

    [Fact]
    public void CompletedItem_TakesItsTaskTimersWithIt()
    {
        // Each OPD's task reminds after a day (a timeout task listener); a finished OPD's reminder must go.
        const string listener = """<bpmn:extensionElements><camunda:taskListener event="timeout" id="remind" delegateExpression="${reminder}"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></camunda:taskListener></bpmn:extensionElements>""";
        var runtime = MiTask(listener + Loop("${opdList}", "opd"));
        var id = runtime.Start("p", Bpmn.Vars(("opdList", Opds.ToList())));
        Assert.Equal(3, runtime.Instance(id).Timers.Count);

        runtime.CompleteTask(TaskFor(runtime, id, "DINKES").Id);
        Assert.Equal(2, runtime.Instance(id).Timers.Count);

        runtime.AdvanceClock(TimeSpan.FromDays(2));
        Assert.Equal(["BAPPEDA", "DISDIK"], runtime.Effects.OfType<TaskTimeoutFired>().Select(e => e.Task.CandidateGroups.Single()));
    }

    [Fact]
    public void TerminateEndInsideMultiInstanceSubProcess_EndsOnlyThatItem()
    {
        var inner = $"""
            {Start("ss")}{Parallel("pf")}{Bpmn.Task("fill", group: "${opd}")}{Bpmn.Task("stop", group: "${opd}")}<bpmn:endEvent id="te"><bpmn:terminateEventDefinition /></bpmn:endEvent>{End("se")}
            {Bpmn.Flows("ss->pf->fill->se", "pf->stop->te")}
            {Loop("${opdList}", "opd")}
            """;
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{SubProcess("sub", inner)}{Bpmn.Task("after")}{End()}
            {Bpmn.Flows("s->sub->after->e")}
            """), out _);
        var id = runtime.Start("p", Bpmn.Vars(("opdList", Opds.Take(2).ToList())));
        Assert.Equal(4, runtime.Tasks(id).Count);

        runtime.CompleteTask(runtime.Tasks(id).Single(t => t.NodeId == "stop" && t.CandidateGroups[0] == "DINKES").Id);

        Assert.Equal(["BAPPEDA", "BAPPEDA"], runtime.Tasks(id).Select(t => t.CandidateGroups.Single()));
        Assert.Equal((2L, 1L, 1L), Counters(runtime, id));
        runtime.CompleteTask(runtime.Tasks(id).Single(t => t.NodeId == "fill").Id);
        runtime.CompleteTask(runtime.Tasks(id).Single(t => t.NodeId == "stop").Id);
        Assert.Equal(["after"], runtime.WaitingAt(id));
    }

    [Fact]
    public void InclusiveJoinInsideMultiInstanceSubProcess_JoinsPerItem()
    {
        var inner = $"""
            {Start("ss")}{Inclusive("fork")}{Bpmn.Task("a", group: "${opd}")}{Bpmn.Task("b", group: "${opd}")}{Inclusive("join")}{End("se")}
            {Bpmn.Flows("ss->fork", "fork->a:${true}", "fork->b:${opd == 'DINKES'}", "a->join", "b->join", "join->se")}
            {Loop("${opdList}", "opd")}
            """;
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            {Start()}{SubProcess("sub", inner)}{Bpmn.Task("after")}{End()}
            {Bpmn.Flows("s->sub->after->e")}
            """), out _);
        var id = runtime.Start("p", Bpmn.Vars(("opdList", Opds.Take(2).ToList())));
        Assert.Equal(["a", "a", "b"], runtime.WaitingAt(id));

        // DINKES took both branches: its join waits for b even though BAPPEDA's item has finished.
        runtime.CompleteTask(runtime.Tasks(id).Single(t => t.NodeId == "a" && t.CandidateGroups[0] == "DINKES").Id);
        runtime.CompleteTask(runtime.Tasks(id).Single(t => t.NodeId == "a").Id);
        Assert.Equal(["b", "join"], runtime.WaitingAt(id));
        Assert.Equal((2L, 1L, 1L), Counters(runtime, id));
        runtime.Complete(id, "b");
        Assert.Equal(["after"], runtime.WaitingAt(id));
    }

    [Fact]
    public void RevisionLoop_ReminderTimerOnTheBodyFiresAndIsRearmedEachRound()
    {
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Processes", "kks-opd.bpmn"));
        var runtime = Bpmn.Runtime(xml, out var clock);
        var id = runtime.Start("kks_opd", Bpmn.Vars(("opdList", EighteenOpds.Take(3).ToList())));
        runtime.Complete(id, "Task_Rakor");

        Assert.Equal(1, runtime.AdvanceClock(TimeSpan.FromDays(2)));
        var reminder = Assert.Single(runtime.ExternalTasks("kirim-pengingat"));
        Assert.Equal(["Task_KirimPengingat", "Task_Lengkapi", "Task_Lengkapi", "Task_Lengkapi"], runtime.WaitingAt(id));
        runtime.CompleteExternalTask(reminder.Id);
        Assert.Equal(3, runtime.Tasks(id).Count);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromDays(2), Assert.Single(runtime.Instance(id).Timers).DueAt);

        foreach (var task in runtime.Tasks(id))
        {
            runtime.CompleteTask(task.Id);
        }

        runtime.AdvanceClock(TimeSpan.FromDays(1));
        runtime.Complete(id, "Task_Review", ("approved", false));
        // Round two: a fresh timer from the new entry, 2 days from now.
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromDays(2), Assert.Single(runtime.Instance(id).Timers).DueAt);
        foreach (var task in runtime.Tasks(id))
        {
            runtime.CompleteTask(task.Id);
        }

        runtime.Complete(id, "Task_Review", ("approved", true));
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);
    }

    // ---- the KKS revision loop: the benchmark's own file --------------------------------------------

    private static readonly string[] EighteenOpds =
    [
        "DINKES", "BAPPEDA", "DISDIK", "DPUPR", "DLH", "DISHUB", "DINSOS", "DPMPTSP", "SATPOLPP",
        "DISPERKIM", "DKP", "DISPORA", "DISKOMINFO", "DUKCAPIL", "BPBD", "DP3A", "DISNAKER", "KESBANGPOL",
    ];

    [Fact]
    public void RevisionLoop_RejectedReviewCreatesEighteenNewTasksThenApprovalEnds()
    {
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Processes", "kks-opd.bpmn"));
        var runtime = Bpmn.Runtime(xml, out _);
        var id = runtime.Start("kks_opd", Bpmn.Vars(("opdList", EighteenOpds.ToList())), businessKey: "KKS-2023");
        Assert.Equal(["Task_Rakor"], runtime.WaitingAt(id));
        runtime.Complete(id, "Task_Rakor");

        for (var round = 1; round <= 2; round++)
        {
            var tasks = runtime.Tasks(id);
            Assert.Equal(18, tasks.Count);
            Assert.All(tasks, t => Assert.Equal("Task_Lengkapi", t.NodeId));
            Assert.Equal(EighteenOpds, tasks.Select(t => Local(runtime, id, t, "opd")));
            Assert.Equal((18L, 18L, 0L), Counters(runtime, id));
            // The reminder timer on the body: one, whatever the round.
            Assert.Single(runtime.Instance(id).Timers);

            foreach (var task in tasks)
            {
                runtime.CompleteTask(task.Id);
            }

            Assert.Equal(["Task_Review"], runtime.WaitingAt(id));
            Assert.Empty(runtime.Instance(id).Timers);
            runtime.Complete(id, "Task_Review", ("approved", round == 2));
        }

        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);
        var log = runtime.Log(id);
        Assert.Equal(2 * 19, log.Count(n => n == "Task_Lengkapi"));
        Assert.Equal(2, log.Count(n => n == "Task_Review"));
        Assert.Equal(2, log.Count(n => n == "Gateway_Merge"));
        Assert.Equal("End_Selesai", log[^1]);
        Assert.Empty(runtime.Instance(id).Timers);
        Assert.Empty(runtime.Tasks(id));
    }
}
