using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine.Tests.Execution;

public sealed class ServiceTaskTests
{
    private static InMemoryRuntime Around(string task, string extraRoot = "") => Bpmn.Runtime(Bpmn.Process($"""
        <bpmn:startEvent id="s" />
        {task}
        {Bpmn.Task("t")}
        <bpmn:endEvent id="e" />
        {Bpmn.Flows("s->st->t->e")}
        """, extraRoot: extraRoot), out _);

    private static InMemoryRuntime External(string topic = "verifikasi") =>
        Around($"""<bpmn:serviceTask id="st" camunda:type="external" camunda:topic="{topic}" />""");

    // ---- external tasks --------------------------------------------------------------------------

    [Fact]
    public void ExternalTask_WaitsOnItsTopicAndCompletesWithVariables()
    {
        var runtime = External();
        var id = runtime.Start("p");
        Assert.Equal(["st"], runtime.WaitingAt(id));
        Assert.Empty(runtime.ExternalTasks("lain"));
        var job = Assert.Single(runtime.ExternalTasks("verifikasi"));
        Assert.Equal(JobKind.ExternalTask, job.Kind);
        Assert.Equal(3, job.Retries);

        runtime.CompleteExternalTask(job.Id, Bpmn.Vars(("skor", 87.5)));
        Assert.Equal(["t"], runtime.WaitingAt(id));
        Assert.Equal(87.5, runtime.Variable(id, "skor"));
        Assert.Equal(["s", "st", "t"], runtime.Log(id));
        Assert.Empty(runtime.ExternalTasks());

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void ExternalTaskTopicExpression_EvaluatedOnArrival()
    {
        var runtime = External("${topik}");
        runtime.Start("p", Bpmn.Vars(("topik", "kirim-surat")));
        Assert.Single(runtime.ExternalTasks("kirim-surat"));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void ExternalTask_FailuresThenIncident_SetRetriesResolvesAndItCompletes()
    {
        var runtime = External();
        var id = runtime.Start("p");
        var job = runtime.ExternalTasks().Single().Id;

        runtime.FailExternalTask(job, "SMTP tidak tersedia", 2);
        Assert.Equal(2, runtime.ExternalTasks().Single().Retries);
        Assert.Empty(runtime.Instance(id).Incidents);

        runtime.FailExternalTask(job, "SMTP tidak tersedia", 0);
        Assert.Empty(runtime.ExternalTasks()); // no longer offered to workers
        var incident = Assert.Single(runtime.Instance(id).Incidents);
        Assert.Equal("failedExternalTask", incident.Type);
        Assert.Equal(job, incident.JobId);
        Assert.Equal("SMTP tidak tersedia", incident.Message);
        Assert.Equal(["st"], runtime.WaitingAt(id));

        runtime.Execute(id, new SetJobRetries(job, 1));
        Assert.Empty(runtime.Instance(id).Incidents);
        Assert.Single(runtime.ExternalTasks());
        Assert.Contains(runtime.History, h => h.Kind == HistoryKind.IncidentResolved);

        runtime.CompleteExternalTask(job);
        Assert.Equal(["t"], runtime.WaitingAt(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void ExternalTask_CompletingUnknownJob_Refused()
    {
        var runtime = External();
        var id = runtime.Start("p");
        var job = runtime.ExternalTasks().Single().Id;
        runtime.CompleteExternalTask(job);

        Assert.Throws<EngineException>(() => runtime.CompleteExternalTask(job));
        Assert.Throws<EngineException>(() => runtime.Execute(id, new CompleteJob(job)));

        runtime.AssertHistoryPairs();
    }

    // ---- handlers --------------------------------------------------------------------------------

    [Fact]
    public void HandlerServiceTask_OutputVariablesAndInputParameters()
    {
        var runtime = Around("""
            <bpmn:serviceTask id="st" camunda:delegateExpression="${hitung}">
              <bpmn:extensionElements><camunda:inputOutput>
                <camunda:inputParameter name="penerima">${opd}</camunda:inputParameter>
                <camunda:inputParameter name="jumlah">${3}</camunda:inputParameter>
              </camunda:inputOutput></bpmn:extensionElements>
            </bpmn:serviceTask>
            """);
        JobState? seen = null;
        runtime.RegisterHandler("hitung", (job, _) =>
        {
            seen = job;
            return Bpmn.Vars(("hasil", $"{job.Inputs!["penerima"]}:{job.Inputs["jumlah"]}"));
        });

        var id = runtime.Start("p", Bpmn.Vars(("opd", "dinkes")));
        Assert.NotNull(seen);
        Assert.Equal(JobKind.Handler, seen.Kind);
        Assert.Equal("hitung", seen.HandlerName);
        Assert.Equal("dinkes:3", runtime.Variable(id, "hasil"));
        Assert.Null(runtime.Variable(id, "penerima")); // inputs are local to the task
        Assert.Equal(["t"], runtime.WaitingAt(id));
        Assert.Equal(["s", "st", "t"], runtime.Log(id));
        Assert.Empty(runtime.Instance(id).Jobs);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void SendTask_RunsItsHandlerLikeAServiceTask()
    {
        var runtime = Around("""<bpmn:sendTask id="st" camunda:delegateExpression="${mail}" />""");
        var sent = 0;
        runtime.RegisterHandler("mail", (_, _) =>
        {
            sent++;
            return null;
        });

        var id = runtime.Start("p");
        Assert.Equal(1, sent);
        Assert.Equal(["t"], runtime.WaitingAt(id));
        Assert.Equal(["s", "st", "t"], runtime.Log(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void HandlerThrowing_UsesUpRetriesThenIncident_SetRetriesRunsItAgain()
    {
        var runtime = Around("""<bpmn:serviceTask id="st" camunda:delegateExpression="${mail}" />""");
        var calls = 0;
        var broken = true;
        runtime.RegisterHandler("mail", (_, _) =>
        {
            calls++;
            return broken ? throw new InvalidOperationException("SMTP mati") : null;
        });

        var id = runtime.Start("p");
        Assert.Equal(1, calls);
        Assert.Equal(2, runtime.Instance(id).Jobs.Single().Retries);

        Assert.Equal(2, runtime.RunJobs());
        Assert.Equal(3, calls);
        var job = runtime.Instance(id).Jobs.Single();
        Assert.Equal(0, job.Retries);
        Assert.Equal("SMTP mati", job.ErrorMessage);
        var incident = Assert.Single(runtime.Instance(id).Incidents);
        Assert.Equal("failedJob", incident.Type);
        Assert.Equal(0, runtime.RunJobs());
        Assert.Equal(["st"], runtime.WaitingAt(id));

        broken = false;
        runtime.Execute(id, new SetJobRetries(job.Id, 1));
        Assert.Empty(runtime.Instance(id).Incidents);
        Assert.Equal(1, runtime.RunJobs());
        Assert.Equal(["t"], runtime.WaitingAt(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void HandlerNotRegistered_BecomesAnIncident()
    {
        var runtime = Around("""<bpmn:serviceTask id="st" camunda:delegateExpression="${tidakAda}" />""");
        var id = runtime.Start("p");
        runtime.RunJobs();

        Assert.Single(runtime.Instance(id).Incidents);
        Assert.Equal(["st"], runtime.WaitingAt(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void HandlerRetryCycle_SetsTheRetriesAndWaitsItsIntervalBeforeEach()
    {
        var runtime = Around("""
            <bpmn:serviceTask id="st" camunda:delegateExpression="${mail}">
              <bpmn:extensionElements><camunda:failedJobRetryTimeCycle>R5/PT10M</camunda:failedJobRetryTimeCycle></bpmn:extensionElements>
            </bpmn:serviceTask>
            """);
        var calls = 0;
        runtime.RegisterHandler("mail", (_, _) => throw new InvalidOperationException("mati " + ++calls));
        var id = runtime.Start("p");
        Assert.Equal(1, calls);
        Assert.Equal(Bpmn.Monday.AddMinutes(10), runtime.Instance(id).Jobs.Single().DueAt);

        for (var attempt = 2; attempt <= 5; attempt++)
        {
            runtime.AdvanceClock(TimeSpan.FromMinutes(9));
            Assert.Equal(attempt - 1, calls);
            runtime.AdvanceClock(TimeSpan.FromMinutes(1));
            Assert.Equal(attempt, calls);
        }

        Assert.Single(runtime.Instance(id).Incidents);
        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void HandlerRetryCycleList_WaitsTheNthIntervalBeforeTheNthRetry()
    {
        var runtime = Around("""
            <bpmn:serviceTask id="st" camunda:delegateExpression="${mail}">
              <bpmn:extensionElements><camunda:failedJobRetryTimeCycle>PT1M,PT5M,PT1H</camunda:failedJobRetryTimeCycle></bpmn:extensionElements>
            </bpmn:serviceTask>
            """);
        var calls = 0;
        runtime.RegisterHandler("mail", (_, _) => throw new InvalidOperationException("mati " + ++calls));
        var id = runtime.Start("p");
        Assert.Equal(Bpmn.Monday.AddMinutes(1), runtime.Instance(id).Jobs.Single().DueAt);
        runtime.AdvanceClock(TimeSpan.FromMinutes(1));
        Assert.Equal(2, calls);
        Assert.Equal(Bpmn.Monday.AddMinutes(6), runtime.Instance(id).Jobs.Single().DueAt);
        runtime.AdvanceClock(TimeSpan.FromMinutes(5));
        Assert.Equal(3, calls);
        Assert.Single(runtime.Instance(id).Incidents); // three retries in all: the list has three intervals
    }

    [Fact]
    public void HandlerBpmnError_CaughtByErrorBoundary()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:serviceTask id="st" camunda:delegateExpression="{"${cek}"}" />
            {Bpmn.Boundary("b", "st", """<bpmn:errorEventDefinition errorRef="Err" />""")}
            {Bpmn.Task("t")}
            {Bpmn.Task("fix")}
            <bpmn:endEvent id="e" />
            <bpmn:endEvent id="fe" />
            {Bpmn.Flows("s->st->t->e", "b->fix->fe")}
            """, extraRoot: """<bpmn:error id="Err" errorCode="TIDAK_LENGKAP" />"""), out _);
        runtime.RegisterHandler("cek", (_, _) => throw new BpmnErrorException("TIDAK_LENGKAP", "berkas kurang"));

        var id = runtime.Start("p");
        Assert.Equal(["fix"], runtime.WaitingAt(id));
        Assert.Equal(["s", "st", "b", "fix"], runtime.Log(id));
        Assert.Empty(runtime.Instance(id).Jobs);
        Assert.Empty(runtime.Instance(id).Incidents);

        runtime.AssertHistoryPairs();
    }

    // ---- async continuations ---------------------------------------------------------------------

    private static InMemoryRuntime AsyncUserTask(string async)
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            {Bpmn.Task("u", extra: async)}
            {Bpmn.Task("t")}
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->u->t->e")}
            """), out _);
        runtime.RunJobsAutomatically = false;
        return runtime;
    }

    [Fact]
    public void AsyncBeforeOnUserTask_JobFirstThenTask()
    {
        var runtime = AsyncUserTask("""camunda:asyncBefore="true" """);
        var id = runtime.Start("p");
        Assert.Empty(runtime.Tasks(id));
        Assert.Equal(JobKind.AsyncBefore, Assert.Single(runtime.Instance(id).Jobs).Kind);
        Assert.Equal(["u"], runtime.WaitingAt(id));

        Assert.Equal(1, runtime.RunJobs());
        Assert.Equal("u", Assert.Single(runtime.Tasks(id)).NodeId);
        Assert.Empty(runtime.Instance(id).Jobs);
        Assert.Equal(["s", "u"], runtime.Log(id));

        runtime.Complete(id, "u");
        Assert.Equal(["s", "u", "t"], runtime.Log(id));
        var started = runtime.History.Single(h => h.Kind == HistoryKind.ActivityStarted && h.NodeId == "u");
        var completed = runtime.History.Single(h => h.Kind == HistoryKind.ActivityCompleted && h.NodeId == "u");
        Assert.Equal(started.ActivityInstanceId, completed.ActivityInstanceId);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void AsyncBeforeRunAutomatically_TaskAtOnce()
    {
        var runtime = AsyncUserTask("""camunda:asyncBefore="true" """);
        runtime.RunJobsAutomatically = true;
        var id = runtime.Start("p");
        Assert.Equal("u", Assert.Single(runtime.Tasks(id)).NodeId);
        Assert.Equal(["s", "u"], runtime.Log(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void AsyncAfterOnUserTask_LeavesInItsOwnJob()
    {
        var runtime = AsyncUserTask("""camunda:asyncAfter="true" """);
        var id = runtime.Start("p");
        Assert.Empty(runtime.Instance(id).Jobs);

        runtime.Complete(id, "u");
        Assert.Empty(runtime.Tasks(id));
        Assert.Equal(JobKind.AsyncAfter, Assert.Single(runtime.Instance(id).Jobs).Kind);
        Assert.Equal(["s", "u"], runtime.Log(id));
        Assert.Equal(0, runtime.History.Count(h => h.InstanceId == id && h.Kind == HistoryKind.ActivityCompleted && h.NodeId == "u"));

        Assert.Equal(1, runtime.RunJobs());
        Assert.Equal(["t"], runtime.WaitingAt(id));
        Assert.Equal(["s", "u", "t"], runtime.Log(id));
        Assert.Equal(1, runtime.History.Count(h => h.InstanceId == id && h.Kind == HistoryKind.ActivityCompleted && h.NodeId == "u"));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void AsyncBeforeOnExternalTask_JobThenTopic()
    {
        var runtime = Around("""<bpmn:serviceTask id="st" camunda:type="external" camunda:topic="cek" camunda:asyncBefore="true" />""");
        runtime.RunJobsAutomatically = false;
        var id = runtime.Start("p");
        Assert.Empty(runtime.ExternalTasks());

        runtime.RunJobs();
        runtime.CompleteExternalTask(runtime.ExternalTasks("cek").Single().Id);
        Assert.Equal(["s", "st", "t"], runtime.Log(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void AsyncBeforeContinuationFails_RetriesThenIncident_NotAnExceptionToTheCaller()
    {
        // The continuation runs in its own job (Camunda's own transaction): its failure uses up the job's
        // retries and ends in an incident; the command that created the job has already succeeded.
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="u" camunda:candidateGroups="dinkes" camunda:asyncBefore="true" camunda:dueDate="{"${batas}"}" />
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->u->e")}
            """), out _);
        var id = runtime.Start("p", Bpmn.Vars(("batas", "besok")));
        Assert.Equal(2, runtime.Instance(id).Jobs.Single().Retries);

        Assert.Equal(2, runtime.RunJobs());
        var job = runtime.Instance(id).Jobs.Single();
        Assert.Equal(0, job.Retries);
        Assert.Contains("dueDate", Assert.Single(runtime.Instance(id).Incidents).Message, StringComparison.Ordinal);
        Assert.Empty(runtime.Tasks(id));

        runtime.Execute(id, new SetVariables(Bpmn.Vars(("batas", "P3D"))));
        runtime.Execute(id, new SetJobRetries(job.Id, 1));
        Assert.Equal(1, runtime.RunJobs());
        Assert.Equal(Bpmn.Monday.AddDays(3), runtime.Tasks(id).Single().DueDate);
        Assert.Equal(["s", "u"], runtime.Log(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void HandlerSucceedsButWhatFollowsFails_JobRetriedNotCompleted()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:serviceTask id="st" camunda:delegateExpression="{"${mail}"}" />
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->st->e:${terkirim}")}
            """), out _);
        var calls = 0;
        runtime.RegisterHandler("mail", (_, _) =>
        {
            calls++;
            return calls < 3 ? null : Bpmn.Vars(("terkirim", true));
        });

        var id = runtime.Start("p");
        Assert.Equal(["st"], runtime.WaitingAt(id));
        Assert.Equal(2, runtime.Instance(id).Jobs.Single().Retries);

        runtime.RunJobs();
        Assert.Equal(3, calls);
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);
        Assert.Empty(runtime.Instance(id).Incidents);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void ExternalTaskFailedWithRetryTimeout_OfferedAgainOnlyAfterIt()
    {
        var runtime = External();
        var id = runtime.Start("p");
        var job = runtime.ExternalTasks().Single().Id;

        runtime.Execute(id, new FailJob(job, "sibuk", 2, TimeSpan.FromMinutes(5)));
        Assert.Empty(runtime.ExternalTasks());
        runtime.AdvanceClock(TimeSpan.FromMinutes(4));
        Assert.Empty(runtime.ExternalTasks());
        runtime.AdvanceClock(TimeSpan.FromMinutes(1));
        Assert.Equal(job, runtime.ExternalTasks("verifikasi").Single().Id);

        runtime.CompleteExternalTask(job);
        Assert.Equal(["t"], runtime.WaitingAt(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void HandlerOnMultiInstanceTask_EachItemSeesItsElementAndInputs()
    {
        var runtime = Around("""
            <bpmn:serviceTask id="st" camunda:delegateExpression="${mail}">
              <bpmn:extensionElements><camunda:inputOutput>
                <camunda:inputParameter name="subjek">Pengingat</camunda:inputParameter>
              </camunda:inputOutput></bpmn:extensionElements>
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="${opds}" camunda:elementVariable="opd" />
            </bpmn:serviceTask>
            """);
        var seen = new List<string>();
        runtime.RegisterHandler("mail", (job, _) =>
        {
            seen.Add($"{job.Inputs!["subjek"]} {job.Inputs["opd"]}");
            return null;
        });

        var id = runtime.Start("p", Bpmn.Vars(("opds", new List<object?> { "dinkes", "bappeda" })));
        Assert.Equal(["Pengingat bappeda", "Pengingat dinkes"], seen.Order(StringComparer.Ordinal));
        Assert.Equal(["t"], runtime.WaitingAt(id));

        runtime.AssertHistoryPairs();
    }
}
