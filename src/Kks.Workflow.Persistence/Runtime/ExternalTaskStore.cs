using System.Data.Common;
using System.Globalization;
using System.Text;
using Kks.Workflow.Engine;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Runtime;

/// <summary>One topic of a fetch-and-lock request: its lock duration and the optional narrowing Camunda allows.</summary>
public sealed record ExternalTaskTopic(string TopicName, TimeSpan LockDuration)
{
    public string? BusinessKey { get; init; }

    public string? ProcessDefinitionId { get; init; }

    public IReadOnlyList<string>? ProcessDefinitionIdIn { get; init; }

    public string? ProcessDefinitionKey { get; init; }

    public IReadOnlyList<string>? ProcessDefinitionKeyIn { get; init; }
}

/// <summary>Why a worker may not act on an external task.</summary>
public enum LockViolation
{
    None,
    NotFound,
    NotLocked,
    OtherWorker,
    Expired,
}

/// <summary>
/// The lock columns of external task rows (jobs of kind ExternalTask): claimed by workers outside any engine command.
/// The engine never sees the lock; a command that changes the job (failure, retries) clears it with the row.
/// </summary>
public sealed class ExternalTaskStore(DbContextOptions<WorkflowDbContext> options, TimeProvider clock)
{
    private static readonly string ExternalKind = nameof(JobKind.ExternalTask);

    /// <summary>
    /// Locks up to <paramref name="maxTasks"/> unlocked (or lock-expired) external tasks of the topics to the worker in
    /// one statement: on SQLite the one writer makes the UPDATE ... RETURNING atomic; on PostgreSQL rows another worker is
    /// claiming right now are skipped (FOR UPDATE SKIP LOCKED), so two workers never get the same task. Each row gets
    /// the lock duration of the first topic naming it. Returns the locked rows' ids.
    /// </summary>
    public async Task<IReadOnlyList<string>> FetchAndLockAsync(
        string workerId, IReadOnlyList<ExternalTaskTopic> topics, int maxTasks, bool usePriority, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Count == 0 || maxTasks <= 0)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        await using var context = new WorkflowDbContext(options);
        var sqlite = context.Database.IsSqlite();
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = context.Database.GetDbConnection().CreateCommand();
        var filters = new StringBuilder();
        var lockCase = new StringBuilder("CASE");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < topics.Count; i++)
        {
            var topic = topics[i];
            var p = $"@t{i}";
            Add(command, p, topic.TopicName);
            if (seen.Add(topic.TopicName))
            {
                Add(command, $"@u{i}", Time(now + topic.LockDuration, sqlite));
                lockCase.Append(CultureInfo.InvariantCulture, $" WHEN topic = {p} THEN @u{i}");
            }

            filters.Append(i == 0 ? "(" : " OR (").Append(CultureInfo.InvariantCulture, $"j.topic = {p}");
            if (topic.BusinessKey is not null)
            {
                Add(command, $"@bk{i}", topic.BusinessKey);
                filters.Append(CultureInfo.InvariantCulture, $" AND i.business_key = @bk{i}");
            }

            AppendIn(command, filters, "i.definition_id", $"@pd{i}_", Merge(topic.ProcessDefinitionId, topic.ProcessDefinitionIdIn));
            AppendIn(command, filters, "i.process_key", $"@pk{i}_", Merge(topic.ProcessDefinitionKey, topic.ProcessDefinitionKeyIn));
            filters.Append(')');
        }

        lockCase.Append(" END");
#pragma warning disable CA2100 // Column names are constants; every value (topic, keys, times) is a parameter.
        command.CommandText = $"""
            UPDATE jobs SET lock_owner = @worker, lock_until = {lockCase}
            WHERE id IN (SELECT j.id FROM jobs j JOIN process_instances i ON i.id = j.instance_id
                         WHERE j.kind = @kind AND j.retries > 0 AND (j.due_at IS NULL OR j.due_at <= @now)
                           AND (j.lock_until IS NULL OR j.lock_until < @now) AND ({filters})
                         ORDER BY {(usePriority ? "j.priority DESC, " : "")}j.created_at, j.id LIMIT @max{(sqlite ? "" : " FOR UPDATE OF j SKIP LOCKED")})
            RETURNING id
            """;
#pragma warning restore CA2100
        Add(command, "@worker", workerId);
        Add(command, "@kind", ExternalKind);
        Add(command, "@now", Time(now, sqlite));
        Add(command, "@max", maxTasks);
        var ids = new List<string>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>The external task row, or null when there is none (completed, or never an external task).</summary>
    public async Task<JobRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var context = new WorkflowDbContext(options);
        return await context.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id && j.Kind == ExternalKind, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the worker holds the task's lock (Camunda lets the holder complete even after the lock ran out, as long as nobody else took it).</summary>
    public static LockViolation Check(JobRecord? job, string? workerId, DateTimeOffset now, bool requireUnexpired = false)
    {
        if (job is null)
        {
            return LockViolation.NotFound;
        }

        if (job.LockOwner is null)
        {
            return LockViolation.NotLocked;
        }

        if (!string.Equals(job.LockOwner, workerId, StringComparison.Ordinal))
        {
            return LockViolation.OtherWorker;
        }

        return requireUnexpired && job.LockUntil < now ? LockViolation.Expired : LockViolation.None;
    }

    /// <summary>Sets a new lock end (now + duration) if the worker still holds an unexpired lock; false otherwise.</summary>
    public async Task<bool> ExtendLockAsync(string id, string workerId, TimeSpan newDuration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var context = new WorkflowDbContext(options);
        var rows = await context.Jobs
            .Where(j => j.Id == id && j.Kind == ExternalKind && j.LockOwner == workerId && j.LockUntil >= now)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LockUntil, now + newDuration), cancellationToken).ConfigureAwait(false);
        return rows == 1;
    }

    /// <summary>Clears the lock whoever holds it (Camunda's unlock); false when there is no such external task.</summary>
    public async Task<bool> UnlockAsync(string id, CancellationToken cancellationToken)
    {
        await using var context = new WorkflowDbContext(options);
        var rows = await context.Jobs.Where(j => j.Id == id && j.Kind == ExternalKind)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LockOwner, (string?)null).SetProperty(j => j.LockUntil, (DateTimeOffset?)null), cancellationToken)
            .ConfigureAwait(false);
        return rows == 1;
    }

    private static List<string> Merge(string? one, IReadOnlyList<string>? many)
    {
        var all = new List<string>();
        if (one is not null)
        {
            all.Add(one);
        }

        if (many is not null)
        {
            all.AddRange(many);
        }

        return all;
    }

    private static void AppendIn(DbCommand command, StringBuilder filters, string column, string prefix, List<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var names = values.Select((value, k) =>
        {
            var name = prefix + k.ToString(CultureInfo.InvariantCulture);
            Add(command, name, value);
            return name;
        });
        filters.Append(CultureInfo.InvariantCulture, $" AND {column} IN ({string.Join(", ", names)})");
    }

    /// <summary>Times as the model stores them: UTC ticks on SQLite, timestamptz (UTC) on PostgreSQL.</summary>
    private static object Time(DateTimeOffset instant, bool sqlite) => sqlite ? instant.UtcTicks : instant.ToUniversalTime();

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
