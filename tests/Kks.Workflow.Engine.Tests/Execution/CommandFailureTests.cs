using System.Text.Json;

namespace Kks.Workflow.Engine.Tests.Execution;

/// <summary>
/// A command that fails part-way (after the executor already changed its working copy) must leave the
/// instance exactly as it was: the executor works on a copy, and the runtime keeps the old state.
/// </summary>
public sealed class CommandFailureTests
{
    private static InMemoryRuntime Fixture(out string instance)
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            {Bpmn.Task("t")}
            {Bpmn.Boundary("b", "t", Bpmn.Timer("timeDuration", "P1D"))}
            {Bpmn.Boundary("bm", "t", Bpmn.MessageRef("m"), cancel: false)}
            <bpmn:userTask id="late" camunda:candidateGroups="kadis" camunda:dueDate="${"{batas}"}" />
            <bpmn:userTask id="next" camunda:candidateGroups="kadis" camunda:dueDate="${"{batas}"}" />
            <bpmn:endEvent id="e" />
            <bpmn:endEvent id="le" />
            {Bpmn.Flows("s->t", "t->e:${ok}", "b->late->le", "bm->next->le")}
            """, extraRoot: Bpmn.Message("m", "pesan")), out _);
        instance = runtime.Start("p", Bpmn.Vars(("batas", "bukan tanggal"), ("ok", false)));
        runtime.Claim(runtime.TaskId(instance, "t"), "siti");
        return runtime;
    }

    public static TheoryData<string> FailingCommands => new()
    {
        "complete: no outgoing flow holds",
        "complete: bad variable name",
        "claim: held by another",
        "fire: boundary path fails",
        "fire: unknown timer",
        "correlate: boundary path fails",
        "correlate: unknown subscription",
        "job: unknown",
        "cancelled then complete",
    };

    [Theory]
    [MemberData(nameof(FailingCommands))]
    public void FailingCommand_ReturnsTheOldStateUntouched(string scenario)
    {
        var runtime = Fixture(out var id);
        var state = runtime.Instance(id);
        var task = runtime.TaskId(id, "t");
        var command = scenario switch
        {
            "complete: no outgoing flow holds" => new CompleteTask(task, Bpmn.Vars(("x", 1)), Bpmn.Vars(("y", 2))),
            "complete: bad variable name" => new CompleteTask(task, Bpmn.Vars(("a", 1), ("", 2))),
            "claim: held by another" => new ClaimTask(task, "budi"),
            "fire: boundary path fails" => new FireTimer(state.Timers.Single().Id),
            "fire: unknown timer" => new FireTimer("nope"),
            "correlate: boundary path fails" => new CorrelateMessage(state.Subscriptions.Single().Id, Bpmn.Vars(("z", 1))),
            "correlate: unknown subscription" => new CorrelateMessage("nope"),
            "job: unknown" => new CompleteJob("nope"),
            _ => (EngineCommand)new CompleteTask(task),
        };
        if (scenario.StartsWith("cancelled", StringComparison.Ordinal))
        {
            runtime.Execute(id, new CancelInstance("test"));
            state = runtime.Instance(id);
        }

        var before = JsonSerializer.Serialize(state);
        var historyBefore = runtime.History.Count;
        var executor = new ProcessExecutor();

        Assert.ThrowsAny<EngineException>(() => executor.Execute(runtime.Process(state.DefinitionId), state, command, Bpmn.Monday.AddDays(2)));
        Assert.Equal(before, JsonSerializer.Serialize(state));

        // The runtime too keeps the instance it had: same object, same content, no history.
        Assert.ThrowsAny<EngineException>(() => runtime.Execute(id, command));
        Assert.Same(state, runtime.Instance(id));
        Assert.Equal(before, JsonSerializer.Serialize(runtime.Instance(id)));
        Assert.Equal(historyBefore, runtime.History.Count);

        runtime.AssertHistoryPairs();
    }

    [Fact]
    public void FailingTimerDuringAdvanceClock_LeavesTheInstanceAsItWas()
    {
        var runtime = Fixture(out var id);
        var before = JsonSerializer.Serialize(runtime.Instance(id));

        Assert.ThrowsAny<EngineException>(() => runtime.AdvanceClock(TimeSpan.FromDays(2)));
        Assert.Equal(before, JsonSerializer.Serialize(runtime.Instance(id)));
        Assert.Equal(["t"], runtime.WaitingAt(id));

        runtime.AssertHistoryPairs();
    }
}
