using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine.Tests.Execution;

/// <summary>
/// Timer catch events, boundary timers, and timer start events (armed by the runtime at deployment; the
/// executor starts the instance at the named start event).
/// </summary>
public sealed class TimerTests
{
    private static InMemoryRuntime CatchTimer(string kind, string text, out ManualTimeProvider clock, EngineOptions? options = null) =>
        Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            {Bpmn.CatchEvent("w", Bpmn.Timer(kind, text))}
            {Bpmn.Task("t")}
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->w->t->e")}
            """), out clock, options);

    private static List<DateTimeOffset> FiredAt(InMemoryRuntime runtime, string instance, string nodeId) =>
        runtime.History.Where(h => h.InstanceId == instance && h.Kind == HistoryKind.TimerFired && h.NodeId == nodeId).Select(h => h.Time).ToList();

    [Fact]
    public void IntermediateTimerDuration_WaitsThenMovesOnAtDueTime()
    {
        var runtime = CatchTimer("timeDuration", "PT2H", out _);
        var id = runtime.Start("p");
        Assert.Equal(["w"], runtime.WaitingAt(id));

        Assert.Equal(0, runtime.AdvanceClock(TimeSpan.FromMinutes(119)));
        Assert.Equal(["w"], runtime.WaitingAt(id));

        Assert.Equal(1, runtime.AdvanceClock(TimeSpan.FromMinutes(1)));
        Assert.Equal(["t"], runtime.WaitingAt(id));
        Assert.Equal(["s", "w", "t"], runtime.Log(id));
        Assert.Equal([Bpmn.Monday.AddHours(2)], FiredAt(runtime, id, "w"));
        Assert.Empty(runtime.Instance(id).Timers);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void IntermediateTimerDate_FiresAtTheDate()
    {
        var runtime = CatchTimer("timeDate", "2023-02-14T09:00:00+07:00", out _);
        var id = runtime.Start("p");

        runtime.AdvanceClock(TimeSpan.FromDays(1));
        Assert.Equal(["w"], runtime.WaitingAt(id));

        runtime.AdvanceClock(TimeSpan.FromHours(3));
        Assert.Equal(["t"], runtime.WaitingAt(id));
        Assert.Equal([new DateTimeOffset(2023, 2, 14, 9, 0, 0, TimeSpan.FromHours(7))], FiredAt(runtime, id, "w"));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void IntermediateTimerDateInThePast_FiresOnTheNextTick()
    {
        var runtime = CatchTimer("timeDate", "2023-01-01T00:00:00+07:00", out _);
        var id = runtime.Start("p");
        Assert.Equal(["w"], runtime.WaitingAt(id));

        Assert.Equal(1, runtime.FireDueTimers());
        Assert.Equal(["t"], runtime.WaitingAt(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void IntermediateTimerDateFromDateVariable_FiresAtThatDate()
    {
        var runtime = CatchTimer("timeDate", "${batas}", out _);
        var due = new DateTimeOffset(2023, 2, 15, 10, 0, 0, TimeSpan.FromHours(7));
        var id = runtime.Start("p", Bpmn.Vars(("batas", due)));

        runtime.AdvanceClock(TimeSpan.FromHours(49));
        Assert.Equal(["w"], runtime.WaitingAt(id));
        runtime.AdvanceClock(TimeSpan.FromHours(1));
        Assert.Equal(["t"], runtime.WaitingAt(id));
        Assert.Equal([due], FiredAt(runtime, id, "w"));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void IntermediateTimerDateFromTextVariableWithoutOffset_ReadInWib()
    {
        var runtime = CatchTimer("timeDate", "${batas}", out _);
        var id = runtime.Start("p", Bpmn.Vars(("batas", "2023-02-13T10:30:00")));

        runtime.AdvanceClock(TimeSpan.FromHours(2.5));
        Assert.Equal(["t"], runtime.WaitingAt(id));
        Assert.Equal([new DateTimeOffset(2023, 2, 13, 10, 30, 0, TimeSpan.FromHours(7))], FiredAt(runtime, id, "w"));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void IntermediateTimerDurationFromExpression_UsesTheVariable()
    {
        var runtime = CatchTimer("timeDuration", "${jeda}", out _);
        var id = runtime.Start("p", Bpmn.Vars(("jeda", "P2D")));

        runtime.AdvanceClock(TimeSpan.FromDays(2));
        Assert.Equal(["t"], runtime.WaitingAt(id));
        Assert.Equal([Bpmn.Monday.AddDays(2)], FiredAt(runtime, id, "w"));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void TimerDateWithoutOffset_IsReadInTheConfiguredZone()
    {
        // 09:00 WITA is 08:00 WIB: the engine configured for WITA fires an hour before one in WIB.
        var wita = CatchTimer("timeDate", "2023-02-14T09:00:00", out _, new EngineOptions { TimeZone = Zones.Makassar });
        var wib = CatchTimer("timeDate", "2023-02-14T09:00:00", out _);
        var a = wita.Start("p");
        var b = wib.Start("p");

        wita.AdvanceClock(TimeSpan.FromDays(1));
        wib.AdvanceClock(TimeSpan.FromDays(1));
        Assert.Equal(["t"], wita.WaitingAt(a));
        Assert.Equal(["w"], wib.WaitingAt(b));
        Assert.Equal([new DateTimeOffset(2023, 2, 14, 9, 0, 0, TimeSpan.FromHours(8))], FiredAt(wita, a, "w"));
    }

    [Fact]
    public void DailyCycleInWita_KeepsWallClockTimeInThatZone()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            {Bpmn.Task("t")}
            {Bpmn.Boundary("b", "t", Bpmn.Timer("timeCycle", "R/2023-02-13T10:00:00/P1D"), cancel: false)}
            <bpmn:endEvent id="e" />
            <bpmn:endEvent id="be" />
            {Bpmn.Flows("s->t->e", "b->be")}
            """), out _, new EngineOptions { TimeZone = Zones.Makassar });
        var id = runtime.Start("p");

        runtime.AdvanceClock(TimeSpan.FromDays(2) + TimeSpan.FromHours(2));
        var wita = TimeSpan.FromHours(8);
        Assert.Equal(
            [new DateTimeOffset(2023, 2, 13, 10, 0, 0, wita), new DateTimeOffset(2023, 2, 14, 10, 0, 0, wita), new DateTimeOffset(2023, 2, 15, 10, 0, 0, wita)],
            FiredAt(runtime, id, "b"));

        runtime.AssertHistoryPairs();
    }

    /// <summary>A reminder path: the boundary fires every 10 hours, each firing sends a token to "r".</summary>
    private static string CycleOnTask(string cycle) => Bpmn.Process($"""
        <bpmn:startEvent id="s" />
        {Bpmn.Task("t")}
        {Bpmn.Boundary("b", "t", Bpmn.Timer("timeCycle", cycle), cancel: false)}
        {Bpmn.Task("r")}
        <bpmn:endEvent id="e" />
        <bpmn:endEvent id="re" />
        {Bpmn.Flows("s->t->e", "b->r->re")}
        """);

    [Fact]
    public void NonInterruptingCycleBoundary_FiresThreeTimesThenIsCancelledWhenTaskCompletes()
    {
        var runtime = Bpmn.Runtime(CycleOnTask("R/P1D"), out _);
        var id = runtime.Start("p");

        Assert.Equal(3, runtime.AdvanceClock(TimeSpan.FromDays(3) + TimeSpan.FromHours(1)));
        Assert.Equal(["r", "r", "r", "t"], runtime.WaitingAt(id));
        Assert.Equal([Bpmn.Monday.AddDays(1), Bpmn.Monday.AddDays(2), Bpmn.Monday.AddDays(3)], FiredAt(runtime, id, "b"));

        runtime.Complete(id, "t");
        Assert.Empty(runtime.Instance(id).Timers);
        Assert.Equal(0, runtime.AdvanceClock(TimeSpan.FromDays(30)));
        Assert.Equal(["r", "r", "r"], runtime.WaitingAt(id));
        Assert.Equal(["s", "t", "b", "r", "b", "r", "b", "r", "e"], runtime.Log(id));
        Assert.Equal(InstanceStatus.Active, runtime.Instance(id).Status);

        foreach (var task in runtime.Tasks(id).ToList())
        {
            runtime.CompleteTask(task.Id);
        }

        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void CycleR3_FiresExactlyThreeTimesThenIsGone()
    {
        var runtime = Bpmn.Runtime(CycleOnTask("R3/PT10H"), out _);
        var id = runtime.Start("p");

        Assert.Equal(3, runtime.AdvanceClock(TimeSpan.FromDays(10)));
        Assert.Equal([Bpmn.Monday.AddHours(10), Bpmn.Monday.AddHours(20), Bpmn.Monday.AddHours(30)], FiredAt(runtime, id, "b"));
        Assert.Equal(["r", "r", "r", "t"], runtime.WaitingAt(id));
        Assert.Empty(runtime.Instance(id).Timers);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void CycleR3_CompletingAfterTwoFirings_StopsTheThird()
    {
        var runtime = Bpmn.Runtime(CycleOnTask("R3/PT10H"), out _);
        var id = runtime.Start("p");

        Assert.Equal(2, runtime.AdvanceClock(TimeSpan.FromHours(25)));
        runtime.Complete(id, "t");
        Assert.Equal(0, runtime.AdvanceClock(TimeSpan.FromDays(2)));
        Assert.Equal(["r", "r"], runtime.WaitingAt(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void InterruptingBoundaryTimer_CancelsTaskAndTakesBoundaryPath()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            {Bpmn.Task("t")}
            {Bpmn.Boundary("b", "t", Bpmn.Timer("timeDuration", "P2D"))}
            {Bpmn.Task("x", "kadis")}
            <bpmn:endEvent id="e" />
            <bpmn:endEvent id="xe" />
            {Bpmn.Flows("s->t->e", "b->x->xe")}
            """), out _);
        var id = runtime.Start("p");
        var task = runtime.TaskId(id, "t");

        runtime.AdvanceClock(TimeSpan.FromDays(2));
        Assert.Equal(["x"], runtime.WaitingAt(id));
        Assert.Equal(["s", "t", "b", "x"], runtime.Log(id));
        Assert.DoesNotContain(runtime.Tasks(id), t => t.Id == task);
        Assert.Contains(runtime.History, h => h.Kind == HistoryKind.TaskCancelled && h.TaskId == task);
        Assert.Contains(runtime.History, h => h.Kind == HistoryKind.ActivityCancelled && h.NodeId == "t");
        Assert.Throws<EngineException>(() => runtime.CompleteTask(task));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void InterruptingBoundaryTimer_TaskCompletedFirst_TimerWithdrawn()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            {Bpmn.Task("t")}
            {Bpmn.Boundary("b", "t", Bpmn.Timer("timeDuration", "P2D"))}
            <bpmn:endEvent id="e" />
            <bpmn:endEvent id="be" />
            {Bpmn.Flows("s->t->e", "b->be")}
            """), out _);
        var id = runtime.Start("p");
        runtime.AdvanceClock(TimeSpan.FromDays(1));
        runtime.Complete(id, "t");

        Assert.Equal(0, runtime.AdvanceClock(TimeSpan.FromDays(5)));
        Assert.Equal(["s", "t", "e"], runtime.Log(id));
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void InterruptingBoundaryTimerOnMultiInstanceSubProcess_CancelsEveryInnerTaskAtOnce()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:subProcess id="sp">
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="{"${opds}"}" camunda:elementVariable="opd" />
              <bpmn:startEvent id="ss" />
              {Bpmn.Task("k", "${opd}")}
              <bpmn:endEvent id="se" />
              {Bpmn.Flows("ss->k->se")}
            </bpmn:subProcess>
            {Bpmn.Boundary("b", "sp", Bpmn.Timer("timeDuration", "P5D"))}
            {Bpmn.Task("late", "kadis")}
            <bpmn:endEvent id="e" />
            <bpmn:endEvent id="le" />
            {Bpmn.Flows("s->sp->e", "b->late->le")}
            """), out _);
        var id = runtime.Start("p", Bpmn.Vars(("opds", new List<object?> { "bappeda", "dinkes", "dlh" })));
        Assert.Equal(["k", "k", "k"], runtime.WaitingAt(id));
        runtime.CompleteTask(runtime.TasksOf("dinkes").Single().Id);
        Assert.Equal(["k", "k"], runtime.WaitingAt(id));

        Assert.Equal(1, runtime.AdvanceClock(TimeSpan.FromDays(5)));
        Assert.Equal(["late"], runtime.WaitingAt(id));
        Assert.Equal(["late"], runtime.Tasks(id).Select(t => t.NodeId));
        Assert.Equal(2, runtime.History.Count(h => h.InstanceId == id && h.Kind == HistoryKind.TaskCancelled));
        Assert.Empty(runtime.Instance(id).Timers);
        Assert.Equal(2, runtime.Instance(id).Executions.Count); // the root and the token at "late"
        Assert.Equal(0, runtime.AdvanceClock(TimeSpan.FromDays(30)));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void CronCycleBoundary_RemindsEveryWorkingDayAtNine()
    {
        var runtime = Bpmn.Runtime(CycleOnTask("0 0 9 ? * MON-FRI"), out _);
        var id = runtime.Start("p");

        Assert.Equal(5, runtime.AdvanceClock(TimeSpan.FromDays(7)));
        Assert.Equal(
            [13, 14, 15, 16, 17],
            FiredAt(runtime, id, "b").Select(d => d.ToOffset(TimeSpan.FromHours(7))).Where(d => d.Hour == 9).Select(d => d.Day));
        runtime.Complete(id, "t");
        Assert.Equal(0, runtime.AdvanceClock(TimeSpan.FromDays(7)));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void InterruptingBoundaryTimerOnSubProcess_CancelsEverythingInside()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:subProcess id="sp">
              <bpmn:startEvent id="ss" />
              {Bpmn.Task("k")}
              {Bpmn.CatchEvent("w", Bpmn.Timer("timeDuration", "P10D"))}
              <bpmn:endEvent id="se" />
              {Bpmn.Flows("ss->k->se", "ss->w->se")}
            </bpmn:subProcess>
            {Bpmn.Boundary("b", "sp", Bpmn.Timer("timeDuration", "P3D"))}
            {Bpmn.Task("late")}
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->sp->e", "b->late->e")}
            """), out _);
        var id = runtime.Start("p");
        Assert.Equal(["k", "w"], runtime.WaitingAt(id));
        Assert.Equal(2, runtime.TimerCount(id));

        Assert.Equal(1, runtime.AdvanceClock(TimeSpan.FromDays(20)));
        Assert.Equal(["late"], runtime.WaitingAt(id));
        Assert.Equal(0, runtime.TimerCount(id));
        Assert.Equal(["late"], runtime.Tasks(id).Select(t => t.NodeId));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void BoundaryTimerOnReceiveTask_WithdrawsTheSubscription()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:receiveTask id="r" messageRef="m" />
            {Bpmn.Boundary("b", "r", Bpmn.Timer("timeDuration", "PT1H"))}
            <bpmn:endEvent id="e" />
            <bpmn:endEvent id="be" />
            {Bpmn.Flows("s->r->e", "b->be")}
            """, extraRoot: Bpmn.Message("m", "balasan")), out _);
        var id = runtime.Start("p");
        Assert.Single(runtime.Instance(id).Subscriptions);

        runtime.AdvanceClock(TimeSpan.FromHours(1));
        Assert.Equal(["s", "r", "b", "be"], runtime.Log(id));
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);
        Assert.Equal(0, runtime.Correlate("balasan"));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void CycleFiring_ReportsTheTimerRowChangedThenRemoved()
    {
        // The durable runtime writes only the rows a command reports: a repeat must come back as changed.
        var runtime = Bpmn.Runtime(CycleOnTask("R2/PT10H"), out _);
        var id = runtime.Start("p");
        var executor = new ProcessExecutor();
        var process = runtime.Process(runtime.Instance(id).DefinitionId);
        var timer = runtime.Instance(id).Timers.Single();

        var first = executor.Execute(process, runtime.Instance(id), new FireTimer(timer.Id), timer.DueAt);
        var changed = Assert.Single(first.Timers.Changed);
        Assert.Empty(first.Timers.Added);
        Assert.Empty(first.Timers.Removed);
        Assert.Equal(Bpmn.Monday.AddHours(20), changed.DueAt);
        Assert.Equal(1, changed.FiredCount);
        Assert.Equal(Bpmn.Monday.AddHours(10), timer.DueAt); // the caller's state is untouched
        Assert.Equal("r", Assert.Single(first.Tasks.Added).NodeId);

        var second = executor.Execute(process, first.State, new FireTimer(timer.Id), changed.DueAt);
        Assert.Equal(timer.Id, Assert.Single(second.Timers.Removed).Id);
        Assert.Empty(second.State.Timers);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void TimerStartCycle_StartsAnInstanceEachDayUntilExhausted()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s">{Bpmn.Timer("timeCycle", "R3/2023-02-14T07:30:00+07:00/P1D")}</bpmn:startEvent>
            {Bpmn.Task("t")}
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->t->e")}
            """), out _);

        Assert.Empty(runtime.Instances);
        Assert.Equal(3, runtime.AdvanceClock(TimeSpan.FromDays(10)));

        var started = runtime.Instances.Select(i => i.StartedAt).Order().ToList();
        Assert.Equal([Bpmn.Monday.AddDays(1).AddMinutes(-30), Bpmn.Monday.AddDays(2).AddMinutes(-30), Bpmn.Monday.AddDays(3).AddMinutes(-30)], started);
        Assert.All(runtime.Instances, i => Assert.Equal(["t"], runtime.WaitingAt(i.Id)));
        Assert.All(runtime.Instances, i => Assert.Equal(["s", "t"], runtime.Log(i.Id)));
    }

    [Fact]
    public void TimerStartDate_NewVersionReplacesTheOldVersionsTimer()
    {
        string Model(string task) => Bpmn.Process($"""
            <bpmn:startEvent id="s">{Bpmn.Timer("timeDuration", "PT1H")}</bpmn:startEvent>
            {Bpmn.Task(task)}
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->" + task + "->e")}
            """);
        var runtime = Bpmn.Runtime(Model("a"), out _);
        runtime.Deploy(Model("b"));

        Assert.Equal(1, runtime.AdvanceClock(TimeSpan.FromHours(2)));
        var instance = Assert.Single(runtime.Instances);
        Assert.Equal(["b"], runtime.WaitingAt(instance.Id));
    }
}
