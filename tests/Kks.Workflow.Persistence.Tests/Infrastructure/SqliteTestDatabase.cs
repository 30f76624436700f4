using Kks.Workflow.Persistence;
using Microsoft.Data.Sqlite;

namespace Kks.Workflow.Persistence.Tests.Infrastructure;

/// <summary>A SQLite file in its own temp folder, with the production pragmas (WAL, synchronous=FULL).</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kks-persistence-tests", Guid.NewGuid().ToString("N"));

    public override PersistenceOptions Options => field ??= new PersistenceOptions
    {
        Provider = DatabaseProvider.Sqlite,
        DataDirectory = _folder,
    };

    public override Task CreateAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them before deleting the folder.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test over cleaning up.
        }

        return ValueTask.CompletedTask;
    }
}
