using System.Diagnostics;
using Kks.Workflow.Engine;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Hosting;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Persistence.Tests.Infrastructure;
using Kks.Workflow.Persistence.Tests.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Kks.Workflow.Persistence.Tests.Hosting;

/// <summary>
/// A stalled dispatcher is seen (<see cref="DispatcherWatch"/>, what /healthz reports) and a stuck one does not keep
/// the host from stopping (<c>DispatcherHostedService</c>). The dispatchers run in a real host over SQLite on a
/// manual clock (Quartz's too), so "quiet for 30 s" is a clock move, not a wait.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the database through IAsyncLifetime.DisposeAsync.
public sealed class DispatcherWatchTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly string StuckService = Models.Process("stuck", """
        <bpmn:startEvent id="s"/>
        <bpmn:serviceTask id="call" name="Panggil layanan" camunda:delegateExpression="${stuck}"/>
        <bpmn:endEvent id="e"/>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="call"/>
        <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="e"/>
        """);

    private readonly SqliteTestDatabase _database = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2023, 2, 6, 8, 0, 0, TimeSpan.FromHours(7)));
    private readonly StuckHandler _handler = new();

    public async Task InitializeAsync()
    {
        await _database.CreateAsync();
        await _database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        _handler.Release();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Watch_HandlerNeverReturns_JobsStalledAfterThirtySeconds_OthersAnswerTheProbe_ClearsWhenItReturns()
    {
        using var host = BuildHost(TimeSpan.FromSeconds(30));
        await host.StartAsync();
        try
        {
            var watch = host.Services.GetRequiredService<DispatcherWatch>();
            Assert.Equal(TimeSpan.FromSeconds(30), watch.StalledAfter(DispatcherKind.Timers)); // 10 polls of 1 s, at least 30 s
            Assert.Equal(TimeSpan.FromSeconds(50), watch.StalledAfter(DispatcherKind.Outbox)); // 10 polls of 5 s

            await new DeploymentService(_database.ContextOptions, new ProcessDefinitionCache(), _clock).DeployAsync(StuckService);
            await host.Services.GetRequiredService<WorkflowRuntime>().StartAsync("stuck");
            await _handler.Entered.WaitAsync(TimeSpan.FromSeconds(10)); // the commit woke the job dispatcher; its handler hangs

            Assert.Empty(await watch.FindStalledAsync());

            // 31 s later (by the app's clock, which Quartz runs on too: its polls are skipped as misfired) the timer and
            // job dispatchers look stalled (the outbox's threshold is 50 s). The timers answer the probe at once; the job
            // dispatcher cannot run a second time beside its stuck run, so it is the one reported, as running.
            _clock.Advance(TimeSpan.FromSeconds(31));
            var stall = Assert.Single(await watch.FindStalledAsync());
            Assert.Equal(DispatcherKind.Jobs, stall.Kind);
            Assert.True(stall.Running);
            Assert.Equal(_clock.GetUtcNow().AddSeconds(-31), stall.QuietSince);

            // The handler returns: the run ends (its probe runs after it) and the stall is gone.
            _handler.Release();
            await WaitUntilAsync(TimeSpan.FromSeconds(10), () => !host.Services.GetRequiredService<DispatcherHealth>().Status(DispatcherKind.Jobs).Running);
            Assert.Empty(await watch.FindStalledAsync());
        }
        finally
        {
            _handler.Release();
            await StopBoundedAsync(host);
        }
    }

    [Fact]
    public async Task SchedulerThreadWedged_TimersAndJobsStalled_StopReturnsWithinTheShutdownTimeout()
    {
        // A trigger listener that never returns, called on Quartz's scheduler thread for a misfired trigger, wedges that
        // thread as the misfire loop did. Quartz's own stop waits for the thread without a time limit. The overdue trigger
        // is there before the scheduler starts, so the wedge comes at its first look, before any run is handed out: a run
        // started late on a busy machine would be a sign of life and answer a probe below.
        var wedge = new WedgingListener();
        using var host = BuildHost(TimeSpan.FromSeconds(2), wedge);
        await host.StartAsync();
        await wedge.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(host.Services.GetRequiredService<DispatcherHealth>().Snapshot(), s => Assert.Equal(0, s.Beats));

        // Nothing fires any more: 31 s later the timer and job dispatchers are stalled (not in a run), probes unanswered.
        _clock.Advance(TimeSpan.FromSeconds(31));
        var stalls = await host.Services.GetRequiredService<DispatcherWatch>().FindStalledAsync();
        Assert.Equal([DispatcherKind.Timers, DispatcherKind.Jobs], stalls.Select(s => s.Kind));
        Assert.All(stalls, s => Assert.False(s.Running));

        var stopping = Stopwatch.StartNew();
        var stop = host.StopAsync();
        var stopped = await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(20))) == stop;
        Assert.True(stopped, "Stopping the host hung with the scheduler thread wedged.");
        await stop;
        Assert.InRange(stopping.Elapsed.TotalSeconds, 1.5, 15);
    }

    private IHost BuildHost(TimeSpan shutdownTimeout, WedgingListener? wedge = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout);
        builder.Services.AddSingleton(_database.ContextOptions);
        builder.Services.AddSingleton<TimeProvider>(_clock);
        var cache = new ProcessDefinitionCache();
        builder.Services.AddSingleton(sp => new WorkflowRuntime(_database.ContextOptions, cache, _clock, signal: sp.GetRequiredService<IDispatcherSignal>()));
        builder.Services.AddSingleton<IServiceTaskHandler>(_handler);
        builder.Services.AddSingleton<IOutboxSink>(new NoSink());
        builder.Services.AddWorkflowDispatchers(new WorkflowDispatcherOptions { NodeId = "node-watch", OutboxWakeDelay = TimeSpan.Zero });
        if (wedge is not null)
        {
            builder.Services.AddQuartz(quartz =>
            {
                quartz.AddTriggerListener(wedge, GroupMatcher<TriggerKey>.GroupEquals("wedge"));
                quartz.AddTrigger(trigger => trigger
                    .WithIdentity("overdue", "wedge")
                    .ForJob(DispatcherRun.Key(DispatcherKind.Outbox))
                    .StartAt(_clock.GetUtcNow().AddMinutes(-1)));
            });
        }

        return builder.Build();
    }

    private static async Task StopBoundedAsync(IHost host)
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var stop = host.StopAsync(stopping.Token);
        await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(15)));
    }

    private static async Task WaitUntilAsync(TimeSpan limit, Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < limit, $"Not done within {limit}.");
            await Task.Delay(25);
        }
    }

    /// <summary>A handler whose call hangs until released, as a call to a remote service without a timeout can.</summary>
    private sealed class StuckHandler : IServiceTaskHandler
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public string Name => "stuck";

        public void Release() => _release.TrySetResult();

        public async Task<IReadOnlyDictionary<string, object?>?> ExecuteAsync(JobState job, ProcessInstanceState instance, CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            await _release.Task; // deaf to cancellation on purpose
            return null;
        }
    }

    private sealed class WedgingListener : ITriggerListener
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public string Name => "wedge";

        public async ValueTask TriggerMisfired(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken = default)
        {
            _entered.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, CancellationToken.None);
        }
    }

    private sealed class NoSink : IOutboxSink
    {
        public Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
