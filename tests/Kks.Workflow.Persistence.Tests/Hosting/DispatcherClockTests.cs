using System.Diagnostics;
using System.Globalization;
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
/// The dispatchers on an app clock that is not the system clock (the timer benchmark runs a day ahead of it): a timer
/// wake-up that Quartz finds overdue by more than its misfire threshold (5 s) must fire, not wedge the scheduler.
/// Before the fix the wake-up trigger ran on the system clock while Quartz's store ran on the app's: its misfire policy
/// ("fire now", by the system clock, a day behind) left it overdue again, and the store's acquisition loop re-applied
/// it forever with its lock held: no dispatcher ran again and stopping the host hung.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the database through IAsyncLifetime.DisposeAsync.
public sealed class DispatcherClockTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly string TimerAt = Models.Process("wake-at", """
        <bpmn:startEvent id="s"/>
        <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDate>${due}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="e"/>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait"/>
        <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="e"/>
        """);

    private readonly SqliteTestDatabase _database = new();

    public async Task InitializeAsync()
    {
        await _database.CreateAsync();
        await _database.MigrateAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task WakeUp_OverdueBeyondMisfireThreshold_AppClockAheadOfSystem_FiresAndSchedulerStaysAlive()
    {
        var clock = new ShiftedClock(TimeSpan.FromDays(1));
        var cache = new ProcessDefinitionCache();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_database.ContextOptions);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton(sp => new WorkflowRuntime(_database.ContextOptions, cache, clock, signal: sp.GetRequiredService<IDispatcherSignal>()));
        builder.Services.AddSingleton<IOutboxSink>(new NoSink());
        // Polls far away: only the wake-ups can fire the timers within the test's deadlines (30 s: generous for a busy machine, far below the polls).
        var far = TimeSpan.FromMinutes(5);
        builder.Services.AddWorkflowDispatchers(new WorkflowDispatcherOptions { NodeId = "node-clock", TimerPollInterval = far, JobPollInterval = far, OutboxPollInterval = far });
        var host = builder.Build();
        await host.StartAsync();
        var stopped = false;
        try
        {
            await new DeploymentService(_database.ContextOptions, cache, clock).DeployAsync(TimerAt);
            var runtime = host.Services.GetRequiredService<WorkflowRuntime>();

            // A timer already 30 s overdue when armed (a timeDate in the past): its wake-up is overdue at once.
            await runtime.StartAsync("wake-at", new Dictionary<string, object?> { ["due"] = Iso(clock.GetUtcNow().AddSeconds(-30)) });
            await WaitUntilAsync(TimeSpan.FromSeconds(30), NoTimersAsync);

            // The scheduler still fires the next wake-up (a timer due in 1 s).
            var started = Stopwatch.StartNew();
            await runtime.StartAsync("wake-at", new Dictionary<string, object?> { ["due"] = Iso(clock.GetUtcNow().AddSeconds(1)) });
            await WaitUntilAsync(TimeSpan.FromSeconds(30), NoTimersAsync);
            Assert.True(started.Elapsed >= TimeSpan.FromSeconds(0.9), $"The timer fired early, at {started.Elapsed}.");
        }
        finally
        {
            // Bounded: a wedged scheduler must fail the test, not hang the run.
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var stop = host.StopAsync(stopping.Token);
            stopped = await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(15))) == stop;
            if (stopped)
            {
                host.Dispose();
            }
        }

        Assert.True(stopped, "Stopping the host did not finish within 15 s.");
    }

    private async Task<bool> NoTimersAsync()
    {
        await using var context = _database.NewContext();
        return !await context.Timers.AnyAsync();
    }

    private static string Iso(DateTimeOffset instant) => instant.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static async Task WaitUntilAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < limit, $"Not done within {limit}.");
            await Task.Delay(25);
        }
    }

    /// <summary>The system clock plus a constant, as the timer benchmark runs.</summary>
    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }

    private sealed class NoSink : IOutboxSink
    {
        public Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
