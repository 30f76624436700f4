using Kks.Workflow.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Tests.Infrastructure;

/// <summary>A fresh, empty database for one test, on one provider; removed afterwards.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    private DbContextOptions<WorkflowDbContext>? _contextOptions;

    public abstract PersistenceOptions Options { get; }

    public bool IsSqlite => Options.Provider == DatabaseProvider.Sqlite;

    public DbContextOptions<WorkflowDbContext> ContextOptions => _contextOptions ??= WorkflowDatabase.CreateOptions(Options);

    public WorkflowDbContext NewContext() => new(ContextOptions);

    public abstract Task CreateAsync();

    public async Task MigrateAsync(int? toVersion = null)
    {
        await using var context = NewContext();
        await SchemaMigrator.MigrateAsync(context, toVersion);
    }

    public abstract ValueTask DisposeAsync();
}
