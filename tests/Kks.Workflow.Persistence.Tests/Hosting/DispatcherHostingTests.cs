using System.Collections.Concurrent;
using System.Diagnostics;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Hosting;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Persistence.Tests.Infrastructure;
using Kks.Workflow.Persistence.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kks.Workflow.Persistence.Tests.Hosting;

/// <summary>
/// The dispatchers hosted by Quartz.NET in a real generic host over a SQLite file, on real time: start → timer
/// (PT1S) → service task (handler "mail") → end, whose instance.ended outbox row reaches the sink.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the database through IAsyncLifetime.DisposeAsync.
public sealed class DispatcherHostingTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly string TimerThenService = Models.Process("hosted", """
        <bpmn:startEvent id="s"/>
        <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:serviceTask id="mail" name="Kirim surat" camunda:delegateExpression="${mail}"/>
        <bpmn:endEvent id="e"/>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait"/>
        <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="mail"/>
        <bpmn:sequenceFlow id="f3" sourceRef="mail" targetRef="e"/>
        """);

    private readonly SqliteTestDatabase _database = new();
    private readonly MailHandler _mail = new();
    private readonly RecordingSink _sink = new();

    public async Task InitializeAsync()
    {
        await _database.CreateAsync();
        await _database.MigrateAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Polling_TimerFires_HandlerJobRuns_OutboxDelivered()
    {
        // The runtime is not given the signal: only the polls (1 s timers and jobs, 1 s outbox here) move the instance.
        await RunScenarioAsync(new WorkflowDispatcherOptions { NodeId = "node-poll", OutboxPollInterval = TimeSpan.FromSeconds(1) }, signal: false);
    }

    [Fact]
    public async Task WakeUp_PollsFarAway_CommitsWakeTheDispatchers()
    {
        // Polls every 5 minutes: after the first run at start-up, only the runtime's signal can fire the timer due
        // in 1 s, run the handler job and deliver the outbox row within the (generous: a busy machine) deadlines.
        var far = TimeSpan.FromMinutes(5);
        await RunScenarioAsync(new WorkflowDispatcherOptions { NodeId = "node-wake", TimerPollInterval = far, JobPollInterval = far, OutboxPollInterval = far }, signal: true);
    }

    [Fact]
    public async Task WakeUp_TimerArmedLongBeforeItsDue_FiresAtItsTimeNotAtTheNextPoll()
    {
        // Polls every 6 s and no commit signal: the timer (due 7 s after its start) was armed too early for any wake-up
        // at commit. The run before it falls due (the poll at about 6 s) finds it next and wakes the dispatcher at its
        // due time; without that it would fire at the poll at about 12 s (11.5 s or more on the stopwatch, started just
        // after the host), 4-5 s late: the upper bound leaves a busy machine 3.5 s.
        var model = Models.Process("waits-seven", """
            <bpmn:startEvent id="s"/>
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT7S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="e"/>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait"/>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="e"/>
            """);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var cache = new ProcessDefinitionCache();
        builder.Services.AddSingleton(_database.ContextOptions);
        builder.Services.AddSingleton(_ => new WorkflowRuntime(_database.ContextOptions, cache, TimeProvider.System));
        builder.Services.AddSingleton<IServiceTaskHandler>(_mail);
        builder.Services.AddSingleton<IOutboxSink>(_sink);
        var poll = TimeSpan.FromSeconds(6);
        builder.Services.AddWorkflowDispatchers(new WorkflowDispatcherOptions { NodeId = "node-next", TimerPollInterval = poll, JobPollInterval = poll, OutboxPollInterval = poll });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            await new DeploymentService(_database.ContextOptions, cache, TimeProvider.System).DeployAsync(model);
            var runtime = host.Services.GetRequiredService<WorkflowRuntime>();
            var started = Stopwatch.StartNew(); // before the start: the timer is due 7 s or more after this
            await runtime.StartAsync("waits-seven");
            await WaitUntilAsync(TimeSpan.FromSeconds(15), async () =>
            {
                await using var context = _database.NewContext();
                return !await context.Timers.AnyAsync();
            });
            Assert.InRange(started.Elapsed.TotalSeconds, 6.95, 10.5);
        }
        finally
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await host.StopAsync(stopping.Token);
        }
    }

    private async Task RunScenarioAsync(WorkflowDispatcherOptions options, bool signal)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var cache = new ProcessDefinitionCache();
        builder.Services.AddSingleton(_database.ContextOptions);
        builder.Services.AddSingleton(sp => new WorkflowRuntime(
            _database.ContextOptions, cache, TimeProvider.System, signal: signal ? sp.GetRequiredService<IDispatcherSignal>() : null));
        builder.Services.AddSingleton<IServiceTaskHandler>(_mail);
        builder.Services.AddSingleton<IOutboxSink>(_sink);
        builder.Services.AddWorkflowDispatchers(options);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            await new DeploymentService(_database.ContextOptions, cache, TimeProvider.System).DeployAsync(TimerThenService);
            var runtime = host.Services.GetRequiredService<WorkflowRuntime>();
            var started = Stopwatch.StartNew();
            var instance = (await runtime.StartAsync("hosted")).InstanceId;
            await using (var context = _database.NewContext())
            {
                Assert.Equal(1, await context.Timers.CountAsync());
            }

            // The timer is due at 1 s and fires soon after (a 1 s poll, or the wake-up at its due time); the limits are
            // far below the 5 minute polls of the wake-up test and far above what a busy machine needs.
            await WaitUntilAsync(TimeSpan.FromSeconds(30), async () =>
            {
                await using var context = _database.NewContext();
                return !await context.Timers.AnyAsync();
            });
            Assert.True(started.Elapsed >= TimeSpan.FromSeconds(0.9), $"The timer fired early, at {started.Elapsed}.");

            // Then the hosted JobDispatcher runs the handler job (a 1 s poll, or woken by the timer's commit) and the instance ends.
            await WaitUntilAsync(TimeSpan.FromSeconds(30), async () =>
            {
                await using var context = _database.NewContext();
                return await context.ProcessInstances.AnyAsync(i => i.Id == instance && i.Status == "Completed");
            });
            Assert.Equal(1, _mail.Calls);
            // The sink is called before the row is marked delivered: wait for the mark, the end of the delivery.
            await WaitUntilAsync(TimeSpan.FromSeconds(30), async () =>
            {
                await using var context = _database.NewContext();
                return await context.Outbox.AnyAsync(o => o.InstanceId == instance && o.DeliveredAt != null);
            });
            Assert.Single(_sink.Delivered, m => m.Kind == "instance.ended" && m.InstanceId == instance);
            await using (var context = _database.NewContext())
            {
                Assert.Empty(await context.Timers.ToListAsync());
                Assert.Empty(await context.Jobs.ToListAsync());
            }
        }
        finally
        {
            // Stopping waits for a running batch (WaitForJobsToComplete); bounded so a hang fails the test.
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await host.StopAsync(stopping.Token);
        }
    }

    private static async Task WaitUntilAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < limit, $"Not done within {limit}.");
            await Task.Delay(25);
        }
    }

    private sealed class MailHandler : IServiceTaskHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string Name => "mail";

        public Task<IReadOnlyDictionary<string, object?>?> ExecuteAsync(JobState job, ProcessInstanceState instance, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult<IReadOnlyDictionary<string, object?>?>(new Dictionary<string, object?> { ["mailStatus"] = "sent" });
        }
    }

    private sealed class RecordingSink : IOutboxSink
    {
        public ConcurrentQueue<OutboxMessage> Delivered { get; } = new();

        public Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Delivered.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}
