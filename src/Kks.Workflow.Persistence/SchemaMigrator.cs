using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Kks.Workflow.Persistence;

/// <summary>
/// Applies the ordered SQL scripts of the provider (Migrations/&lt;Provider&gt;/NNNN_name.sql) that the database has
/// not seen yet (every missing version, not only those above the highest: a script merged after a later one was
/// applied still runs), each in its own transaction together with its row in schema_version, so a crash mid-upgrade
/// leaves the database at the previous version. Several nodes starting at once on PostgreSQL serialise on an
/// advisory lock; on SQLite the write lock does the same.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>An arbitrary constant: the advisory lock that serialises migrations across nodes.</summary>
    private const long PostgresLockId = 0x4B4B53_0001;

    public sealed record Script(int Version, string Name, string Sql);

    public static IReadOnlyList<Script> Scripts(bool sqlite)
    {
        var prefix = "Migrations." + (sqlite ? "Sqlite" : "PostgreSql") + "/";
        var assembly = typeof(SchemaMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Select(name => name.Replace('\\', '/'))
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name =>
            {
                var file = name[prefix.Length..^".sql".Length];
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return new Script(int.Parse(file[..4], CultureInfo.InvariantCulture), file, reader.ReadToEnd());
            })
            .OrderBy(s => s.Version)
            .ToList();
    }

    /// <summary>Brings the database to the newest schema (or to <paramref name="targetVersion"/>); returns the versions applied.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(WorkflowDbContext context, int? targetVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sqlite = context.Database.IsSqlite();
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(context, "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)", cancellationToken).ConfigureAwait(false);
            var applied = new List<int>();
            foreach (var script in Scripts(sqlite).Where(s => targetVersion is null || s.Version <= targetVersion))
            {
                var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    if (!sqlite)
                    {
                        await ExecuteAsync(context, $"SELECT pg_advisory_xact_lock({PostgresLockId})", cancellationToken).ConfigureAwait(false);
                    }

                    // Read inside the transaction: another node may have applied it while we waited for the lock.
                    if (await IsAppliedAsync(context, script.Version, cancellationToken).ConfigureAwait(false))
                    {
                        continue;
                    }

                    await ExecuteAsync(context, script.Sql, cancellationToken).ConfigureAwait(false);
                    await ExecuteAsync(context, string.Create(CultureInfo.InvariantCulture,
                        $"INSERT INTO schema_version (version, name, applied_at) VALUES ({script.Version}, '{script.Name}', CAST(CURRENT_TIMESTAMP AS text))"), cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    applied.Add(script.Version);
                }
            }

            return applied;
        }
        finally
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    public static async Task<int> CurrentVersionAsync(WorkflowDbContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var connection = context.Database.GetDbConnection();
        using var command = connection.CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    private static async Task<bool> IsAppliedAsync(WorkflowDbContext context, int version, CancellationToken cancellationToken)
    {
        var connection = context.Database.GetDbConnection();
        using var command = connection.CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"SELECT COUNT(*) FROM schema_version WHERE version = {version}");
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(value, CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(WorkflowDbContext context, string sql, CancellationToken cancellationToken)
    {
        DbConnection connection = context.Database.GetDbConnection();
        using var command = connection.CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
#pragma warning disable CA2100 // Scripts are embedded resources of this assembly, never input.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
