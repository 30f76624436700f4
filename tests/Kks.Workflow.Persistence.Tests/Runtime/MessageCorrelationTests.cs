using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Tests.Runtime;

public abstract class MessageCorrelationTests : RuntimeSuite
{
    private static string WithMessages(string xml, params string[] names) =>
        xml.Replace("</bpmn:definitions>", string.Concat(names.Select(n => $"<bpmn:message id=\"M_{n}\" name=\"{n}\"/>")) + "</bpmn:definitions>", StringComparison.Ordinal);

    /// <summary>start → wait for "paid" → t (task) → end.</summary>
    private static string Waiter() => WithMessages(Models.Process("waiter", """
        <bpmn:startEvent id="s"/>
        <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="M_paid"/></bpmn:intermediateCatchEvent>
        <bpmn:userTask id="t" name="Tugas" camunda:candidateGroups="dinkes"/>
        <bpmn:endEvent id="e"/>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="paid"/>
        <bpmn:sequenceFlow id="f2" sourceRef="paid" targetRef="t"/>
        <bpmn:sequenceFlow id="f3" sourceRef="t" targetRef="e"/>
        """), "paid");

    /// <summary>start → work (task) with an interrupting message boundary "withdrawn" → withdrawnTask.</summary>
    private static string Boundary() => WithMessages(Models.Process("boundary", """
        <bpmn:startEvent id="s"/>
        <bpmn:userTask id="work" name="Kerja" camunda:candidateGroups="dinkes"/>
        <bpmn:boundaryEvent id="withdrawn" attachedToRef="work"><bpmn:messageEventDefinition messageRef="M_withdrawn"/></bpmn:boundaryEvent>
        <bpmn:userTask id="withdrawnTask" name="Ditarik" camunda:candidateGroups="dinkes"/>
        <bpmn:endEvent id="e"/>
        <bpmn:endEvent id="e2"/>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work"/>
        <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="e"/>
        <bpmn:sequenceFlow id="f3" sourceRef="withdrawn" targetRef="withdrawnTask"/>
        <bpmn:sequenceFlow id="f4" sourceRef="withdrawnTask" targetRef="e2"/>
        """), "withdrawn");

    /// <summary>message start "apply" → t (task) → end.</summary>
    private static string MessageStart(string id = "applying") => WithMessages(Models.Process(id, """
        <bpmn:startEvent id="byMessage"><bpmn:messageEventDefinition messageRef="M_apply"/></bpmn:startEvent>
        <bpmn:userTask id="t" name="Tugas" camunda:candidateGroups="dinkes"/>
        <bpmn:endEvent id="e"/>
        <bpmn:sequenceFlow id="f1" sourceRef="byMessage" targetRef="t"/>
        <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>
        """), "apply");

    [DatabaseFact]
    public async Task CatchEvent_CorrelatedByName_MovesOnWithTheVariables()
    {
        await Deployments.DeployAsync(Waiter());
        var instance = (await Runtime.StartAsync("waiter")).InstanceId;

        var result = await Runtime.CorrelateMessageAsync("paid", variables: new Dictionary<string, object?> { ["amount"] = 5 });

        var only = Assert.Single(result.Instances);
        Assert.Equal((MessageCorrelationKind.Correlated, instance, 1), (only.Kind, only.Outcome.InstanceId, only.Delivered));
        await using var context = Database.NewContext();
        Assert.Empty(await context.Subscriptions.ToListAsync());
        Assert.Equal("t", (await context.UserTasks.SingleAsync(t => t.InstanceId == instance)).NodeId);
        Assert.Equal(1, await context.History.CountAsync(h => h.InstanceId == instance && h.Kind == "MessageCorrelated"));
        Assert.Contains("amount", (await context.ProcessInstances.SingleAsync(i => i.Id == instance)).StateJson, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task Boundary_InterruptsTheTask()
    {
        await Deployments.DeployAsync(Boundary());
        var instance = (await Runtime.StartAsync("boundary", businessKey: "REG-1")).InstanceId;

        var result = await Runtime.CorrelateMessageAsync("withdrawn", businessKey: "REG-1");

        Assert.Equal(instance, Assert.Single(result.Instances).Outcome.InstanceId);
        await using var context = Database.NewContext();
        Assert.Equal("withdrawnTask", (await context.UserTasks.SingleAsync(t => t.InstanceId == instance)).NodeId);
        Assert.Empty(await context.Subscriptions.ToListAsync());
    }

    [DatabaseFact]
    public async Task NoSubscription_MessageStartEvent_StartsTheLatestVersion()
    {
        await Deployments.DeployAsync(MessageStart());
        await Deployments.DeployAsync(MessageStart().Replace("name=\"Tugas\"", "name=\"Tugas v2\"", StringComparison.Ordinal));

        var result = await Runtime.CorrelateMessageAsync("apply", businessKey: "REG-7", variables: new Dictionary<string, object?> { ["nik"] = "123" });

        var only = Assert.Single(result.Instances);
        Assert.Equal(MessageCorrelationKind.Started, only.Kind);
        await using var context = Database.NewContext();
        var row = await context.ProcessInstances.SingleAsync(i => i.Id == only.Outcome.InstanceId);
        Assert.Equal(("applying:2", "REG-7"), (row.DefinitionId, row.BusinessKey));
        Assert.Contains("nik", row.StateJson, StringComparison.Ordinal);
        Assert.Equal("t", (await context.UserTasks.SingleAsync(t => t.InstanceId == row.Id)).NodeId);

        // An instance id rules out starting: nothing to correlate to.
        var error = await Assert.ThrowsAsync<MismatchingMessageCorrelationException>(() => Runtime.CorrelateMessageAsync("apply", processInstanceId: row.Id));
        Assert.Equal(MessageMismatch.NoMatch, error.Reason);
    }

    [DatabaseFact]
    public async Task BusinessKey_NarrowsToItsInstance()
    {
        await Deployments.DeployAsync(Waiter());
        var a = (await Runtime.StartAsync("waiter", businessKey: "A")).InstanceId;
        var b = (await Runtime.StartAsync("waiter", businessKey: "B")).InstanceId;

        var result = await Runtime.CorrelateMessageAsync("paid", businessKey: "B");

        Assert.Equal(b, Assert.Single(result.Instances).Outcome.InstanceId);
        await using var context = Database.NewContext();
        Assert.Equal(a, (await context.Subscriptions.SingleAsync()).InstanceId);
        Assert.Empty(await context.UserTasks.Where(t => t.InstanceId == a).ToListAsync());
        var byInstance = await Runtime.CorrelateMessageAsync("paid", processInstanceId: a);
        Assert.Equal(a, Assert.Single(byInstance.Instances).Outcome.InstanceId);
    }

    [DatabaseFact]
    public async Task SeveralWaiting_One_IsAmbiguousAndChangesNothing_All_ReachesEach()
    {
        await Deployments.DeployAsync(Waiter());
        var a = (await Runtime.StartAsync("waiter", businessKey: "X")).InstanceId;
        var b = (await Runtime.StartAsync("waiter", businessKey: "X")).InstanceId;

        var error = await Assert.ThrowsAsync<MismatchingMessageCorrelationException>(() => Runtime.CorrelateMessageAsync("paid", businessKey: "X"));
        Assert.Equal(MessageMismatch.Ambiguous, error.Reason);
        Assert.Contains("more than one", error.Message, StringComparison.Ordinal);
        await using (var context = Database.NewContext())
        {
            Assert.Equal(2, await context.Subscriptions.CountAsync());
        }

        var result = await Runtime.CorrelateMessageAsync("paid", businessKey: "X", all: true);
        Assert.Equal(new[] { a, b }.Order(), result.Instances.Select(i => i.Outcome.InstanceId).Order());
        Assert.All(result.Instances, i => Assert.Equal(MessageCorrelationKind.Correlated, i.Kind));
        await using (var context = Database.NewContext())
        {
            Assert.Empty(await context.Subscriptions.ToListAsync());
            Assert.Equal(2, await context.UserTasks.CountAsync());
        }
    }

    [DatabaseFact]
    public async Task TwoDefinitionsStartWithTheMessage_One_IsAmbiguous_All_StartsBoth()
    {
        await Deployments.DeployAsync(MessageStart("first"));
        await Deployments.DeployAsync(MessageStart("second"));

        var error = await Assert.ThrowsAsync<MismatchingMessageCorrelationException>(() => Runtime.CorrelateMessageAsync("apply"));
        Assert.Equal(MessageMismatch.Ambiguous, error.Reason);
        var result = await Runtime.CorrelateMessageAsync("apply", all: true);
        Assert.Equal(2, result.Instances.Count);
        Assert.All(result.Instances, i => Assert.Equal(MessageCorrelationKind.Started, i.Kind));
    }

    [DatabaseFact]
    public async Task TwoRequestsRaceForOneSubscription_OneDelivers_TheOtherMatchesNothing()
    {
        await Deployments.DeployAsync(Waiter());
        var instance = (await Runtime.StartAsync("waiter", businessKey: "R")).InstanceId;
        var other = NewRuntime();

        var attempts = await Task.WhenAll(new[] { Runtime, other }.Select(runtime => Task.Run(async () =>
        {
            try
            {
                return (await runtime.CorrelateMessageAsync("paid", businessKey: "R")).Instances.Single().Kind.ToString();
            }
            catch (MismatchingMessageCorrelationException error)
            {
                return error.Reason.ToString();
            }
        })));

        Assert.Equal(["Correlated", "NoMatch"], attempts.Order(StringComparer.Ordinal));
        await using var context = Database.NewContext();
        Assert.Equal(1, await context.History.CountAsync(h => h.InstanceId == instance && h.Kind == "MessageCorrelated"));
        Assert.Single(await context.UserTasks.ToListAsync());
    }

    [DatabaseFact]
    public async Task NothingMatches_One_IsNotFound_All_IsEmpty()
    {
        await Deployments.DeployAsync(Waiter());
        await Runtime.StartAsync("waiter", businessKey: "A");

        var error = await Assert.ThrowsAsync<MismatchingMessageCorrelationException>(() => Runtime.CorrelateMessageAsync("nobody-waits"));
        Assert.Equal((MessageMismatch.NoMatch, "nobody-waits"), (error.Reason, error.MessageName));
        Assert.Contains("Cannot correlate message 'nobody-waits'", error.Message, StringComparison.Ordinal);
        var wrongKey = await Assert.ThrowsAsync<MismatchingMessageCorrelationException>(() => Runtime.CorrelateMessageAsync("paid", businessKey: "Z"));
        Assert.Equal(MessageMismatch.NoMatch, wrongKey.Reason);
        Assert.Empty((await Runtime.CorrelateMessageAsync("nobody-waits", all: true)).Instances);
    }
}

public sealed class SqliteMessageCorrelationTests : MessageCorrelationTests
{
    protected override TestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class PostgresMessageCorrelationTests : MessageCorrelationTests, IPostgresSuite
{
    protected override TestDatabase CreateDatabase() => new PostgresTestDatabase();
}
