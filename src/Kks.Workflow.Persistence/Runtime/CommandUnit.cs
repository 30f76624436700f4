using System.Globalization;
using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Persistence.Runtime.Sql;

namespace Kks.Workflow.Persistence.Runtime;

/// <summary>
/// One attempt of one command: the session it reads on, the instances it touched, the effects it follows, and
/// the write set it leaves for the commit (nothing is written before: the commit runs the write set in one
/// transaction, possibly shared with other commands by the group committer).
/// Call activities are followed in the same unit (so the same transaction): starting a called instance,
/// continuing the caller when it ends, cancelling it. A crash therefore never leaves a caller waiting for a
/// child that was never started, nor a child ended with its caller not told.
/// </summary>
internal sealed class CommandUnit(DbSession session, ProcessDefinitionCache cache, ProcessExecutor executor, DateTimeOffset now, InstanceCache? instances = null)
{
    private readonly Dictionary<string, (ProcessInstanceRecord Record, ProcessInstanceState State)> _instances = new(StringComparer.Ordinal);
    private readonly Queue<(ProcessInstanceState Source, EngineEffect Effect)> _effects = new();
    private readonly Dictionary<string, long?> _versionsRead = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(CandidateKind Kind, string Value)>> _candidates = new(StringComparer.Ordinal);
    private readonly HashSet<string> _outboxKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _versionsSeen = new(StringComparer.Ordinal);
    private (string InstanceId, long RowVersion)? _guessed;

    /// <summary>The session's EF context, for the cold reads that stay on EF (a model not cached yet, message lookups).</summary>
    public WorkflowDbContext Context => session.Context;

    public DbSession Session => session;

    public WriteSet Writes { get; } = new();

    public DateTimeOffset Now => now;

    /// <summary>Which attempt of the command this is (1 first; later ones run after a lost race).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The instance the command was for (the first one it started or loaded), for error messages.</summary>
    public string? FirstInstanceId { get; private set; }

    public async Task<ProcessInstanceRecord> StartAsync(string definitionId, StartInstance command, CancellationToken cancellationToken)
    {
        FirstInstanceId ??= command.InstanceId;
        var process = await ModelAsync(definitionId, cancellationToken).ConfigureAwait(false);
        var result = executor.Start(process, definitionId, command, now);
        var record = new ProcessInstanceRecord
        {
            Id = command.InstanceId,
            DefinitionId = definitionId,
            ProcessKey = process.Id,
            Status = "",
            StateJson = "",
            RowVersion = 0,
        };
        _versionsRead[record.Id] = null;
        await ApplyAsync(record, result, cancellationToken).ConfigureAwait(false);
        return record;
    }

    public async Task<ProcessInstanceRecord> ExecuteAsync(string instanceId, EngineCommand command, CancellationToken cancellationToken)
    {
        FirstInstanceId ??= instanceId;
        var (record, state) = await LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var process = await ModelAsync(state.DefinitionId, cancellationToken).ConfigureAwait(false);
        await ApplyAsync(record, executor.Execute(process, state, command, now), cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>
    /// Delivers a message to the instance's subscriptions with this name that exist now (or only to
    /// <paramref name="onlySubscriptionId"/>), one CorrelateMessage command each, skipping any an earlier
    /// delivery withdrew (an event gateway) and not the ones it armed (a non-interrupting boundary re-subscribes).
    /// </summary>
    public async Task<(ProcessInstanceRecord Record, int Delivered)> CorrelateAsync(
        string instanceId, string messageName, string? onlySubscriptionId, IReadOnlyDictionary<string, object?>? variables, CancellationToken cancellationToken)
    {
        FirstInstanceId ??= instanceId;
        var (record, state) = await LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var targets = state.Subscriptions
            .Where(s => s.MessageName == messageName && (onlySubscriptionId is null || s.Id == onlySubscriptionId))
            .OrderBy(s => s.Created).Select(s => s.Id).ToList();
        var delivered = 0;
        foreach (var subscriptionId in targets)
        {
            if (_instances[instanceId].State.Subscriptions.Exists(s => s.Id == subscriptionId))
            {
                await ExecuteAsync(instanceId, new CorrelateMessage(subscriptionId, variables), cancellationToken).ConfigureAwait(false);
                delivered++;
            }
        }

        return (record, delivered);
    }

    /// <summary>Follows the queued effects until none is left (a chain of call activities may produce more).</summary>
    public async Task FollowEffectsAsync(CancellationToken cancellationToken)
    {
        while (_effects.TryDequeue(out var next))
        {
            var (source, effect) = next;
            switch (effect)
            {
                case StartCalledProcess call:
                    var definitionId = call.Binding == "version" && call.Version is { } version
                        ? call.ProcessKey + ":" + version.ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : await LatestDefinitionAsync(call.ProcessKey, cancellationToken).ConfigureAwait(false)
                            ?? throw new EngineException(new BilingualText(
                                $"Aktivitas pemanggil: proses '{call.ProcessKey}' belum diterapkan.",
                                $"Call activity: process '{call.ProcessKey}' is not deployed."));
                    await StartAsync(definitionId, new StartInstance(call.InstanceId, call.BusinessKey, call.Variables)
                    {
                        SuperInstanceId = call.SuperInstanceId,
                        SuperExecutionId = call.SuperExecutionId,
                    }, cancellationToken).ConfigureAwait(false);
                    break;
                case NotifyCaller notify:
                    await ExecuteAsync(notify.SuperInstanceId, new CompleteCallActivity(notify.SuperExecutionId, notify.Variables), cancellationToken).ConfigureAwait(false);
                    break;
                case PropagateErrorToCaller error:
                    await ExecuteAsync(error.SuperInstanceId, new PropagateCalledError(error.SuperExecutionId, error.ErrorCode, error.ErrorMessage), cancellationToken).ConfigureAwait(false);
                    break;
                case CancelCalledProcess cancel:
                    var child = await TryLoadAsync(cancel.InstanceId, cancellationToken).ConfigureAwait(false);
                    if (child is { State.IsEnded: false })
                    {
                        await ExecuteAsync(cancel.InstanceId, new CancelInstance("call activity cancelled"), cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case TaskTimeoutFired timeout:
                    Outbox("task.timeout", $"task-timeout:{timeout.Task.Id}:{timeout.ListenerId}:{timeout.FiredCount}", source.Id, new
                    {
                        instanceId = source.Id,
                        taskId = timeout.Task.Id,
                        taskName = timeout.Task.Name,
                        assignee = timeout.Task.Assignee,
                        candidateGroups = timeout.Task.CandidateGroups,
                        dueDate = timeout.Task.DueDate,
                        listenerId = timeout.ListenerId,
                        delegateExpression = timeout.DelegateExpression,
                        firedCount = timeout.FiredCount,
                    });
                    break;
                case DeadlineStepFired step:
                    await DeadlineOutbox.WriteAsync(this, source, step, cancellationToken).ConfigureAwait(false);
                    break;
                case InstanceEnded ended:
                    Outbox("instance.ended", $"instance-ended:{source.Id}", source.Id, new
                    {
                        instanceId = source.Id,
                        processKey = source.ProcessKey,
                        businessKey = source.BusinessKey,
                        status = ended.Status.ToString(),
                    });
                    break;
                default:
                    throw new InvalidOperationException($"Unhandled engine effect {effect.GetType().Name}.");
            }
        }
    }

    /// <summary>
    /// After a failed commit: did another command commit on an instance this unit read? Then the failure
    /// (a unique key, e.g. the same outbox row written by the winner, may trip before the row version check)
    /// is a lost race, to be retried on fresh state, not an error.
    /// </summary>
    public async Task<bool> LostRaceAsync(DbSession fresh, CancellationToken cancellationToken)
    {
        foreach (var (id, read) in _versionsRead)
        {
            var current = await fresh.ScalarAsync(CommandSql.RowVersion, cancellationToken, id).ConfigureAwait(false);
            if ((current is null ? (long?)null : Convert.ToInt64(current, CultureInfo.InvariantCulture)) != read)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>After the commit: the states this unit wrote become the cached committed states.</summary>
    public void Committed()
    {
        foreach (var (record, state) in _instances.Values)
        {
            instances?.Put(record, state);
        }
    }

    internal void Outbox(string kind, string idempotencyKey, string instanceId, object payload) =>
        Outbox(kind, idempotencyKey, instanceId, JsonSerializer.Serialize(payload));

    /// <summary>Adds an outbox row to this command's transaction.</summary>
    public void Outbox(string kind, string idempotencyKey, string instanceId, string payloadJson)
    {
        _outboxKeys.Add(idempotencyKey);
        // A version 7 id (time first): the outbox's primary key then grows at its right edge instead of a random leaf
        // per row (timers-burst 20000 with KKS_SQLITE_CHECKPOINT=Off: 9.7 -> 9.2 WAL pages per firing on SQLite).
        Writes.Add(CommandSql.InsertOutbox, Guid.CreateVersion7(now).ToString("N"), idempotencyKey, kind, instanceId, payloadJson, now, now);
        Writes.Outbox = true;
    }

    /// <summary>Whether an outbox row with this key exists, committed or written earlier by this command.</summary>
    public async Task<bool> OutboxKeyExistsAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        _outboxKeys.Contains(idempotencyKey)
        || await session.ScalarAsync(CommandSql.OutboxKeyExists, cancellationToken, idempotencyKey).ConfigureAwait(false) is not null;

    /// <summary>
    /// The instance a task (<see cref="CommandSql.TaskInstance"/>) or timer (<see cref="CommandSql.TimerInstance"/>)
    /// belongs to, or null when the row is gone. The instance's row version comes with it, so a cached instance is
    /// not read again (the version is checked by the write anyway).
    /// </summary>
    public async Task<string?> InstanceOfAsync(Statement lookup, string id, CancellationToken cancellationToken)
    {
        var reader = await session.ReadAsync(lookup, cancellationToken, id).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var instanceId = reader.GetString(0);
            if (!reader.IsDBNull(1))
            {
                _versionsSeen[instanceId] = reader.GetInt64(1);
            }

            return instanceId;
        }
    }

    /// <summary>
    /// The instance holding a task as this node's cache knows it (its last committed state here holds the task), with
    /// that state taken as read: no lookup and no load. Null when the cache does not know the task. A guess: if
    /// another node committed on the instance since, the write's row version check fails and the command runs again
    /// (with <see cref="InstanceOfAsync"/>).
    /// </summary>
    public string? CachedInstanceOfTask(string taskId)
    {
        if (instances is null || !instances.TryGetByTask(taskId, out var record, out var state) || _instances.ContainsKey(record.Id))
        {
            return null;
        }

        _versionsRead[record.Id] = record.RowVersion;
        _instances[record.Id] = (record, state);
        _guessed = (record.Id, record.RowVersion);
        return record.Id;
    }

    /// <summary>Whether this attempt took its instance from <see cref="CachedInstanceOfTask"/>.</summary>
    public bool Guessed => _guessed is not null;

    /// <summary>Whether this attempt ran on a cached state (<see cref="CachedInstanceOfTask"/>) that is no longer the committed one.</summary>
    public async Task<bool> GuessWasStaleAsync(CancellationToken cancellationToken)
    {
        if (_guessed is not var (id, version))
        {
            return false;
        }

        var current = await session.ScalarAsync(CommandSql.RowVersion, cancellationToken, id).ConfigureAwait(false);
        return current is null || Convert.ToInt64(current, CultureInfo.InvariantCulture) != version;
    }

    /// <summary>The latest version's definition id of a process key, or null when none is deployed.</summary>
    public async Task<string?> LatestDefinitionAsync(string processKey, CancellationToken cancellationToken) =>
        (string?)await session.ScalarAsync(CommandSql.LatestDefinition, cancellationToken, processKey).ConfigureAwait(false);

    /// <summary>The candidates a task has now (written earlier by this command, else committed); null when the task is gone.</summary>
    public async Task<List<(CandidateKind Kind, string Value)>?> CandidatesAsync(string taskId, CancellationToken cancellationToken)
    {
        if (_candidates.TryGetValue(taskId, out var known))
        {
            return known;
        }

        List<(CandidateKind, string)>? found = null;
        var reader = await session.ReadAsync(CommandSql.TaskCandidates, cancellationToken, taskId).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found ??= [];
                if (!reader.IsDBNull(0))
                {
                    found.Add(((CandidateKind)Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1)));
                }
            }
        }

        return found;
    }

    public void KnowCandidates(string taskId, List<(CandidateKind Kind, string Value)> candidates) => _candidates[taskId] = candidates;

    public void ForgetCandidates(string taskId) => _candidates.Remove(taskId);

    /// <summary>
    /// Before the commit: each instance this unit touched is written once, with its final state: inserted when
    /// started here, else updated where its row version is still the one read (the optimistic lock).
    /// </summary>
    public void WriteInstances()
    {
        foreach (var (record, state) in _instances.Values)
        {
            record.StateJson = InstanceStateJson.Serialize(state);
            Writes.InstanceIds.Add(record.Id);
            if (_versionsRead[record.Id] is { } read)
            {
                Writes.Instance(CommandSql.UpdateInstance, record.BusinessKey, record.Status, record.StateJson, record.RowVersion, record.SuperInstanceId,
                    record.StartedAt, record.EndedAt, record.StartedBy, record.Id, read);
            }
            else
            {
                Writes.Instance(CommandSql.InsertInstance, record.Id, record.DefinitionId, record.ProcessKey, record.BusinessKey, record.Status,
                    record.StateJson, record.RowVersion, record.SuperInstanceId, record.StartedAt, record.EndedAt, record.StartedBy);
            }
        }
    }

    private async Task ApplyAsync(ProcessInstanceRecord record, ExecutionResult result, CancellationToken cancellationToken)
    {
        var state = result.State;
        record.Status = state.Status.ToString();
        record.BusinessKey = state.BusinessKey;
        record.SuperInstanceId = state.SuperInstanceId;
        record.StartedAt = state.StartedAt;
        record.StartedBy = state.StartedBy;
        record.EndedAt = state.EndedAt;
        // The concurrency token: written WHERE row_version = <value read>, so a racing writer's commit fails.
        record.RowVersion++;
        _instances[state.Id] = (record, state);
        await RowWriter.WriteAsync(this, state, result, cancellationToken).ConfigureAwait(false);
        foreach (var effect in result.Effects)
        {
            _effects.Enqueue((state, effect));
        }
    }

    /// <summary>
    /// The parsed model: from the cache without touching the session's EF context (made, then cleared and disposed
    /// with the session, it cost about a tenth of a completion's client CPU on PostgreSQL), else read through it.
    /// </summary>
    private ValueTask<Engine.Model.ProcessModel> ModelAsync(string definitionId, CancellationToken cancellationToken) =>
        cache.TryGet(definitionId, out var model) ? ValueTask.FromResult(model) : new(cache.GetAsync(Context, definitionId, cancellationToken));

    private async Task<(ProcessInstanceRecord Record, ProcessInstanceState State)> LoadAsync(string instanceId, CancellationToken cancellationToken) =>
        await TryLoadAsync(instanceId, cancellationToken).ConfigureAwait(false)
        ?? throw new NotFoundException(new BilingualText($"Proses '{instanceId}' tidak ditemukan.", $"Instance '{instanceId}' was not found."));

    private async Task<(ProcessInstanceRecord Record, ProcessInstanceState State)?> TryLoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (_instances.TryGetValue(instanceId, out var loaded))
        {
            return loaded;
        }

        if (instances is not null && instances.Contains(instanceId))
        {
            // A hot instance: its row version alone says whether the cached state is still the committed one.
            long? version = _versionsSeen.TryGetValue(instanceId, out var seen) ? seen
                : await session.ScalarAsync(CommandSql.RowVersion, cancellationToken, instanceId).ConfigureAwait(false) is { } read
                    ? Convert.ToInt64(read, CultureInfo.InvariantCulture) : null;
            if (version is null)
            {
                return null;
            }

            if (instances.TryGet(instanceId, version.Value, out var cachedRecord, out var cachedState))
            {
                _versionsRead[instanceId] = cachedRecord.RowVersion;
                _instances[instanceId] = (cachedRecord, cachedState);
                return (cachedRecord, cachedState);
            }
        }

        var record = await ReadInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        if (_versionsSeen.TryGetValue(instanceId, out var looked) && looked != record.RowVersion)
        {
            // The lookup that led here (a task, a timer) saw another version: what it found may be gone since.
            throw new LostRaceException(CommandSql.LoadInstance.Text, 0);
        }

        _versionsRead[instanceId] = record.RowVersion;
        var entry = (record, InstanceStateJson.Deserialize(record.StateJson));
        _instances[instanceId] = entry;
        return entry;
    }

    private async Task<ProcessInstanceRecord?> ReadInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var reader = await session.ReadAsync(CommandSql.LoadInstance, cancellationToken, instanceId).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new ProcessInstanceRecord
            {
                Id = reader.GetString(0),
                DefinitionId = reader.GetString(1),
                ProcessKey = reader.GetString(2),
                BusinessKey = reader.IsDBNull(3) ? null : reader.GetString(3),
                Status = reader.GetString(4),
                StateJson = reader.GetString(5),
                RowVersion = reader.GetInt64(6),
                SuperInstanceId = reader.IsDBNull(7) ? null : reader.GetString(7),
                StartedAt = session.ReadTime(reader, 8),
                EndedAt = session.ReadNullableTime(reader, 9),
                StartedBy = reader.IsDBNull(10) ? null : reader.GetString(10),
            };
        }
    }
}
