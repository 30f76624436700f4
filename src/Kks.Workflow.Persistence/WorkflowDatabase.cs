using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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
                builder.UseNpgsql(options.PostgresConnectionString
                    ?? throw new InvalidOperationException("Persistence:PostgresConnectionString is required when Provider is PostgreSql."));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider.");
        }

        return builder.Options;
    }

    public static WorkflowDbContext CreateContext(DbContextOptions<WorkflowDbContext> options) => new(options);
}
