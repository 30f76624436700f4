using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Runtime.Sql;

/// <summary>
/// An open connection with its prepared commands: each <see cref="Statement"/> is prepared the first time this
/// session runs it and re-used after (on SQLite the compiled statement stays with the command; on PostgreSQL
/// Npgsql keeps it on the physical connection across pool rentals). Not thread-safe: one command at a time.
/// A context for the cold paths (EF queries: a model not yet cached, message correlation) is made on demand.
/// </summary>
internal sealed class DbSession(DbConnection connection, bool sqlite, DbContextOptions<WorkflowDbContext> options) : IAsyncDisposable, IDisposable
{
    private readonly Dictionary<Statement, DbCommand> _commands = new(ReferenceEqualityComparer.Instance);
    private WorkflowDbContext? _context;

    public DbConnection Connection => connection;

    public bool IsSqlite => sqlite;

    /// <summary>An EF context for the rare reads that stay on EF; it has its own connection.</summary>
    public WorkflowDbContext Context => _context ??= new WorkflowDbContext(options);

    public bool IsUsable => connection.State == ConnectionState.Open;

    public async Task<int> ExecuteAsync(Statement statement, DbTransaction? transaction, params object?[] values)
    {
        var command = Bind(statement, transaction, values);
        return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Runs a query; the caller disposes the reader (on SQLite a reader left open pins an old snapshot).</summary>
    public async Task<DbDataReader> ReadAsync(Statement statement, CancellationToken cancellationToken, params object?[] values)
    {
        var command = Bind(statement, null, values);
        return await command.ExecuteReaderAsync(CommandBehavior.Default, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first column of the first row, or null.</summary>
    public async Task<object?> ScalarAsync(Statement statement, CancellationToken cancellationToken, params object?[] values)
    {
        var command = Bind(statement, null, values);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    public DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        sqlite ? new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero) : reader.GetFieldValue<DateTimeOffset>(ordinal);

    public DateTimeOffset? ReadNullableTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    /// <summary>Forgets what a command left behind (EF's tracked entities) before the session serves the next one.</summary>
    public void Reset() => _context?.ChangeTracker.Clear();

    private DbCommand Bind(Statement statement, DbTransaction? transaction, object?[] values)
    {
        if (!_commands.TryGetValue(statement, out var command))
        {
            command = Prepare(statement);
            _commands.Add(statement, command);
        }

        command.Transaction = transaction;
        var parameters = command.Parameters;
        var types = statement.Parameters;
        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = ToDb(types[i].Type, values[i]);
        }

        return command;
    }

    private DbCommand Prepare(Statement statement)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant statements of this assembly; every value is a parameter.
        command.CommandText = statement.Text;
#pragma warning restore CA2100
        foreach (var (name, type) in statement.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.DbType = type switch
            {
                ParameterType.Text => DbType.String,
                ParameterType.Int32 => DbType.Int32,
                ParameterType.Int64 => DbType.Int64,
                _ => sqlite ? DbType.Int64 : DbType.DateTimeOffset,
            };
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }

        command.Prepare();
        return command;
    }

    /// <summary>A value as the provider stores it (times: UTC ticks on SQLite, UTC timestamptz on PostgreSQL).</summary>
    internal object ToDb(ParameterType type, object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset time when type == ParameterType.Time => sqlite ? time.UtcTicks : time.ToUniversalTime(),
        _ => value,
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        _commands.Clear();
        if (_context is not null)
        {
            await _context.DisposeAsync().ConfigureAwait(false);
        }

        await connection.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        _context?.Dispose();
        connection.Dispose();
    }
}
