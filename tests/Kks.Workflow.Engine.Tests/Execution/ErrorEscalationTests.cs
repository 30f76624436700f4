using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine.Tests.Execution;

public sealed class ErrorEscalationTests
{
    private const string Errors = """
        <bpmn:error id="Err_GAGAL" name="Gagal" errorCode="GAGAL" />
        <bpmn:error id="Err_LAIN" name="Lain" errorCode="LAIN" />
        <bpmn:escalation id="Esc_TELAT" name="Terlambat" escalationCode="TERLAMBAT" />
        """;

    private static string ErrorDefinition(string? errorRef) =>
        errorRef is null ? "<bpmn:errorEventDefinition />" : $"""<bpmn:errorEventDefinition errorRef="{errorRef}" />""";

    /// <summary>A sub-process whose only path ends in an error end event throwing <paramref name="thrown"/>, with a specific and a catch-all boundary.</summary>
    private static InMemoryRuntime SubProcessThrowing(string thrown, bool withSpecific = true, bool withCatchAll = true) => Bpmn.Runtime(Bpmn.Process($"""
        <bpmn:startEvent id="s" />
        <bpmn:subProcess id="sp">
          <bpmn:startEvent id="ss" />
          {Bpmn.Task("k")}
          <bpmn:endEvent id="err">{ErrorDefinition(thrown)}</bpmn:endEvent>
          {Bpmn.Flows("ss->k->err")}
        </bpmn:subProcess>
        {(withSpecific ? Bpmn.Boundary("bSpecific", "sp", ErrorDefinition("Err_GAGAL")) : string.Empty)}
        {(withCatchAll ? Bpmn.Boundary("bAll", "sp", ErrorDefinition(null)) : string.Empty)}
        {Bpmn.Task("after")}
        {Bpmn.Task("fix")}
        {Bpmn.Task("other")}
        <bpmn:endEvent id="e" />
        {Bpmn.Flows("s->sp->after->e", "fix->e", "other->e")}
        {(withSpecific ? Bpmn.Flows("bSpecific->fix") : string.Empty)}
        {(withCatchAll ? Bpmn.Flows("bAll->other") : string.Empty)}
        """, extraRoot: Errors), out _);

    [Fact]
    public void ErrorEndInSubProcess_SpecificCodeWinsOverCatchAll()
    {
        var runtime = SubProcessThrowing("Err_GAGAL");
        var id = runtime.Start("p");
        Assert.Equal(["k"], runtime.WaitingAt(id));

        runtime.Complete(id, "k");
        Assert.Equal(["fix"], runtime.WaitingAt(id));
        Assert.Equal(["s", "sp", "ss", "k", "err", "bSpecific", "fix"], runtime.Log(id));
        Assert.Contains(runtime.History, h => h.Kind == HistoryKind.ErrorThrown && (string?)h.Data!["code"] == "GAGAL");
        Assert.Contains(runtime.History, h => h.Kind == HistoryKind.ActivityCancelled && h.NodeId == "sp");

        // Every activity instance ends exactly once in history (the error end completes; it is not also cancelled).
        var ends = runtime.History.Where(h => h.Kind is HistoryKind.ActivityCompleted or HistoryKind.ActivityCancelled).ToList();
        Assert.Equal(ends.Count, ends.Select(h => h.ActivityInstanceId).Distinct().Count());

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void ErrorEndInSubProcess_OtherCode_CaughtByCatchAll()
    {
        var runtime = SubProcessThrowing("Err_LAIN");
        var id = runtime.Start("p");

        runtime.Complete(id, "k");
        Assert.Equal(["other"], runtime.WaitingAt(id));
        Assert.Equal(["s", "sp", "ss", "k", "err", "bAll", "other"], runtime.Log(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void ErrorEndInSubProcess_OtherCodeWithoutCatchAll_EndsLikeNoneEnd()
    {
        // Camunda 7: an error no boundary catches ends its token as a none end event would; the
        // sub-process then completes normally.
        var runtime = SubProcessThrowing("Err_LAIN", withCatchAll: false);
        var id = runtime.Start("p");

        runtime.Complete(id, "k");
        Assert.Equal(["after"], runtime.WaitingAt(id));
        Assert.Equal(["s", "sp", "ss", "k", "err", "after"], runtime.Log(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void UncaughtErrorEndAtTopLevel_EndsTheInstanceLikeNoneEnd()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            {Bpmn.Task("t")}
            <bpmn:endEvent id="err">{ErrorDefinition("Err_GAGAL")}</bpmn:endEvent>
            {Bpmn.Flows("s->t->err")}
            """, extraRoot: Errors), out _);
        var id = runtime.Start("p");

        runtime.Complete(id, "t");
        Assert.Equal(["s", "t", "err"], runtime.Log(id));
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);
        Assert.Empty(runtime.WaitingAt(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void ExternalTaskBpmnError_CaughtByBoundaryOnTheServiceTask()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:serviceTask id="st" camunda:type="external" camunda:topic="verifikasi" />
            {Bpmn.Boundary("b", "st", ErrorDefinition("Err_GAGAL"))}
            {Bpmn.Task("fix")}
            <bpmn:endEvent id="e" />
            <bpmn:endEvent id="fe" />
            {Bpmn.Flows("s->st->e", "b->fix->fe")}
            """, extraRoot: Errors), out _);
        var id = runtime.Start("p");
        var job = Assert.Single(runtime.ExternalTasks("verifikasi"));

        runtime.ThrowBpmnError(job.Id, "GAGAL", "dokumen tidak lengkap");
        Assert.Equal(["fix"], runtime.WaitingAt(id));
        Assert.Equal(["s", "st", "b", "fix"], runtime.Log(id));
        Assert.Empty(runtime.ExternalTasks());
        Assert.Equal("dokumen tidak lengkap", runtime.Variable(id, "errorMessage"));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void ExternalTaskBpmnError_NoMatchingBoundary_EndsLikeNoneEnd()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:serviceTask id="st" camunda:type="external" camunda:topic="verifikasi" />
            {Bpmn.Boundary("b", "st", ErrorDefinition("Err_GAGAL"))}
            {Bpmn.Task("after")}
            <bpmn:endEvent id="e" />
            <bpmn:endEvent id="fe" />
            {Bpmn.Flows("s->st->after->e", "b->fe")}
            """, extraRoot: Errors), out _);
        var id = runtime.Start("p");

        runtime.ThrowBpmnError(Assert.Single(runtime.ExternalTasks()).Id, "LAIN");
        Assert.Equal(["s", "st"], runtime.Log(id));
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void EscalationEndInSubProcess_NonInterruptingBoundary_SubProcessKeepsRunning()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:subProcess id="sp">
              <bpmn:startEvent id="ss" />
              {Bpmn.Task("k")}
              <bpmn:endEvent id="esc"><bpmn:escalationEventDefinition escalationRef="Esc_TELAT" /></bpmn:endEvent>
              <bpmn:endEvent id="se" />
              {Bpmn.Flows("ss->k->se", "ss->esc")}
            </bpmn:subProcess>
            {Bpmn.Boundary("b", "sp", """<bpmn:escalationEventDefinition escalationRef="Esc_TELAT" />""", cancel: false)}
            {Bpmn.Task("notify", "kadis")}
            {Bpmn.Task("after")}
            <bpmn:endEvent id="e" />
            <bpmn:endEvent id="ne" />
            {Bpmn.Flows("s->sp->after->e", "b->notify->ne")}
            """, extraRoot: Errors), out _);
        var id = runtime.Start("p");

        Assert.Equal(["k", "notify"], runtime.WaitingAt(id));
        Assert.Contains(runtime.History, h => h.Kind == HistoryKind.EscalationThrown && (string?)h.Data!["code"] == "TERLAMBAT");
        Assert.DoesNotContain(runtime.History, h => h.Kind == HistoryKind.ActivityCancelled);

        runtime.Complete(id, "k");
        Assert.Equal(["after", "notify"], runtime.WaitingAt(id));
        runtime.Complete(id, "notify");
        runtime.Complete(id, "after");
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);
        // The split after "ss" is taken in the engine's order; only which nodes ran is asserted for it.
        Assert.Equal(["s", "sp", "ss"], runtime.Log(id).Take(3));
        Assert.Equal(["after", "b", "e", "esc", "k", "ne", "notify", "se"], runtime.Log(id).Skip(3).Order(StringComparer.Ordinal));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void EscalationUncaught_IsIgnored()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            {Bpmn.Task("t")}
            <bpmn:endEvent id="esc"><bpmn:escalationEventDefinition escalationRef="Esc_TELAT" /></bpmn:endEvent>
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->t->e", "s->esc")}
            """, extraRoot: Errors), out _);
        var id = runtime.Start("p");

        Assert.Equal(["t"], runtime.WaitingAt(id));
        runtime.Complete(id, "t");
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void ErrorBoundaryOnMultiInstanceServiceTask_OneItemThrows_AllItemsCancelled()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:serviceTask id="st" camunda:type="external" camunda:topic="cek">
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="{"${opds}"}" camunda:elementVariable="opd" />
            </bpmn:serviceTask>
            {Bpmn.Boundary("b", "st", ErrorDefinition(null))}
            {Bpmn.Task("fix")}
            <bpmn:endEvent id="e" />
            <bpmn:endEvent id="fe" />
            {Bpmn.Flows("s->st->e", "b->fix->fe")}
            """, extraRoot: Errors), out _);
        var id = runtime.Start("p", Bpmn.Vars(("opds", new List<object?> { "bappeda", "dinkes", "dlh" })));
        var jobs = runtime.ExternalTasks("cek");
        Assert.Equal(3, jobs.Count);

        runtime.CompleteExternalTask(jobs[0].Id);
        runtime.ThrowBpmnError(jobs[1].Id, "GAGAL");
        Assert.Equal(["fix"], runtime.WaitingAt(id));
        Assert.Empty(runtime.ExternalTasks());
        Assert.Equal(2, runtime.Instance(id).Executions.Count);
        Assert.Equal(["s", "st", "st", "st", "st", "b", "fix"], runtime.Log(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void ErrorBoundaryOnMultiInstanceSubProcess_ErrorEndInOneItem_AllItemsCancelled()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:subProcess id="sp">
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="{"${opds}"}" camunda:elementVariable="opd" />
              <bpmn:startEvent id="ss" />
              {Bpmn.Task("k", "${opd}")}
              <bpmn:endEvent id="err">{ErrorDefinition("Err_GAGAL")}</bpmn:endEvent>
              {Bpmn.Flows("ss->k->err")}
            </bpmn:subProcess>
            {Bpmn.Boundary("b", "sp", ErrorDefinition("Err_GAGAL"))}
            {Bpmn.Task("fix")}
            <bpmn:endEvent id="e" />
            <bpmn:endEvent id="fe" />
            {Bpmn.Flows("s->sp->e", "b->fix->fe")}
            """, extraRoot: Errors), out _);
        var id = runtime.Start("p", Bpmn.Vars(("opds", new List<object?> { "bappeda", "dinkes" })));
        Assert.Equal(["k", "k"], runtime.WaitingAt(id));

        runtime.CompleteTask(runtime.TasksOf("dinkes").Single().Id);
        Assert.Equal(["fix"], runtime.WaitingAt(id));
        Assert.Equal(["fix"], runtime.Tasks(id).Select(t => t.NodeId));
        Assert.Equal(2, runtime.Instance(id).Executions.Count);
        var ends = runtime.History.Where(h => h.Kind is HistoryKind.ActivityCompleted or HistoryKind.ActivityCancelled).ToList();
        Assert.Equal(ends.Count, ends.Select(h => h.ActivityInstanceId).Distinct().Count());
        Assert.Contains(ends, h => h.Kind == HistoryKind.ActivityCompleted && h.NodeId == "err");
        Assert.DoesNotContain(ends, h => h.Kind == HistoryKind.ActivityCancelled && h.NodeId == "err");

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void ExternalTaskErrorInsideSubProcess_CaughtByBoundaryOnTheSubProcess()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:subProcess id="sp">
              <bpmn:startEvent id="ss" />
              <bpmn:serviceTask id="st" camunda:type="external" camunda:topic="cek" />
              {Bpmn.Task("k")}
              <bpmn:endEvent id="se" />
              {Bpmn.Flows("ss->st->se", "ss->k->se")}
            </bpmn:subProcess>
            {Bpmn.Boundary("b", "sp", ErrorDefinition("Err_GAGAL"))}
            {Bpmn.Task("fix")}
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->sp->e", "b->fix->e")}
            """, extraRoot: Errors), out _);
        var id = runtime.Start("p");
        Assert.Equal(["k", "st"], runtime.WaitingAt(id));

        runtime.ThrowBpmnError(runtime.ExternalTasks("cek").Single().Id, "GAGAL");
        Assert.Equal(["fix"], runtime.WaitingAt(id));
        Assert.Equal(["fix"], runtime.Tasks(id).Select(t => t.NodeId));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void EscalationEndInSubProcess_InterruptingBoundary_CancelsTheSubProcess()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:subProcess id="sp">
              <bpmn:startEvent id="ss" />
              {Bpmn.Task("k")}
              {Bpmn.Task("k2")}
              <bpmn:endEvent id="esc"><bpmn:escalationEventDefinition escalationRef="Esc_TELAT" /></bpmn:endEvent>
              <bpmn:endEvent id="se" />
              {Bpmn.Flows("ss->k->esc", "ss->k2->se")}
            </bpmn:subProcess>
            {Bpmn.Boundary("b", "sp", """<bpmn:escalationEventDefinition escalationRef="Esc_TELAT" />""")}
            {Bpmn.Task("notify", "kadis")}
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->sp->e", "b->notify->e")}
            """, extraRoot: Errors), out _);
        var id = runtime.Start("p");
        Assert.Equal(["k", "k2"], runtime.WaitingAt(id));

        runtime.Complete(id, "k");
        Assert.Equal(["notify"], runtime.WaitingAt(id));
        Assert.Equal(["notify"], runtime.Tasks(id).Select(t => t.NodeId));
        runtime.Complete(id, "notify");
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);
        Assert.Equal(1, runtime.Count(id, "e"));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void UncaughtErrorFromExternalTask_WithdrawsItsOtherBoundaryEvents()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:serviceTask id="st" camunda:type="external" camunda:topic="cek" />
            {Bpmn.Boundary("bt", "st", Bpmn.Timer("timeDuration", "P1D"))}
            {Bpmn.Boundary("bm", "st", Bpmn.MessageRef("m"), cancel: false)}
            {Bpmn.Task("t")}
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->st->e", "bt->t->e", "bm->e")}
            """, extraRoot: Errors + Bpmn.Message("m", "batal")), out _);
        var id = runtime.Start("p");
        Assert.Single(runtime.Instance(id).Timers);
        Assert.Single(runtime.Instance(id).Subscriptions);

        runtime.ThrowBpmnError(runtime.ExternalTasks().Single().Id, "TIDAK_ADA_PENANGKAP");
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);
        Assert.Empty(runtime.Instance(id).Timers);
        Assert.Empty(runtime.Instance(id).Subscriptions);
        Assert.Equal(0, runtime.AdvanceClock(TimeSpan.FromDays(2)));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void UncaughtErrorFromExternalTaskInParallel_OtherPathCarriesOnWithoutStrayTimers()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:serviceTask id="st" camunda:type="external" camunda:topic="cek" />
            {Bpmn.Boundary("bt", "st", Bpmn.Timer("timeDuration", "P1D"))}
            {Bpmn.Task("k")}
            {Bpmn.Task("t")}
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->st->e", "s->k->e", "bt->t->e")}
            """, extraRoot: Errors), out _);
        var id = runtime.Start("p");

        runtime.ThrowBpmnError(runtime.ExternalTasks().Single().Id, "TIDAK_ADA_PENANGKAP");
        Assert.Equal(["k"], runtime.WaitingAt(id));
        Assert.Equal(0, runtime.AdvanceClock(TimeSpan.FromDays(2)));
        Assert.Equal(["k"], runtime.WaitingAt(id));
        runtime.Complete(id, "k");
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void UncaughtErrorFromMultiInstanceItem_ItemEndsAndTheOthersStillComplete()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:serviceTask id="st" camunda:type="external" camunda:topic="cek">
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="{"${opds}"}" camunda:elementVariable="opd" />
            </bpmn:serviceTask>
            {Bpmn.Task("t")}
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->st->t->e")}
            """, extraRoot: Errors), out _);
        var id = runtime.Start("p", Bpmn.Vars(("opds", new List<object?> { "dinkes", "bappeda" })));
        var jobs = runtime.ExternalTasks("cek");

        runtime.ThrowBpmnError(jobs[0].Id, "TIDAK_ADA_PENANGKAP");
        runtime.CompleteExternalTask(jobs[1].Id);
        Assert.Equal(["t"], runtime.WaitingAt(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void TerminateEnd_EndsTheInstanceAndCancelsTheOtherTokensOnce()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            {Bpmn.Task("t")}
            {Bpmn.Task("k")}
            <bpmn:endEvent id="term"><bpmn:terminateEventDefinition /></bpmn:endEvent>
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->t->term", "s->k->e")}
            """), out _);
        var id = runtime.Start("p");
        Assert.Equal(["k", "t"], runtime.WaitingAt(id));

        runtime.Complete(id, "t");
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);
        Assert.Empty(runtime.Tasks());
        Assert.Contains(runtime.History, h => h.Kind == HistoryKind.ActivityCompleted && h.NodeId == "term");
        Assert.DoesNotContain(runtime.History, h => h.Kind == HistoryKind.ActivityCancelled && h.NodeId == "term");
        Assert.Contains(runtime.History, h => h.Kind == HistoryKind.ActivityCancelled && h.NodeId == "k");

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void TerminateEndInSubProcess_EndsOnlyTheSubProcess()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:subProcess id="sp">
              <bpmn:startEvent id="ss" />
              {Bpmn.Task("k")}
              {Bpmn.Task("k2")}
              <bpmn:endEvent id="term"><bpmn:terminateEventDefinition /></bpmn:endEvent>
              <bpmn:endEvent id="se" />
              {Bpmn.Flows("ss->k->term", "ss->k2->se")}
            </bpmn:subProcess>
            {Bpmn.Task("after")}
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->sp->after->e")}
            """), out _);
        var id = runtime.Start("p");

        runtime.Complete(id, "k");
        Assert.Equal(["after"], runtime.WaitingAt(id));
        Assert.Equal(["after"], runtime.Tasks(id).Select(t => t.NodeId));

        runtime.AssertHistoryPairs();
    }
}
