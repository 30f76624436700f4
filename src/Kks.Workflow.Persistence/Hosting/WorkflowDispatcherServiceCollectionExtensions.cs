using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace Kks.Workflow.Persistence.Hosting;

public static class WorkflowDispatcherServiceCollectionExtensions
{
    /// <summary>
    /// Runs the timer, job and outbox dispatchers on this node with Quartz.NET (an in-memory store: the rows are the
    /// truth, Quartz only says when to look), each polled at its interval and woken by <see cref="DispatcherSignal"/>.
    /// The host registers <c>DbContextOptions&lt;WorkflowDbContext&gt;</c>, <see cref="WorkflowRuntime"/> (given the
    /// <see cref="IDispatcherSignal"/> so commits wake the dispatchers), an <see cref="IOutboxSink"/> and its
    /// <see cref="IServiceTaskHandler"/>s; a <see cref="TimeProvider"/> defaults to the system clock.
    /// </summary>
    public static IServiceCollection AddWorkflowDispatchers(this IServiceCollection services, WorkflowDispatcherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        options ??= new WorkflowDispatcherOptions();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ServiceTaskHandlerRegistry(sp.GetServices<IServiceTaskHandler>()));
        services.TryAddSingleton<DispatcherSignal>();
        services.TryAddSingleton<DispatcherHealth>();
        services.TryAddSingleton<DispatcherWatch>();
        services.TryAddSingleton<IDispatcherSignal>(sp => sp.GetRequiredService<DispatcherSignal>());
        services.TryAddSingleton(sp => new TimerDispatcher(
            sp.GetRequiredService<DbContextOptions<WorkflowDbContext>>(), sp.GetRequiredService<WorkflowRuntime>(),
            sp.GetRequiredService<TimeProvider>(), options.NodeId)
        {
            // Each timer fired is a sign of life: a drain of a large backlog is one long run, alive, not stalled.
            LeaseDuration = options.TimerLease, Fired = BeatOf(sp.GetRequiredService<DispatcherHealth>()),
        });
        services.TryAddSingleton(sp => new JobDispatcher(
            sp.GetRequiredService<DbContextOptions<WorkflowDbContext>>(), sp.GetRequiredService<WorkflowRuntime>(),
            sp.GetRequiredService<ServiceTaskHandlerRegistry>(), sp.GetRequiredService<TimeProvider>(), options.NodeId) { LeaseDuration = options.JobLease });
        services.TryAddSingleton(sp => new OutboxDispatcher(
            sp.GetRequiredService<DbContextOptions<WorkflowDbContext>>(), sp.GetRequiredService<IOutboxSink>(),
            sp.GetRequiredService<TimeProvider>(), options.NodeId)
        {
            LeaseDuration = options.OutboxLease, MaxAttempts = options.OutboxMaxAttempts, BaseBackoff = options.OutboxBaseBackoff, MaxBackoff = options.OutboxMaxBackoff,
            Attempted = sp.GetRequiredService<DispatcherHealth>().Deliveries,
        });

        services.AddQuartz(quartz =>
        {
            quartz.UseInMemoryStore();
            Poll<TimerDispatchJob>(quartz, DispatcherKind.Timers, options.TimerPollInterval);
            Poll<JobDispatchJob>(quartz, DispatcherKind.Jobs, options.JobPollInterval);
            Poll<OutboxDispatchJob>(quartz, DispatcherKind.Outbox, options.OutboxPollInterval);
        });
        // Stopping the host waits for a running batch (its commits finish instead of leaving leases to run out), never
        // longer than the host's shutdown timeout (DispatcherHostedService).
        services.AddQuartzHostedService<DispatcherHostedService>(hosted => hosted.WaitForJobsToComplete = true);
        return services;
    }

    private static Action<string> BeatOf(DispatcherHealth health) => _ => health.Beat(DispatcherKind.Timers);

    private static void Poll<TJob>(IQuartzBuilder quartz, DispatcherKind kind, TimeSpan interval)
        where TJob : class, IJob
    {
        var key = DispatcherRun.Key(kind);
        quartz.AddJob<TJob>(job => job.WithIdentity(key));
        quartz.AddTrigger(trigger => trigger
            .ForJob(key)
            .WithIdentity($"{kind}-poll", key.Group)
            .StartNow()
            // A poll missed (the job still running, the machine starved) is skipped, not made up in a burst: the next
            // one on the schedule finds everything anyway.
            .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
    }
}
