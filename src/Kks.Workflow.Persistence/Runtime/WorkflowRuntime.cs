using Kks.Workflow.Engine;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Runtime;

/// <summary>
/// The durable command path: one command, one transaction. Each attempt loads the instance with its row
/// version, runs the executor, and writes the state, the changed task/timer/job/subscription/incident rows,
/// history and outbox rows with one SaveChanges (one transaction). When another command committed on the
/// same instance first, the attempt is thrown away and the command runs again on the fresh state (bounded),
/// then fails with <see cref="ConcurrencyConflictException"/>. Thread-safe: every call has its own context.
/// </summary>
public sealed class WorkflowRuntime(
    DbContextOptions<WorkflowDbContext> options,
    ProcessDefinitionCache cache,
    TimeProvider clock,
    PersistenceOptions? settings = null,
    EngineOptions? engineOptions = null,
    IDispatcherSignal? signal = null)
{
    private readonly ProcessExecutor _executor = new(engineOptions);
    private readonly int _maxAttempts = 1 + (settings?.MaxConcurrencyRetries ?? 5);

    public TimeProvider Clock => clock;

    /// <summary>Starts the latest version of a process; the instance id is new unless the idempotency key was seen.</summary>
    public Task<CommandOutcome> StartAsync(
        string processKey,
        IReadOnlyDictionary<string, object?>? variables = null,
        string? businessKey = null,
        string? userId = null,
        string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        var instanceId = Guid.NewGuid().ToString("N");
        return RunAsync(instanceId, idempotencyKey, async unit =>
        {
            var definitionId = await DeploymentService.LatestIdAsync(unit.Context, processKey, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException(new BilingualText(
                    $"Tidak ada definisi proses dengan kunci '{processKey}': terapkan (deploy) dulu berkasnya.",
                    $"No process definition with key '{processKey}': deploy its file first."));
            return await unit.StartAsync(definitionId, new StartInstance(instanceId, businessKey, variables) { UserId = userId }, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<CommandOutcome> ExecuteAsync(string instanceId, EngineCommand command, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return RunAsync(instanceId, idempotencyKey, unit => unit.ExecuteAsync(instanceId, command, cancellationToken), cancellationToken);
    }

    /// <summary>Completes a user task found by its id; a task already completed (or never there) is a <see cref="NotFoundException"/>.</summary>
    public Task<CommandOutcome> CompleteTaskAsync(string taskId, IReadOnlyDictionary<string, object?>? variables = null, string? userId = null, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        OnTaskAsync(taskId, new CompleteTask(taskId, variables) { UserId = userId }, idempotencyKey, cancellationToken);

    public Task<CommandOutcome> ClaimTaskAsync(string taskId, string userId, CancellationToken cancellationToken = default) =>
        OnTaskAsync(taskId, new ClaimTask(taskId, userId) { UserId = userId }, null, cancellationToken);

    public Task<CommandOutcome> UnclaimTaskAsync(string taskId, string? userId = null, CancellationToken cancellationToken = default) =>
        OnTaskAsync(taskId, new UnclaimTask(taskId) { UserId = userId }, null, cancellationToken);

    /// <summary>Fires a timer row (the dispatcher's call); a timer already fired and removed is a <see cref="NotFoundException"/>.</summary>
    public Task<CommandOutcome> FireTimerAsync(string timerId, CancellationToken cancellationToken = default) =>
        RunAsync(timerId, null, async unit =>
        {
            // Looked up in the command's own context: one connection and no extra round trip per command.
            var instanceId = await unit.Context.Timers.AsNoTracking().Where(t => t.Id == timerId).Select(t => t.InstanceId)
                                 .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                             ?? throw new NotFoundException(new BilingualText(
                                 $"Timer '{timerId}' tidak ditemukan: mungkin sudah berbunyi.",
                                 $"Timer '{timerId}' was not found: it may have fired already."));
            return await unit.ExecuteAsync(instanceId, new FireTimer(timerId), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private Task<CommandOutcome> OnTaskAsync(string taskId, EngineCommand command, string? idempotencyKey, CancellationToken cancellationToken) =>
        RunAsync(taskId, idempotencyKey, async unit =>
        {
            var instanceId = await unit.Context.UserTasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => t.InstanceId)
                                 .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                             ?? throw new NotFoundException(new BilingualText(
                                 $"Tugas '{taskId}' tidak ditemukan: tugas itu mungkin sudah diselesaikan.",
                                 $"Task '{taskId}' was not found: it may have been completed already."));
            return await unit.ExecuteAsync(instanceId, command, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <param name="subject">What the command is about (instance, task or timer id), for the conflict message.</param>
    private async Task<CommandOutcome> RunAsync(string subject, string? idempotencyKey, Func<CommandUnit, Task<ProcessInstanceRecord>> run, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // One context, one connection per attempt: the replay check, lookups, load and commit share it
            // (each open of a pooled SQLite connection re-runs the pragmas), and reads are not tracked.
            await using var context = new WorkflowDbContext(options);
            await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (idempotencyKey is not null && await ReplayAsync(context, idempotencyKey, cancellationToken).ConfigureAwait(false) is { } replay)
            {
                return replay;
            }

            var unit = new CommandUnit(context, cache, _executor, clock.GetUtcNow());
            var record = await run(unit).ConfigureAwait(false);
            await unit.FollowEffectsAsync(cancellationToken).ConfigureAwait(false);
            if (idempotencyKey is not null)
            {
                context.CommandResults.Add(new CommandResultRecord
                {
                    IdempotencyKey = idempotencyKey,
                    InstanceId = record.Id,
                    InstanceStatus = record.Status,
                    RowVersion = record.RowVersion,
                    CreatedAt = clock.GetUtcNow(),
                });
            }

            try
            {
                var work = signal is null ? null : PendingWork(context);
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                if (work is { Any: true })
                {
                    signal!.Committed(work);
                }

                return new CommandOutcome(record.Id, record.Status, record.RowVersion);
            }
            catch (DbUpdateException error)
            {
                // The same request raced itself and the other copy stored its result first: return that.
                if (idempotencyKey is not null && await ReplayAsync(idempotencyKey, cancellationToken).ConfigureAwait(false) is { } first)
                {
                    return first;
                }

                if (error is not DbUpdateConcurrencyException && !await unit.LostRaceAsync(options, cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }

                if (attempt >= _maxAttempts)
                {
                    throw new ConcurrencyConflictException(unit.FirstInstanceId ?? subject, attempt, error);
                }
            }
        }
    }

    /// <summary>What this command's rows leave for the dispatchers, read from the change tracker before the commit (no query).</summary>
    private DispatchWork PendingWork(WorkflowDbContext context)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset? earliest = null;
        var jobs = false;
        var outbox = false;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case TimerRecord timer when earliest is null || timer.DueAt < earliest:
                    earliest = timer.DueAt;
                    break;
                case JobRecord job when job.Kind != nameof(Engine.State.JobKind.ExternalTask) && job.Retries > 0 && (job.DueAt is null || job.DueAt <= now):
                    jobs = true;
                    break;
                case OutboxRecord:
                    outbox = true;
                    break;
            }
        }

        return new DispatchWork(earliest, jobs, outbox);
    }

    private async Task<CommandOutcome?> ReplayAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var context = new WorkflowDbContext(options);
        return await ReplayAsync(context, idempotencyKey, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<CommandOutcome?> ReplayAsync(WorkflowDbContext context, string idempotencyKey, CancellationToken cancellationToken)
    {
        var stored = await context.CommandResults.AsNoTracking().SingleOrDefaultAsync(r => r.IdempotencyKey == idempotencyKey, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : new CommandOutcome(stored.InstanceId, stored.InstanceStatus, stored.RowVersion, Replayed: true);
    }
}
