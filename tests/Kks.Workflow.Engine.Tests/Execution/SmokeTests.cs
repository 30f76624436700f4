using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine.Tests.Execution;

public sealed class SequenceTests
{
    [Fact]
    public void StartTaskEnd_WaitsAtTaskThenCompletes()
    {
        var runtime = Bpmn.Runtime(Bpmn.Process($"""
            <bpmn:startEvent id="s" />
            {Bpmn.Task("t")}
            <bpmn:endEvent id="e" />
            {Bpmn.Flows("s->t->e")}
            """), out _);
        var id = runtime.Start("p");
        Assert.Equal(["t"], runtime.WaitingAt(id));
        runtime.Complete(id, "t");
        Assert.Equal(["s", "t", "e"], runtime.Log(id));
        Assert.Equal(InstanceStatus.Completed, runtime.Instance(id).Status);
    }
}
