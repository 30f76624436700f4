using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine.Tests.Execution;

public sealed class TaskTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    /// <summary>One user task "t" with the given attributes (and inner XML) between a start and an end.</summary>
    private static InMemoryRuntime OneTask(string attributes, string inner = "") => Bpmn.Runtime(Bpmn.Process($"""
        <bpmn:startEvent id="s" />
        <bpmn:userTask id="t" {attributes}>{inner}</bpmn:userTask>
        <bpmn:endEvent id="e" />
        {Bpmn.Flows("s->t->e")}
        """), out _);

    private static UserTaskState StartOne(string attributes, params (string Name, object? Value)[] variables)
    {
        // The validator refuses a task nobody is assigned to.
        var runtime = OneTask(attributes.Contains("camunda:candidate", StringComparison.Ordinal) || attributes.Contains("camunda:assignee", StringComparison.Ordinal)
            ? attributes
            : attributes + """ camunda:candidateGroups="dinkes" """);
        var id = runtime.Start("p", Bpmn.Vars(variables));
        return Assert.Single(runtime.Tasks(id));
    }

    [Fact]
    public void AssignmentFromExpressions_CommaListsAndListValuesMerged()
    {
        var task = StartOne(
            """camunda:assignee="${pic}" camunda:candidateUsers="${pengguna}, budi" camunda:candidateGroups="${opds}" """,
            ("pic", "siti"),
            ("pengguna", "ani, joko"),
            ("opds", new List<object?> { "dinkes", "bappeda", "dinkes" }));

        Assert.Equal("siti", task.Assignee);
        Assert.Equal(["ani", "joko", "budi"], task.CandidateUsers);
        Assert.Equal(["dinkes", "bappeda"], task.CandidateGroups);
    }

    [Fact]
    public void CandidateGroups_OpdCodeAndLiteralGroup_BothGroups()
    {
        var runtime = OneTask("""camunda:candidateGroups="${opd},sekretariat" """);
        var id = runtime.Start("p", Bpmn.Vars(("opd", "dinkes")));

        var task = Assert.Single(runtime.TasksOf("dinkes"));
        Assert.Equal(["dinkes", "sekretariat"], task.CandidateGroups);
        Assert.Same(task, Assert.Single(runtime.TasksOf("sekretariat")));
        Assert.Empty(runtime.TasksOf("bappeda"));
        Assert.Null(task.Assignee);
        Assert.Equal(["t"], runtime.WaitingAt(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void EmptyAssigneeExpression_LeavesTaskUnassigned()
    {
        var task = StartOne("""camunda:assignee="${pic}" camunda:candidateGroups="dinkes" """, ("pic", ""));
        Assert.Null(task.Assignee);
    }

    [Fact]
    public void DueDateIsoDate_IsTheDueDate()
    {
        var task = StartOne("""camunda:dueDate="2023-03-24T16:00:00+07:00" """);
        Assert.Equal(new DateTimeOffset(2023, 3, 24, 16, 0, 0, Wib), task.DueDate);
    }

    [Fact]
    public void DueDateWithoutOffset_ReadInWib()
    {
        var task = StartOne("""camunda:dueDate="2023-03-24T16:00:00" """);
        Assert.Equal(new DateTimeOffset(2023, 3, 24, 16, 0, 0, Wib), task.DueDate);
    }

    [Fact]
    public void DueDateIsoDuration_CountsFromTaskCreation()
    {
        var task = StartOne("""camunda:dueDate="P5D" """);
        Assert.Equal(Bpmn.Monday.AddDays(5), task.DueDate);
        Assert.Equal(Bpmn.Monday, task.Created);
    }

    [Fact]
    public void DueDateFiveWorkingDays_SkipsTheWeekend()
    {
        var task = StartOne("""camunda:dueDate="${addWorkingDays(now(), 5)}" """);
        Assert.Equal(new DateTimeOffset(2023, 2, 20, 8, 0, 0, Wib), task.DueDate);
    }

    [Fact]
    public void DueDateFromDateVariable_IsThatDate()
    {
        var due = new DateTimeOffset(2023, 4, 1, 12, 0, 0, Wib);
        var task = StartOne("""camunda:dueDate="${batas}" """, ("batas", due));
        Assert.Equal(due, task.DueDate);
    }

    [Fact]
    public void DueDateNotADate_RefusedNamingTheElement()
    {
        var runtime = OneTask("""camunda:candidateGroups="dinkes" camunda:dueDate="${batas}" """);
        var error = Assert.Throws<EngineException>(() => runtime.Start("p", Bpmn.Vars(("batas", "besok"))));
        Assert.Contains("'t'", error.Message, StringComparison.Ordinal);
        Assert.Empty(runtime.Instances);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void FollowUpPriorityFormKeyAndName_EvaluatedOnTheTask()
    {
        var task = StartOne(
            """name="Unggah bukti ${opd}" camunda:followUpDate="P2D" camunda:priority="${prioritas}" camunda:formKey="embedded:app:forms/unggah.html" """,
            ("opd", "dinkes"),
            ("prioritas", 80));

        Assert.Equal("Unggah bukti dinkes", task.Name);
        Assert.Equal(Bpmn.Monday.AddDays(2), task.FollowUpDate);
        Assert.Null(task.DueDate);
        Assert.Equal(80, task.Priority);
        Assert.Equal("embedded:app:forms/unggah.html", task.FormKey);
        Assert.Null(task.FormRef);
    }

    [Fact]
    public void NoPriorityWithFormRef_DefaultPriorityAndFormRef()
    {
        var task = StartOne("""camunda:formRef="form_unggah" camunda:formRefBinding="latest" """);
        Assert.Equal(50, task.Priority);
        Assert.Equal("form_unggah", task.FormRef);
        Assert.Null(task.FormKey);
    }

    [Fact]
    public void LiteralPriority_Used()
    {
        Assert.Equal(10, StartOne("""camunda:priority="10" """).Priority);
    }

    // ---- claim, unclaim, reassign, update --------------------------------------------------------

    [Fact]
    public void Claim_ByAnother_Conflicts_UnclaimFreesIt()
    {
        var runtime = OneTask("""camunda:candidateGroups="dinkes" """);
        var id = runtime.Start("p");
        var task = runtime.TaskId(id, "t");

        runtime.Claim(task, "siti");
        runtime.Claim(task, "siti"); // claiming again by the holder is harmless
        Assert.Equal("siti", runtime.Tasks(id).Single().Assignee);
        var before = runtime.Instance(id);
        Assert.Throws<TaskConflictException>(() => runtime.Claim(task, "budi"));
        Assert.Same(before, runtime.Instance(id));
        Assert.Equal("siti", runtime.Tasks(id).Single().Assignee);

        runtime.Execute(id, new UnclaimTask(task) { UserId = "siti" });
        Assert.Null(runtime.Tasks(id).Single().Assignee);
        runtime.Claim(task, "budi");
        Assert.Equal("budi", runtime.Tasks(id).Single().Assignee);

        Assert.Equal(
            [HistoryKind.TaskClaimed, HistoryKind.TaskClaimed, HistoryKind.TaskUnclaimed, HistoryKind.TaskClaimed],
            runtime.History.Where(h => h.TaskId == task && h.Kind is HistoryKind.TaskClaimed or HistoryKind.TaskUnclaimed).Select(h => h.Kind));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void Reassign_OverridesTheHolder()
    {
        var runtime = OneTask("""camunda:candidateGroups="dinkes" """);
        var id = runtime.Start("p");
        var task = runtime.TaskId(id, "t");
        runtime.Claim(task, "siti");

        runtime.Execute(id, new SetTaskAssignee(task, "budi") { UserId = "admin" });
        Assert.Equal("budi", runtime.Tasks(id).Single().Assignee);
        var assigned = runtime.History.Single(h => h.Kind == HistoryKind.TaskAssigned);
        Assert.Equal("admin", assigned.UserId);
        Assert.Equal("budi", assigned.Data!["assignee"]);

        runtime.Execute(id, new SetTaskAssignee(task, null));
        Assert.Null(runtime.Tasks(id).Single().Assignee);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void UpdateTask_DueDateWithReason_RecordedInHistory()
    {
        var runtime = OneTask("""camunda:candidateGroups="dinkes" camunda:dueDate="P5D" """);
        var id = runtime.Start("p");
        var task = runtime.TaskId(id, "t");
        var newDue = new DateTimeOffset(2023, 2, 24, 16, 0, 0, Wib);

        runtime.Execute(id, new UpdateTask(task) { DueDate = newDue, Reason = "perpanjangan rakor", UserId = "admin" });
        var updated = runtime.Tasks(id).Single();
        Assert.Equal(newDue, updated.DueDate);
        Assert.Equal(50, updated.Priority);
        Assert.Equal(["dinkes"], updated.CandidateGroups);

        var history = runtime.History.Single(h => h.Kind == HistoryKind.TaskUpdated);
        Assert.Equal("perpanjangan rakor", history.Data!["reason"]);
        Assert.Equal(newDue, history.Data["dueDate"]);
        Assert.False(history.Data.ContainsKey("priority"));

        runtime.Execute(id, new UpdateTask(task) { ClearDueDate = true, Priority = 90, CandidateGroups = ["bappeda"] });
        updated = runtime.Tasks(id).Single();
        Assert.Null(updated.DueDate);
        Assert.Equal(90, updated.Priority);
        Assert.Single(runtime.TasksOf("bappeda"));
        Assert.Empty(runtime.TasksOf("dinkes"));

        runtime.AssertHistoryPairs();
    }

    // ---- completing ------------------------------------------------------------------------------

    [Fact]
    public void Complete_WithVariablesAndLocalVariables()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="t" camunda:candidateGroups="dinkes">
              <bpmn:extensionElements><camunda:inputOutput>
                <camunda:outputParameter name="ringkasan">{"${catatan}"}</camunda:outputParameter>
              </camunda:inputOutput></bpmn:extensionElements>
            </bpmn:userTask>
            {Bpmn.Task("t2")}
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->t->t2->e")}
            """), out _);
        var id = runtime.Start("p", Bpmn.Vars(("skor", 1)));
        var task = runtime.TaskId(id, "t");

        runtime.Execute(id, new CompleteTask(task, Bpmn.Vars(("skor", 3), ("disetujui", true)), Bpmn.Vars(("catatan", "lengkap"))) { UserId = "siti" });
        Assert.Equal(["t2"], runtime.WaitingAt(id));
        Assert.Equal(3L, runtime.Variable(id, "skor"));
        Assert.Equal(true, runtime.Variable(id, "disetujui"));
        Assert.Null(runtime.Variable(id, "catatan")); // local: ended with the task
        Assert.Equal("lengkap", runtime.Variable(id, "ringkasan")); // ...but visible to its output mapping

        var completed = runtime.History.Single(h => h.Kind == HistoryKind.TaskCompleted);
        Assert.Equal("siti", completed.UserId);
        Assert.Equal(3L, completed.Data!["skor"]);
        Assert.Equal(["s", "t", "t2"], runtime.Log(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void Complete_UnknownOrAlreadyCompletedTask_Refused()
    {
        var runtime = OneTask("""camunda:candidateGroups="dinkes" """);
        var id = runtime.Start("p");
        var task = runtime.TaskId(id, "t");

        Assert.Throws<EngineException>(() => runtime.CompleteTask("tidak-ada"));
        runtime.CompleteTask(task);
        Assert.Throws<EngineException>(() => runtime.CompleteTask(task));
        Assert.Throws<EngineException>(() => runtime.Execute(id, new CompleteTask(task)));
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void Complete_StaleTaskIdOnRunningInstance_Refused()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            {Bpmn.Task("t")}
            {Bpmn.Task("t2")}
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->t->t2->e")}
            """), out _);
        var id = runtime.Start("p");
        var task = runtime.TaskId(id, "t");
        runtime.CompleteTask(task);

        var error = Assert.Throws<EngineException>(() => runtime.Execute(id, new CompleteTask(task)));
        Assert.IsNotType<TaskConflictException>(error);
        Assert.Equal(["t2"], runtime.WaitingAt(id));

        runtime.AssertHistoryPairs();
    }

    // ---- timeout task listener -------------------------------------------------------------------

    private const string Reminder = """
        <bpmn:extensionElements>
          <camunda:taskListener event="timeout" id="remind" delegateExpression="${reminder}">
            <bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R/P1D</bpmn:timeCycle></bpmn:timerEventDefinition>
          </camunda:taskListener>
        </bpmn:extensionElements>
        """;

    [Fact]
    public void TimeoutTaskListener_FiresEveryDayUntilTheTaskIsCompleted()
    {
        var runtime = OneTask("""camunda:candidateGroups="dinkes" """, Reminder);
        var id = runtime.Start("p");
        var task = runtime.TaskId(id, "t");

        Assert.Equal(3, runtime.AdvanceClock(TimeSpan.FromDays(3) + TimeSpan.FromHours(2)));
        var fired = runtime.Effects.OfType<TaskTimeoutFired>().ToList();
        Assert.Equal([1, 2, 3], fired.Select(f => f.FiredCount));
        Assert.All(fired, f =>
        {
            Assert.Equal(task, f.Task.Id);
            Assert.Equal("remind", f.ListenerId);
            Assert.Equal("${reminder}", f.DelegateExpression);
        });
        Assert.Equal(["t"], runtime.WaitingAt(id)); // a listener moves no token
        Assert.Equal(["s", "t"], runtime.Log(id));

        runtime.CompleteTask(task);
        Assert.Equal(0, runtime.AdvanceClock(TimeSpan.FromDays(10)));
        Assert.Equal(3, runtime.Effects.OfType<TaskTimeoutFired>().Count());
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void TimeoutTaskListener_TaskInterruptedByBoundary_StopsReminding()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="t" camunda:candidateGroups="dinkes">{Reminder}</bpmn:userTask>
            {Bpmn.Boundary("b", "t", Bpmn.Timer("timeDuration", "PT50H"))}
            {Bpmn.Task("x", "kadis")}
            <bpmn:endEvent id="e" />
            <bpmn:endEvent id="xe" />
            {Bpmn.Flows("s->t->e", "b->x->xe")}
            """), out _);
        var id = runtime.Start("p");

        runtime.AdvanceClock(TimeSpan.FromDays(10));
        Assert.Equal(2, runtime.Effects.OfType<TaskTimeoutFired>().Count());
        Assert.Equal(["x"], runtime.WaitingAt(id));
        Assert.Empty(runtime.Instance(id).Timers);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void TimeoutTaskListenerOnMultiInstanceTask_EachItemStopsWhenItsTaskIsCompleted()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="t" camunda:candidateGroups="{"${opd}"}">
              {Reminder}
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="{"${opds}"}" camunda:elementVariable="opd" />
            </bpmn:userTask>
            {Bpmn.Task("t2")}
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->t->t2->e")}
            """), out _);
        var id = runtime.Start("p", Bpmn.Vars(("opds", new List<object?> { "dinkes", "bappeda" })));
        Assert.Equal(2, runtime.Instance(id).Timers.Count);

        runtime.CompleteTask(runtime.TasksOf("dinkes").Single().Id);
        Assert.Equal("bappeda", Assert.Single(runtime.Instance(id).Timers).TaskId is { } taskId
            ? runtime.Tasks(id).Single(t => t.Id == taskId).CandidateGroups.Single()
            : null);

        Assert.Equal(2, runtime.AdvanceClock(TimeSpan.FromDays(2) + TimeSpan.FromHours(1)));
        var fired = runtime.Effects.OfType<TaskTimeoutFired>().ToList();
        Assert.Equal(2, fired.Count);
        Assert.All(fired, f => Assert.Equal(["bappeda"], f.Task.CandidateGroups));

        runtime.CompleteTask(runtime.TasksOf("bappeda").Single().Id);
        Assert.Empty(runtime.Instance(id).Timers);
        Assert.Equal(0, runtime.AdvanceClock(TimeSpan.FromDays(5)));
        Assert.Equal(["t2"], runtime.WaitingAt(id));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void CancelInstance_WithdrawsTasksRemindersAndBoundaryTimers()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="t" camunda:candidateGroups="{"${opd}"}">
              {Reminder}
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="{"${opds}"}" camunda:elementVariable="opd" />
            </bpmn:userTask>
            {Bpmn.Boundary("b", "t", Bpmn.Timer("timeDuration", "P30D"))}
            <bpmn:endEvent id="e" />
            <bpmn:endEvent id="be" />
            {Bpmn.Flows("s->t->e", "b->be")}
            """), out _);
        var id = runtime.Start("p", Bpmn.Vars(("opds", new List<object?> { "dinkes", "bappeda" })));
        Assert.Equal(3, runtime.TimerCount(id));

        runtime.Execute(id, new CancelInstance("rakor dibatalkan") { UserId = "admin" });
        var state = runtime.Instance(id);
        Assert.Equal(InstanceStatus.Cancelled, state.Status);
        Assert.Empty(state.Tasks);
        Assert.Empty(state.Timers);
        Assert.Empty(runtime.Tasks());
        Assert.Equal(2, runtime.History.Count(h => h.Kind == HistoryKind.TaskCancelled && (string?)h.Data?["reason"] == "rakor dibatalkan"));
        Assert.Equal(0, runtime.AdvanceClock(TimeSpan.FromDays(60)));
        Assert.Throws<EngineException>(() => runtime.Execute(id, new CancelInstance()));

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void OpdTasksWithDailyRemindersAndWeeklyEscalation_RemindOnlyOpenTasksAndEscalateOnce()
    {
        // The KKS pattern: one task per OPD, a reminder every day to whoever has not finished, and the
        // secretariat's head told once after a week while the OPD tasks go on.
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="unggah" name="Unggah bukti {"${opd}"}" camunda:candidateGroups="{"${opd}"}" camunda:dueDate="P5D">
              {Reminder}
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="{"${opds}"}" camunda:elementVariable="opd" />
            </bpmn:userTask>
            {Bpmn.Boundary("seminggu", "unggah", Bpmn.Timer("timeDuration", "P7D"), cancel: false)}
            {Bpmn.Task("tegur", "kadis")}
            {Bpmn.Task("verifikasi")}
            <bpmn:endEvent id="e" />
            <bpmn:endEvent id="te" />
            {Bpmn.Flows("s->unggah->verifikasi->e", "seminggu->tegur->te")}
            """), out _);
        var id = runtime.Start("p", Bpmn.Vars(("opds", new List<object?> { "dinkes", "bappeda", "dlh" })));
        Assert.Equal(["Unggah bukti bappeda", "Unggah bukti dinkes", "Unggah bukti dlh"], runtime.Tasks(id).Select(t => t.Name).Order(StringComparer.Ordinal));

        runtime.AdvanceClock(TimeSpan.FromDays(1.5)); // one reminder each
        runtime.CompleteTask(runtime.TasksOf("dinkes").Single().Id);
        runtime.AdvanceClock(TimeSpan.FromDays(2)); // two more each for bappeda and dlh
        runtime.CompleteTask(runtime.TasksOf("bappeda").Single().Id);
        runtime.AdvanceClock(TimeSpan.FromDays(4)); // dlh: days 4..7, and the escalation on day 7

        var reminders = runtime.Effects.OfType<TaskTimeoutFired>().GroupBy(f => f.Task.CandidateGroups.Single()).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, reminders["dinkes"]);
        Assert.Equal(3, reminders["bappeda"]);
        Assert.Equal(7, reminders["dlh"]);
        Assert.Equal(["tegur", "unggah"], runtime.WaitingAt(id));
        Assert.Equal(1, runtime.Count(id, "seminggu"));

        runtime.CompleteTask(runtime.TasksOf("dlh").Single().Id);
        Assert.Equal(["tegur", "verifikasi"], runtime.WaitingAt(id));
        Assert.Empty(runtime.Instance(id).Timers);

        runtime.AssertHistoryPairs();
    }
}
