using Kks.Workflow.Engine.Execution;
using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine.Tests.Execution;

public sealed class RowDiffTests
{
    private static SubscriptionState Row(string id, int revision = 0) =>
        new() { Id = id, ExecutionId = "e", NodeId = "n", MessageName = "m", Revision = revision };

    [Fact]
    public void RemovedChangedAndAppended_AreEachReported()
    {
        var a = Row("a");
        var b = Row("b");
        var c = Row("c");
        var changes = RowDiff.Compare([a, b, c], [Row("a", 1), c, Row("d")]);

        Assert.Equal(["a"], changes.Changed.Select(r => r.Id));
        Assert.Equal(["b"], changes.Removed.Select(r => r.Id));
        Assert.Equal(["d"], changes.Added.Select(r => r.Id));
    }

    [Fact]
    public void SameRows_AreNoChange()
    {
        var a = Row("a");
        Assert.True(RowDiff.Compare([a], [a]).IsEmpty);
    }

    [Fact]
    public void ReorderedRows_FallBackToMatchingById()
    {
        var a = Row("a");
        var b = Row("b");
        var changes = RowDiff.Compare([a, b], [b, a]);

        Assert.True(changes.IsEmpty);
    }
}
