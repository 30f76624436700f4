using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kks.Workflow.Persistence;

/// <summary>Builds DbContext options from <see cref="PersistenceOptions"/>: the one provider switch.</summary>
public static class WorkflowDatabase
{
    public static DbContextOptions<WorkflowDbContext> CreateOptions(PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                Directory.CreateDirectory(options.DataDirectory);
                var connection = new SqliteConnectionStringBuilder
                {
                    DataSource = Path.Combine(options.DataDirectory, options.SqliteFileName),
                    DefaultTimeout = (int)Math.Ceiling(options.SqliteBusyTimeout.TotalSeconds),
                    Pooling = true,
                }.ToString();
                builder.UseSqlite(connection).AddInterceptors(new SqlitePragmaInterceptor(options));
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(PostgresConnectionString(options.PostgresConnectionString
                    ?? throw new InvalidOperationException("Persistence:PostgresConnectionString is required when Provider is PostgreSql.")));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider.");
        }

        return builder.Options;
    }

    /// <summary>
    /// The configured Npgsql connection string with the command path's defaults where it does not say otherwise:
    /// <c>Max Auto Prepare</c> 64 (Npgsql prepares a statement on the physical connection after a few uses, so the
    /// server parses and plans each of the command path's statements once, batched ones included), and <c>No Reset
    /// On Close</c> (a connection back in the pool is not reset with seven statements on its next use: nothing here
    /// leaves session state behind, the only advisory lock is transaction-scoped).
    /// </summary>
    public static string PostgresConnectionString(string configured)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (!given.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!given.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    public static WorkflowDbContext CreateContext(DbContextOptions<WorkflowDbContext> options) => new(options);
}
