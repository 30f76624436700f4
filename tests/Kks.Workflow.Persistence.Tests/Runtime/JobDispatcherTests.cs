using Kks.Workflow.Engine;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Tests.Runtime;

public abstract class JobDispatcherTests : RuntimeSuite
{
    private readonly MailHandler _mail = new();

    [DatabaseFact]
    public async Task HandlerSucceeds_JobCompletedWithItsVariables_InstanceMovesOn()
    {
        var instance = await StartServiceAsync();
        Assert.Equal(1, await Dispatcher().RunOnceAsync());
        Assert.Equal(1, _mail.Calls);
        await using var context = Database.NewContext();
        Assert.Empty(await context.Jobs.ToListAsync());
        Assert.Equal("after", (await context.UserTasks.SingleAsync()).NodeId);
        var state = InstanceStateJson.Deserialize((await context.ProcessInstances.SingleAsync(i => i.Id == instance)).StateJson);
        Assert.Equal("sent", state.Root.Variables!["mailStatus"]);
        Assert.Equal(0, await Dispatcher().RunOnceAsync());
    }

    [DatabaseFact]
    public async Task HandlerFails_RetriesWithBackoff_ThenIncident_SetJobRetriesResolves()
    {
        var instance = await StartServiceAsync();
        _mail.FailuresLeft = int.MaxValue;
        var dispatcher = Dispatcher();
        Assert.Equal(1, await dispatcher.RunOnceAsync()); // retries 3 → 2, due in 10 s
        Assert.Equal((2, Start.AddSeconds(10)), await JobAsync());
        Assert.Equal(0, await dispatcher.RunOnceAsync()); // not due yet
        Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await dispatcher.RunOnceAsync()); // 2 → 1, due in 20 s (doubled)
        Assert.Equal((1, Clock.GetUtcNow().AddSeconds(20)), await JobAsync());
        Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(1, await dispatcher.RunOnceAsync()); // 1 → 0: incident
        Assert.Equal(3, _mail.Calls);
        await using (var context = Database.NewContext())
        {
            var incident = await context.Incidents.SingleAsync();
            Assert.Equal("failedJob", incident.Type);
            Assert.Equal("SMTP down", incident.Message);
            Assert.Equal(0, (await context.Jobs.SingleAsync()).Retries);
        }

        Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await dispatcher.RunOnceAsync()); // out of retries: never claimed again
        _mail.FailuresLeft = 0;
        var jobId = await JobIdAsync();
        await Runtime.ExecuteAsync(instance, new SetJobRetries(jobId, 1));
        await using (var context = Database.NewContext())
        {
            Assert.Empty(await context.Incidents.ToListAsync());
        }

        Assert.Equal(1, await dispatcher.RunOnceAsync());
        await using (var context = Database.NewContext())
        {
            Assert.Empty(await context.Jobs.ToListAsync());
            Assert.Equal("after", (await context.UserTasks.SingleAsync()).NodeId);
            Assert.Equal(1, await context.History.CountAsync(h => h.InstanceId == instance && h.Kind == "IncidentRaised"));
            Assert.Equal(1, await context.History.CountAsync(h => h.InstanceId == instance && h.Kind == "IncidentResolved"));
        }
    }

    [DatabaseFact]
    public async Task HandlerThrowsBpmnError_ErrorBoundaryTakesIt()
    {
        await StartServiceAsync();
        _mail.BpmnError = "NO_MAIL";
        Assert.Equal(1, await Dispatcher().RunOnceAsync());
        await using var context = Database.NewContext();
        Assert.Empty(await context.Jobs.ToListAsync());
        Assert.Equal("fix", (await context.UserTasks.SingleAsync()).NodeId);
    }

    [DatabaseFact]
    public async Task HandlerFailsWithRetryCycle_WaitsTheModelsIntervalNotTheBackoff()
    {
        await Deployments.DeployAsync(Models.Service().Replace(
            "camunda:delegateExpression=\"${mail}\"/>",
            "camunda:delegateExpression=\"${mail}\"><bpmn:extensionElements><camunda:failedJobRetryTimeCycle>R2/PT15M</camunda:failedJobRetryTimeCycle></bpmn:extensionElements></bpmn:serviceTask>",
            StringComparison.Ordinal));
        await Runtime.StartAsync("service");
        _mail.FailuresLeft = int.MaxValue;
        var dispatcher = Dispatcher();
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        Assert.Equal((1, Start.AddMinutes(15)), await JobAsync());
        Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await dispatcher.RunOnceAsync()); // the last retry: incident
        await using var context = Database.NewContext();
        Assert.Equal("failedJob", (await context.Incidents.SingleAsync()).Type);
    }

    [DatabaseFact]
    public async Task AsyncBefore_ContinuationRunsAsAJob()
    {
        await Deployments.DeployAsync(Models.AsyncTask());
        await Runtime.StartAsync("asyncy");
        await using (var context = Database.NewContext())
        {
            Assert.Empty(await context.UserTasks.ToListAsync());
            Assert.Equal("AsyncBefore", (await context.Jobs.SingleAsync()).Kind);
        }

        Assert.Equal(1, await Dispatcher().RunOnceAsync());
        await using (var context = Database.NewContext())
        {
            Assert.Empty(await context.Jobs.ToListAsync());
            Assert.Equal("t", (await context.UserTasks.SingleAsync()).NodeId);
        }
    }

    [DatabaseFact]
    public async Task LeasedJob_NotClaimedByAnotherNodeUntilTheLeaseRunsOut()
    {
        await StartServiceAsync();
        Assert.Single(await Dispatcher("node-dead").ClaimAsync()); // claimed, then the node "dies"
        var other = Dispatcher("node-b");
        Assert.Equal(0, await other.RunOnceAsync());
        Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await other.RunOnceAsync());
        Assert.Equal(1, _mail.Calls);
    }

    private JobDispatcher Dispatcher(string node = "node-a") =>
        new(Database.ContextOptions, Runtime, new ServiceTaskHandlerRegistry([_mail]), Clock, node);

    private async Task<string> StartServiceAsync()
    {
        await Deployments.DeployAsync(Models.Service());
        return (await Runtime.StartAsync("service")).InstanceId;
    }

    private async Task<(int Retries, DateTimeOffset? DueAt)> JobAsync()
    {
        await using var context = Database.NewContext();
        var job = await context.Jobs.AsNoTracking().SingleAsync();
        Assert.Null(job.LockOwner); // the outcome's commit ended the lease
        return (job.Retries, job.DueAt);
    }

    private async Task<string> JobIdAsync()
    {
        await using var context = Database.NewContext();
        return (await context.Jobs.SingleAsync()).Id;
    }

    private sealed class MailHandler : IServiceTaskHandler
    {
        public int Calls { get; private set; }

        public int FailuresLeft { get; set; }

        public string? BpmnError { get; set; }

        public string Name => "mail";

        public Task<IReadOnlyDictionary<string, object?>?> ExecuteAsync(JobState job, ProcessInstanceState instance, CancellationToken cancellationToken)
        {
            Calls++;
            if (BpmnError is not null)
            {
                throw new BpmnErrorException(BpmnError);
            }

            if (FailuresLeft-- > 0)
            {
                throw new InvalidOperationException("SMTP down");
            }

            return Task.FromResult<IReadOnlyDictionary<string, object?>?>(new Dictionary<string, object?> { ["mailStatus"] = "sent" });
        }
    }
}

public sealed class SqliteJobDispatcherTests : JobDispatcherTests
{
    protected override TestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class PostgresJobDispatcherTests : JobDispatcherTests, IPostgresSuite
{
    protected override TestDatabase CreateDatabase() => new PostgresTestDatabase();
}
