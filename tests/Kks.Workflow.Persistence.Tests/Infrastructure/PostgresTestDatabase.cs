using Kks.Workflow.Persistence;
using Npgsql;

namespace Kks.Workflow.Persistence.Tests.Infrastructure;

/// <summary>
/// A fresh schema in the database named by KKS_TEST_POSTGRES (see .ci/start-postgres.sh), used as the
/// search path so the unqualified migration scripts create their tables there; dropped afterwards.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string Variable = "KKS_TEST_POSTGRES";

    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N");

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public override PersistenceOptions Options => field ??= new PersistenceOptions
    {
        Provider = DatabaseProvider.PostgreSql,
        PostgresConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = _schema }.ToString(),
    };

    public override async Task CreateAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE SCHEMA {_schema}", connection);
        await command.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
