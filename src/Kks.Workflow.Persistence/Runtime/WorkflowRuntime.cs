using System.Data.Common;
using System.Globalization;
using Kks.Workflow.Engine;
using Kks.Workflow.Engine.Model;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Persistence.Runtime.Sql;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Runtime;

/// <summary>
/// The durable command path: one command, one transaction. Each attempt loads the instance with its row
/// version, runs the executor, and writes the state, the changed task/timer/job/subscription/incident rows,
/// history and outbox rows in one transaction. The hot reads and writes are prepared ADO.NET statements on a
/// session (an open connection that keeps them prepared), not EF: EF's change tracking and SaveChanges pipeline
/// cost several times the engine itself per command. When another command committed on the same instance
/// first, the attempt is thrown away and the command runs again on the fresh state (bounded), then fails with
/// <see cref="ConcurrencyConflictException"/>. Thread-safe: every call rents its own session.
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
    private readonly InstanceCache _instances = new();
    private readonly SessionPool _sessions = new(options);
    private readonly bool _sqliteGroupCommit = settings?.SqliteGroupCommit ?? true;
    private readonly bool _postgresGroupCommit = settings?.PostgresGroupCommit ?? true;
    private GroupCommitter? _groupCommit;

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
            var definitionId = await unit.LatestDefinitionAsync(processKey, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException(new BilingualText(
                    $"Tidak ada definisi proses dengan kunci '{processKey}': terapkan (deploy) dulu berkasnya.",
                    $"No process definition with key '{processKey}': deploy its file first."));
            return await unit.StartAsync(definitionId, new StartInstance(instanceId, businessKey, variables) { UserId = userId }, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Starts one given version (definition id "key:version"), not the latest: Camunda's start by id.</summary>
    public Task<CommandOutcome> StartDefinitionAsync(
        string definitionId,
        IReadOnlyDictionary<string, object?>? variables = null,
        string? businessKey = null,
        string? userId = null,
        string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(definitionId);
        var instanceId = Guid.NewGuid().ToString("N");
        return RunAsync(instanceId, idempotencyKey, async unit =>
        {
            if (await unit.Session.ScalarAsync(CommandSql.DefinitionExists, cancellationToken, definitionId).ConfigureAwait(false) is null)
            {
                throw new NotFoundException(new BilingualText(
                    $"Definisi proses '{definitionId}' tidak ditemukan.",
                    $"Process definition '{definitionId}' was not found."));
            }

            return await unit.StartAsync(definitionId, new StartInstance(instanceId, businessKey, variables) { UserId = userId }, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<CommandOutcome> ExecuteAsync(string instanceId, EngineCommand command, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return RunAsync(instanceId, idempotencyKey, unit => unit.ExecuteAsync(instanceId, command, cancellationToken), cancellationToken);
    }

    /// <summary>Runs a command and writes the given outbox rows (a service-task handler's mail) in the same transaction.</summary>
    public Task<CommandOutcome> ExecuteAsync(string instanceId, EngineCommand command, IReadOnlyList<Dispatch.OutboxWrite> outbox, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(outbox);
        return RunAsync(instanceId, null, async unit =>
        {
            var record = await unit.ExecuteAsync(instanceId, command, cancellationToken).ConfigureAwait(false);
            foreach (var row in outbox)
            {
                unit.Outbox(row.Kind, row.IdempotencyKey, instanceId, row.PayloadJson);
            }

            return record;
        }, cancellationToken);
    }

    /// <summary>Completes a user task found by its id; a task already completed (or never there) is a <see cref="NotFoundException"/>.</summary>
    public Task<CommandOutcome> CompleteTaskAsync(string taskId, IReadOnlyDictionary<string, object?>? variables = null, string? userId = null, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        OnTaskAsync(taskId, new CompleteTask(taskId, variables) { UserId = userId }, idempotencyKey, cancellationToken);

    public Task<CommandOutcome> ClaimTaskAsync(string taskId, string userId, CancellationToken cancellationToken = default) =>
        OnTaskAsync(taskId, new ClaimTask(taskId, userId) { UserId = userId }, null, cancellationToken);

    public Task<CommandOutcome> UnclaimTaskAsync(string taskId, string? userId = null, CancellationToken cancellationToken = default) =>
        OnTaskAsync(taskId, new UnclaimTask(taskId) { UserId = userId }, null, cancellationToken);

    /// <summary>Sets (or clears with null) the assignee whoever holds the task: the secretariat's reassign.</summary>
    public Task<CommandOutcome> SetAssigneeAsync(string taskId, string? assignee, string? userId = null, CancellationToken cancellationToken = default) =>
        OnTaskAsync(taskId, new SetTaskAssignee(taskId, assignee) { UserId = userId }, null, cancellationToken);

    /// <summary>
    /// Runs several commands (at least one) on the instance holding one task, in order, in one transaction (PUT
    /// /task/{id}: its attributes and its assignee change together or not at all). A task gone is a <see cref="NotFoundException"/>.
    /// </summary>
    public Task<CommandOutcome> ExecuteOnTaskAsync(string taskId, IReadOnlyList<EngineCommand> commands, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentOutOfRangeException.ThrowIfZero(commands.Count);
        return RunAsync(taskId, null, async unit =>
        {
            var instanceId = await unit.InstanceOfAsync(CommandSql.TaskInstance, taskId, cancellationToken).ConfigureAwait(false)
                             ?? throw new NotFoundException(new BilingualText(
                                 $"Tugas '{taskId}' tidak ditemukan: tugas itu mungkin sudah diselesaikan.",
                                 $"Task '{taskId}' was not found: it may have been completed already."));
            ProcessInstanceRecord? record = null;
            foreach (var command in commands)
            {
                record = await unit.ExecuteAsync(instanceId, command, cancellationToken).ConfigureAwait(false);
            }

            return record!;
        }, cancellationToken);
    }

    /// <summary>Fires a timer row (the dispatcher's call); a timer already fired and removed is a <see cref="NotFoundException"/>.</summary>
    public Task<CommandOutcome> FireTimerAsync(string timerId, CancellationToken cancellationToken = default) =>
        RunAsync(timerId, null, async unit =>
        {
            // Looked up on the command's own session: one connection and no extra round trip per command.
            var instanceId = await unit.InstanceOfAsync(CommandSql.TimerInstance, timerId, cancellationToken).ConfigureAwait(false)
                             ?? throw new NotFoundException(new BilingualText(
                                 $"Timer '{timerId}' tidak ditemukan: mungkin sudah berbunyi.",
                                 $"Timer '{timerId}' was not found: it may have fired already."));
            return await unit.ExecuteAsync(instanceId, new FireTimer(timerId), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// Correlates a message by name (Camunda's <c>POST /message</c>): to the waiting message subscriptions
    /// (catch events, receive tasks, boundary events, event gateways) with that name, narrowed by the business
    /// key the instance had when it subscribed and/or the instance id; each delivery is a CorrelateMessage
    /// command, one transaction per instance. When no subscription matches (and no instance id was given), the
    /// latest version of every process whose top-level message start event has that name is started instead.
    /// With <paramref name="all"/> false exactly one target must match: none or several is a
    /// <see cref="MismatchingMessageCorrelationException"/> (the lookup and the delivery are then one
    /// transaction, retried on fresh state if the instance changed meanwhile). With <paramref name="all"/> true
    /// every match is served, and none is an empty result.
    /// </summary>
    public async Task<MessageCorrelationResult> CorrelateMessageAsync(
        string messageName,
        string? businessKey = null,
        string? processInstanceId = null,
        IReadOnlyDictionary<string, object?>? variables = null,
        bool all = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageName);
        if (!all)
        {
            return new MessageCorrelationResult(messageName, [await CorrelateOneAsync(messageName, businessKey, processInstanceId, variables, cancellationToken).ConfigureAwait(false)]);
        }

        List<string> instances;
        await using (var context = new WorkflowDbContext(options))
        {
            var rows = await Subscriptions(context, messageName, businessKey, processInstanceId)
                .Select(s => new { s.InstanceId, s.CreatedAt }).ToListAsync(cancellationToken).ConfigureAwait(false);
            instances = rows.OrderBy(r => r.CreatedAt).Select(r => r.InstanceId).Distinct(StringComparer.Ordinal).ToList();
        }

        var results = new List<CorrelatedInstance>();
        foreach (var instanceId in instances)
        {
            var delivered = 0;
            var outcome = await RunAsync(instanceId, null, async unit =>
            {
                (var record, delivered) = await unit.CorrelateAsync(instanceId, messageName, null, variables, cancellationToken).ConfigureAwait(false);
                return record;
            }, cancellationToken).ConfigureAwait(false);
            if (delivered > 0)
            {
                results.Add(new CorrelatedInstance(MessageCorrelationKind.Correlated, outcome, delivered));
            }
        }

        if (results.Count == 0 && processInstanceId is null)
        {
            List<(string DefinitionId, string StartEventId)> starts;
            await using (var context = new WorkflowDbContext(options))
            {
                starts = await MessageStartsAsync(context, messageName, cancellationToken).ConfigureAwait(false);
            }

            foreach (var (definitionId, startEventId) in starts)
            {
                var instanceId = Guid.NewGuid().ToString("N");
                var outcome = await RunAsync(instanceId, null, unit =>
                    unit.StartAsync(definitionId, new StartInstance(instanceId, businessKey, variables, startEventId), cancellationToken), cancellationToken).ConfigureAwait(false);
                results.Add(new CorrelatedInstance(MessageCorrelationKind.Started, outcome, 0));
            }
        }

        return new MessageCorrelationResult(messageName, results);
    }

    private async Task<CorrelatedInstance> CorrelateOneAsync(
        string messageName, string? businessKey, string? processInstanceId, IReadOnlyDictionary<string, object?>? variables, CancellationToken cancellationToken)
    {
        var kind = MessageCorrelationKind.Correlated;
        var delivered = 0;
        var newInstanceId = Guid.NewGuid().ToString("N");
        var outcome = await RunAsync(processInstanceId ?? messageName, null, async unit =>
        {
            var matches = await Subscriptions(unit.Context, messageName, businessKey, processInstanceId)
                .Select(s => new { s.Id, s.InstanceId }).Take(2)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (matches.Count > 1)
            {
                throw MismatchingMessageCorrelationException.Ambiguous(messageName, businessKey, processInstanceId, "waiting subscription", "langganan yang menunggu");
            }

            if (matches.Count == 1)
            {
                kind = MessageCorrelationKind.Correlated;
                (var record, delivered) = await unit.CorrelateAsync(matches[0].InstanceId, messageName, matches[0].Id, variables, cancellationToken).ConfigureAwait(false);
                // Read, then gone before the instance was loaded: another request consumed it; this one matched nothing.
                return delivered == 1 ? record : throw MismatchingMessageCorrelationException.NoMatch(messageName, businessKey, processInstanceId);
            }

            var starts = processInstanceId is null ? await MessageStartsAsync(unit.Context, messageName, cancellationToken).ConfigureAwait(false) : [];
            if (starts.Count > 1)
            {
                throw MismatchingMessageCorrelationException.Ambiguous(messageName, businessKey, processInstanceId, "process definition's message start event", "peristiwa mulai pesan definisi proses");
            }

            if (starts.Count == 0)
            {
                throw MismatchingMessageCorrelationException.NoMatch(messageName, businessKey, processInstanceId);
            }

            kind = MessageCorrelationKind.Started;
            return await unit.StartAsync(starts[0].DefinitionId, new StartInstance(newInstanceId, businessKey, variables, starts[0].StartEventId), cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return new CorrelatedInstance(kind, outcome, delivered);
    }

    private static IQueryable<SubscriptionRecord> Subscriptions(WorkflowDbContext context, string messageName, string? businessKey, string? processInstanceId)
    {
        // The (message_name, business_key) index serves both the name alone and the name with a business key.
        var query = context.Subscriptions.AsNoTracking().Where(s => s.MessageName == messageName);
        if (businessKey is not null)
        {
            query = query.Where(s => s.BusinessKey == businessKey);
        }

        if (processInstanceId is not null)
        {
            query = query.Where(s => s.InstanceId == processInstanceId);
        }

        return query;
    }

    /// <summary>The latest version of each process key whose top-level message start event has this (literal) name.</summary>
    private async Task<List<(string DefinitionId, string StartEventId)>> MessageStartsAsync(WorkflowDbContext context, string messageName, CancellationToken cancellationToken)
    {
        var definitions = await context.ProcessDefinitions.AsNoTracking().Select(d => new { d.Id, d.Key, d.Version })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var starts = new List<(string, string)>();
        foreach (var latest in definitions.GroupBy(d => d.Key, StringComparer.Ordinal).Select(g => g.MaxBy(d => d.Version)!).OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var process = await cache.GetAsync(context, latest.Id, cancellationToken).ConfigureAwait(false);
            var start = process.StartEvents.FirstOrDefault(s => s.Definition is MessageEventDefinition { MessageName: { IsLiteral: true } name } && name.Text == messageName);
            if (start is not null)
            {
                starts.Add((latest.Id, start.Id));
            }
        }

        return starts;
    }

    private Task<CommandOutcome> OnTaskAsync(string taskId, EngineCommand command, string? idempotencyKey, CancellationToken cancellationToken) =>
        RunAsync(taskId, idempotencyKey, async unit =>
        {
            // First attempt: the instance this node last committed with the task, if cached (no lookup, no load; a
            // stale guess loses the row version race and the next attempt looks the task up). Saves a round trip and
            // a query per command on a hot instance.
            var instanceId = (unit.Attempt == 1 ? unit.CachedInstanceOfTask(taskId) : null)
                             ?? await unit.InstanceOfAsync(CommandSql.TaskInstance, taskId, cancellationToken).ConfigureAwait(false)
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
            // One session per attempt: the replay check, lookups and loads share its connection and prepared statements.
            var session = await _sessions.RentAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (idempotencyKey is not null && await ReplayAsync(session, idempotencyKey, cancellationToken).ConfigureAwait(false) is { } replay)
                {
                    return replay;
                }

                var unit = new CommandUnit(session, cache, _executor, clock.GetUtcNow(), _instances) { Attempt = attempt };
                ProcessInstanceRecord record;
                try
                {
                    record = await run(unit).ConfigureAwait(false);
                    await unit.FollowEffectsAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (LostRaceException error)
                {
                    // Its reads disagreed (another command committed between them): run again on fresh state.
                    if (attempt >= _maxAttempts)
                    {
                        throw new ConcurrencyConflictException(unit.FirstInstanceId ?? subject, attempt, error);
                    }

                    continue;
                }
                catch (Exception) when (unit.Guessed)
                {
                    // The engine refused a state this node had cached and another node has changed since (a variable it
                    // set, a task it ended): not the caller's error; run again on the committed state.
                    if (attempt >= _maxAttempts || !await unit.GuessWasStaleAsync(cancellationToken).ConfigureAwait(false))
                    {
                        throw;
                    }

                    continue;
                }

                if (idempotencyKey is not null)
                {
                    unit.Writes.Add(CommandSql.InsertCommandResult, idempotencyKey, record.Id, record.Status, record.RowVersion, clock.GetUtcNow());
                }

                unit.WriteInstances();
                try
                {
                    await CommitAsync(session, unit.Writes, cancellationToken).ConfigureAwait(false);
                    unit.Committed();
                    var writes = unit.Writes;
                    if (signal is not null && (writes.EarliestTimer is not null || writes.RunnableJobs || writes.Outbox))
                    {
                        signal.Committed(new DispatchWork(writes.EarliestTimer, writes.RunnableJobs, writes.Outbox));
                    }

                    return new CommandOutcome(record.Id, record.Status, record.RowVersion);
                }
                catch (GroupCommitFailedException error)
                {
                    // The shared transaction failed as a whole: nothing of this command was committed; run it again.
                    if (attempt >= _maxAttempts)
                    {
                        throw new ConcurrencyConflictException(unit.FirstInstanceId ?? subject, attempt, error);
                    }
                }
                catch (LostRaceException error)
                {
                    // Another command committed on this instance (or ended the task, timer, job) first: run again on fresh state.
                    if (idempotencyKey is not null && await ReplayAsync(session, idempotencyKey, cancellationToken).ConfigureAwait(false) is { } first)
                    {
                        return first;
                    }

                    if (attempt >= _maxAttempts)
                    {
                        throw new ConcurrencyConflictException(unit.FirstInstanceId ?? subject, attempt, error);
                    }
                }
                catch (DbException error)
                {
                    // The same request raced itself and the other copy stored its result first: return that.
                    if (idempotencyKey is not null && await ReplayAsync(session, idempotencyKey, cancellationToken).ConfigureAwait(false) is { } first)
                    {
                        return first;
                    }

                    // A unique key (e.g. the same outbox row written by the winner) may trip before the row version check.
                    if (!await unit.LostRaceAsync(session, cancellationToken).ConfigureAwait(false))
                    {
                        throw new DbUpdateException("The command's changes could not be saved: " + error.Message, error);
                    }

                    if (attempt >= _maxAttempts)
                    {
                        throw new ConcurrencyConflictException(unit.FirstInstanceId ?? subject, attempt, error);
                    }
                }
            }
            finally
            {
                await _sessions.ReturnAsync(session).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Through the group committer (one writer, shared commits), unless turned off: then SQLite commits on the
    /// command's own session, PostgreSQL sends the write set from it as one batch (one round trip).
    /// </summary>
    private async Task CommitAsync(DbSession session, WriteSet writes, CancellationToken cancellationToken)
    {
        if (session.IsSqlite ? _sqliteGroupCommit : _postgresGroupCommit)
        {
            await GroupCommit().SaveAsync(writes, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!session.IsSqlite)
        {
            if (await PostgresBatch.CommitAsync(session, [writes]).ConfigureAwait(false) is [var (_, error)])
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            }

            return;
        }

        var transaction = await session.Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await writes.ExecuteAsync(session, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private GroupCommitter GroupCommit()
    {
        if (Volatile.Read(ref _groupCommit) is { } existing)
        {
            return existing;
        }

        var created = new GroupCommitter(_sessions);
        return Interlocked.CompareExchange(ref _groupCommit, created, null) ?? created;
    }

    private static async Task<CommandOutcome?> ReplayAsync(DbSession session, string idempotencyKey, CancellationToken cancellationToken)
    {
        var reader = await session.ReadAsync(CommandSql.CommandResult, cancellationToken, idempotencyKey).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new CommandOutcome(reader.GetString(0), reader.GetString(1), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture), Replayed: true)
                : null;
        }
    }
}
