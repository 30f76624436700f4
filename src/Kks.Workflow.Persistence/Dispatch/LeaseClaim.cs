using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Dispatch;

/// <summary>What a dispatcher claims: its table, lease columns, which rows are due, in which order, what to return.</summary>
internal sealed record LeaseTable(string Table, string OwnerColumn, string UntilColumn, string DueFilter, string OrderBy, string Returning);

/// <summary>
/// Leases up to a batch of due rows to one node in one statement, the same way for timers, jobs and outbox.
/// SQLite has one writer at a time, so the UPDATE ... RETURNING is atomic there; PostgreSQL skips rows another
/// node is claiming right now (FOR UPDATE SKIP LOCKED) instead of waiting for them. A row whose lease ran out
/// (its node died) is claimable again.
/// </summary>
internal static class LeaseClaim
{
    public static async Task<List<T>> ClaimAsync<T>(
        DbContextOptions<WorkflowDbContext> options,
        LeaseTable table,
        string nodeId,
        DateTimeOffset now,
        TimeSpan leaseDuration,
        int batchSize,
        Func<DbDataReader, T> read,
        CancellationToken cancellationToken)
    {
        await using var context = new WorkflowDbContext(options);
        var sqlite = context.Database.IsSqlite();
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = context.Database.GetDbConnection().CreateCommand();
#pragma warning disable CA2100 // Table and column names are constants of the dispatchers; every value is a parameter.
        command.CommandText = $"""
            UPDATE {table.Table} SET {table.OwnerColumn} = @node, {table.UntilColumn} = @until
            WHERE id IN (SELECT id FROM {table.Table}
                         WHERE {table.DueFilter} AND ({table.UntilColumn} IS NULL OR {table.UntilColumn} < @now)
                         ORDER BY {table.OrderBy} LIMIT @batch{(sqlite ? "" : " FOR UPDATE SKIP LOCKED")})
            RETURNING {table.Returning}
            """;
#pragma warning restore CA2100
        Add(command, "@node", nodeId);
        Add(command, "@until", Time(now + leaseDuration, sqlite));
        Add(command, "@now", Time(now, sqlite));
        Add(command, "@batch", batchSize);
        var rows = new List<T>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
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
