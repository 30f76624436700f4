using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine.Tests.Execution;

public sealed class MessageTests
{
    private static readonly string Dokumen = Bpmn.Message("m_dok", "dokumen");

    private static InMemoryRuntime CatchMessage(out ManualTimeProvider clock) => Bpmn.Runtime(Bpmn.Process($"""
        <bpmn:startEvent id="s" />
        {Bpmn.CatchEvent("w", Bpmn.MessageRef("m_dok"))}
        {Bpmn.Task("t")}
        <bpmn:endEvent id="e" />
        {Bpmn.Flows("s->w->t->e")}
        """, extraRoot: Dokumen), out clock);

    [Fact]
    public void MessageCatch_CorrelatedWithVariables_MovesOnAndSetsThem()
    {
        var runtime = CatchMessage(out _);
        var id = runtime.Start("p");
        Assert.Equal(["w"], runtime.WaitingAt(id));
        Assert.Equal("dokumen", Assert.Single(runtime.Instance(id).Subscriptions).MessageName);

        Assert.Equal(1, runtime.Correlate("dokumen", Bpmn.Vars(("berkas", "sk.pdf"), ("jumlah", 3))));
        Assert.Equal(["t"], runtime.WaitingAt(id));
        Assert.Equal(["s", "w", "t"], runtime.Log(id));
        Assert.Equal("sk.pdf", runtime.Variable(id, "berkas"));
        Assert.Equal(3L, runtime.Variable(id, "jumlah"));
        Assert.Empty(runtime.Instance(id).Subscriptions);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void MessageCatch_WrongName_DoesNothing()
    {
        var runtime = CatchMessage(out _);
        var id = runtime.Start("p");

        Assert.Equal(0, runtime.Correlate("dokumen-lain"));
        Assert.Equal(["w"], runtime.WaitingAt(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void MessageCatch_NonMatchingBusinessKey_DoesNothing()
    {
        var runtime = CatchMessage(out _);
        var a = runtime.Start("p", businessKey: "kab-2023");
        var b = runtime.Start("p", businessKey: "kab-2024");
        var before = runtime.Instance(a);

        Assert.Equal(0, runtime.Correlate("dokumen", Bpmn.Vars(("x", 1)), businessKey: "kab-2025"));
        Assert.Same(before, runtime.Instance(a));
        Assert.Equal(["w"], runtime.WaitingAt(a));
        Assert.Null(runtime.Variable(a, "x"));

        Assert.Equal(1, runtime.Correlate("dokumen", businessKey: "kab-2024"));
        Assert.Equal(["w"], runtime.WaitingAt(a));
        Assert.Equal(["t"], runtime.WaitingAt(b));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void MessageCatch_CorrelateAllFalse_ReachesOnlyOneInstance()
    {
        var runtime = CatchMessage(out _);
        var a = runtime.Start("p");
        var b = runtime.Start("p");

        Assert.Equal(1, runtime.Correlate("dokumen", all: false));
        Assert.Equal(1, new[] { a, b }.Count(i => runtime.WaitingAt(i).SequenceEqual(["t"])));
        Assert.Equal(1, runtime.Correlate("dokumen", instanceId: runtime.WaitingAt(a).SequenceEqual(["w"]) ? a : b));
        Assert.Equal(["t"], runtime.WaitingAt(a));
        Assert.Equal(["t"], runtime.WaitingAt(b));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void ReceiveTask_WaitsForItsMessage()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:receiveTask id="r" messageRef="m_dok" />
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->r->e")}
            """, extraRoot: Dokumen), out _);
        var id = runtime.Start("p");
        Assert.Equal(["r"], runtime.WaitingAt(id));

        Assert.Equal(1, runtime.Correlate("dokumen", Bpmn.Vars(("ok", true))));
        Assert.Equal(["s", "r", "e"], runtime.Log(id));
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);
        Assert.Equal(true, runtime.Variable(id, "ok"));

        runtime.AssertHistoryPairs();
    }

    private static InMemoryRuntime MessageBoundary(bool cancel) => Bpmn.Runtime(Bpmn.Process($"""
        <bpmn:startEvent id="s" />
        {Bpmn.Task("t")}
        {Bpmn.Boundary("b", "t", Bpmn.MessageRef("m_dok"), cancel)}
        {Bpmn.Task("x")}
        <bpmn:endEvent id="e" />
        <bpmn:endEvent id="xe" />
        {Bpmn.Flows("s->t->e", "b->x->xe")}
        """, extraRoot: Dokumen), out _);

    [Fact]
    public void InterruptingMessageBoundary_CancelsTaskAndTakesBoundaryPath()
    {
        var runtime = MessageBoundary(cancel: true);
        var id = runtime.Start("p");

        Assert.Equal(1, runtime.Correlate("dokumen", Bpmn.Vars(("alasan", "dibatalkan"))));
        Assert.Equal(["x"], runtime.WaitingAt(id));
        Assert.Equal(["s", "t", "b", "x"], runtime.Log(id));
        Assert.Equal("dibatalkan", runtime.Variable(id, "alasan"));
        Assert.Empty(runtime.Instance(id).Subscriptions);
        Assert.Equal(0, runtime.Correlate("dokumen"));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void NonInterruptingMessageBoundary_TaskKeepsRunningAndStaysSubscribed()
    {
        var runtime = MessageBoundary(cancel: false);
        var id = runtime.Start("p");

        Assert.Equal(1, runtime.Correlate("dokumen", Bpmn.Vars(("n", 1))));
        Assert.Equal(["t", "x"], runtime.WaitingAt(id));
        Assert.Equal(1, runtime.Correlate("dokumen", Bpmn.Vars(("n", 2))));
        Assert.Equal(["t", "x", "x"], runtime.WaitingAt(id));
        Assert.Equal(2L, runtime.Variable(id, "n"));

        runtime.Complete(id, "t");
        Assert.Equal(0, runtime.Correlate("dokumen"));
        Assert.Equal(["x", "x"], runtime.WaitingAt(id));
        Assert.Equal(["s", "t", "b", "x", "b", "x", "e"], runtime.Log(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void MessageStartEvent_StartsAnInstanceWithVariables()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="ms">{Bpmn.MessageRef("m_mulai")}</bpmn:startEvent>
            {Bpmn.Task("t")}
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("ms->t->e")}
            """, extraRoot: Bpmn.Message("m_mulai", "mulai-persiapan")), out _);

        Assert.Empty(runtime.StartByMessage("lain"));
        var id = Assert.Single(runtime.StartByMessage("mulai-persiapan", Bpmn.Vars(("tahun", 2023)), businessKey: "kab-2023"));
        Assert.Equal(["ms", "t"], runtime.Log(id));
        Assert.Equal(["t"], runtime.WaitingAt(id));
        Assert.Equal(2023L, runtime.Variable(id, "tahun"));
        Assert.Equal("kab-2023", runtime.Instance(id).BusinessKey);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void MessageStartEvent_WithoutNoneStart_PlainStartIsRefused()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="ms">{Bpmn.MessageRef("m_mulai")}</bpmn:startEvent>
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("ms->e")}
            """, extraRoot: Bpmn.Message("m_mulai", "mulai")), out _);

        Assert.Throws<EngineException>(() => runtime.Start("p"));
        Assert.Empty(runtime.Instances);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void MessageNameWithExpression_IsEvaluatedWhenSubscribing()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            {Bpmn.CatchEvent("w", Bpmn.MessageRef("m_opd"))}
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->w->e")}
            """, extraRoot: Bpmn.Message("m_opd", "dokumen-${opd}")), out _);
        var dinkes = runtime.Start("p", Bpmn.Vars(("opd", "dinkes")));
        var bappeda = runtime.Start("p", Bpmn.Vars(("opd", "bappeda")));

        Assert.Equal(0, runtime.Correlate("dokumen-${opd}"));
        Assert.Equal(1, runtime.Correlate("dokumen-dinkes"));
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(dinkes).Status);
        Assert.Equal(["w"], runtime.WaitingAt(bappeda));

        runtime.AssertHistoryPairs();
    }

    private static InMemoryRuntime EventGatewayRace(out ManualTimeProvider clock) => Bpmn.Runtime(Bpmn.Process($"""
        <bpmn:startEvent id="s" />
        <bpmn:eventBasedGateway id="g" />
        {Bpmn.CatchEvent("tm", Bpmn.Timer("timeDuration", "P3D"))}
        {Bpmn.CatchEvent("mm", Bpmn.MessageRef("m_dok"))}
        {Bpmn.Task("late")}
        {Bpmn.Task("review")}
        <bpmn:endEvent id="e1" />
        <bpmn:endEvent id="e2" />
        {Bpmn.Flows("s->g->tm->late->e1", "g->mm->review->e2")}
        """, extraRoot: Dokumen), out clock);

    [Fact]
    public void EventGateway_MessageFirst_TimerWithdrawn()
    {
        var runtime = EventGatewayRace(out _);
        var id = runtime.Start("p");
        Assert.Equal(["g"], runtime.WaitingAt(id));
        Assert.Single(runtime.Instance(id).Timers);
        Assert.Single(runtime.Instance(id).Subscriptions);

        runtime.AdvanceClock(TimeSpan.FromDays(1));
        Assert.Equal(1, runtime.Correlate("dokumen"));
        Assert.Equal(["review"], runtime.WaitingAt(id));
        Assert.Empty(runtime.Instance(id).Timers);
        Assert.Empty(runtime.Instance(id).Subscriptions);

        Assert.Equal(0, runtime.AdvanceClock(TimeSpan.FromDays(10)));
        Assert.Equal(["s", "g", "mm", "review"], runtime.Log(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void EventGateway_TimerFirst_SubscriptionWithdrawn()
    {
        var runtime = EventGatewayRace(out _);
        var id = runtime.Start("p");

        Assert.Equal(1, runtime.AdvanceClock(TimeSpan.FromDays(3)));
        Assert.Equal(["late"], runtime.WaitingAt(id));
        Assert.Empty(runtime.Instance(id).Subscriptions);
        Assert.Empty(runtime.Instance(id).Timers);

        Assert.Equal(0, runtime.Correlate("dokumen"));
        Assert.Equal(["s", "g", "tm", "late"], runtime.Log(id));
        Assert.Equal(1, runtime.History.Count(h => h.InstanceId == id && h.Kind == HistoryKind.ActivityCompleted && h.NodeId == "g"));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void EventGatewayWithReceiveTask_MessageTakesTheReceiveTask()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:eventBasedGateway id="g" />
            {Bpmn.CatchEvent("tm", Bpmn.Timer("timeDuration", "P3D"))}
            <bpmn:receiveTask id="r" messageRef="m_dok" />
            <bpmn:endEvent id="e1" />
            <bpmn:endEvent id="e2" />
            {Bpmn.Flows("s->g->tm->e1", "g->r->e2")}
            """, extraRoot: Dokumen), out _);
        var id = runtime.Start("p");

        Assert.Equal(1, runtime.Correlate("dokumen", Bpmn.Vars(("ok", true))));
        Assert.Equal(["s", "g", "r", "e2"], runtime.Log(id));
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);
        Assert.Equal(true, runtime.Variable(id, "ok"));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void MessageCatchInsideMultiInstanceSubProcess_EachItemWaitsForItsOwnMessage()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:subProcess id="sp">
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="{"${opds}"}" camunda:elementVariable="opd" />
              <bpmn:startEvent id="ss" />
              {Bpmn.CatchEvent("w", Bpmn.MessageRef("m_opd"))}
              <bpmn:endEvent id="se" />
              {Bpmn.Flows("ss->w->se")}
            </bpmn:subProcess>
            {Bpmn.Task("t")}
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->sp->t->e")}
            """, extraRoot: Bpmn.Message("m_opd", "dokumen-${opd}")), out _);
        var id = runtime.Start("p", Bpmn.Vars(("opds", new List<object?> { "dinkes", "bappeda" })));
        Assert.Equal(["dokumen-bappeda", "dokumen-dinkes"], runtime.Instance(id).Subscriptions.Select(s => s.MessageName).Order(StringComparer.Ordinal));

        Assert.Equal(1, runtime.Correlate("dokumen-dinkes"));
        Assert.Equal(["w"], runtime.WaitingAt(id));
        Assert.Equal(1, runtime.Correlate("dokumen-bappeda"));
        Assert.Equal(["t"], runtime.WaitingAt(id));

        runtime.AssertHistoryPairs();
    }
}
