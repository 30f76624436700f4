using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Tests.Runtime;

/// <summary>What WorkflowRuntime tells the dispatcher signal after a commit (read from its own rows, no query).</summary>
public abstract class DispatchSignalTests : RuntimeSuite
{
    private readonly List<DispatchWork> _signals = [];

    private WorkflowRuntime Signalling() => new(Database.ContextOptions, new ProcessDefinitionCache(), Clock, signal: new Recorder(_signals));

    [DatabaseFact]
    public async Task UserTaskOnly_NoSignal_ThenTimerArmed_SignalsItsDueTime()
    {
        await Deployments.DeployAsync(Models.Review());
        var runtime = Signalling();
        await runtime.StartAsync("review");
        Assert.Empty(_signals);
        await runtime.CompleteTaskAsync(await TaskIdAsync());
        Assert.Equal(new DispatchWork(Clock.GetUtcNow().AddHours(1), Jobs: false, Outbox: false), Assert.Single(_signals));
    }

    [DatabaseFact]
    public async Task HandlerJob_SignalsJobs()
    {
        await Deployments.DeployAsync(Models.Service());
        await Signalling().StartAsync("service");
        Assert.Equal(new DispatchWork(null, Jobs: true, Outbox: false), Assert.Single(_signals));
    }

    [DatabaseFact]
    public async Task ExternalTask_NoSignal_WorkersFetchIt()
    {
        await Deployments.DeployAsync(Models.Process("ext", """
            <bpmn:startEvent id="s"/>
            <bpmn:serviceTask id="x" camunda:type="external" camunda:topic="kirim"/>
            <bpmn:endEvent id="e"/>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="x"/>
            <bpmn:sequenceFlow id="f2" sourceRef="x" targetRef="e"/>
            """));
        await Signalling().StartAsync("ext");
        Assert.Empty(_signals);
    }

    [DatabaseFact]
    public async Task InstanceEnds_SignalsOutbox()
    {
        await Deployments.DeployAsync(Models.OneTask());
        var runtime = Signalling();
        await runtime.StartAsync("one");
        await runtime.CompleteTaskAsync(await TaskIdAsync());
        Assert.Equal(new DispatchWork(null, Jobs: false, Outbox: true), Assert.Single(_signals));
    }

    private async Task<string> TaskIdAsync()
    {
        await using var context = Database.NewContext();
        return (await context.UserTasks.SingleAsync()).Id;
    }

    private sealed class Recorder(List<DispatchWork> signals) : IDispatcherSignal
    {
        public void Committed(DispatchWork work) => signals.Add(work);
    }
}

public sealed class SqliteDispatchSignalTests : DispatchSignalTests
{
    protected override TestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class PostgresDispatchSignalTests : DispatchSignalTests, IPostgresSuite
{
    protected override TestDatabase CreateDatabase() => new PostgresTestDatabase();
}
