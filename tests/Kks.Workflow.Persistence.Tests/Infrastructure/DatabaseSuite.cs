namespace Kks.Workflow.Persistence.Tests.Infrastructure;

/// <summary>Base of every shared suite: a fresh database per test, of the provider the subclass names.</summary>
public abstract class DatabaseSuite : IAsyncLifetime
{
    private TestDatabase? _database;

    protected TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    protected abstract TestDatabase CreateDatabase();

    public virtual async Task InitializeAsync()
    {
        _database = CreateDatabase();
        await _database.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
