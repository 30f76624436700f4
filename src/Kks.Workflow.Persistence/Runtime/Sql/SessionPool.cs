using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Kks.Workflow.Persistence.Runtime.Sql;

/// <summary>
/// Where the command path gets its connections. SQLite: a few connections kept open with their prepared
/// statements and pragmas (closing one would finalize its statements; the file is local, an open connection
/// costs a file handle). PostgreSQL: a pooled Npgsql connection per rental (Npgsql keeps prepared statements on
/// the physical connection, and the server's connection limit is not ours to hold on to: a runtime that is
/// dropped, as tests do by the dozen, would keep its sessions' connections busy for good). The open SQLite
/// connections live as long as the runtime (a singleton in a host) and close with the process.
/// </summary>
internal sealed class SessionPool(DbContextOptions<WorkflowDbContext> options, int maxIdle = 16)
{
    private readonly ConcurrentBag<DbSession> _idle = [];
    private readonly Lazy<(bool Sqlite, string ConnectionString, SqlitePragmaInterceptor? Pragmas)> _provider = new(() =>
    {
        using var context = new WorkflowDbContext(options);
        var pragmas = options.FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<SqlitePragmaInterceptor>().FirstOrDefault();
        return (context.Database.IsSqlite(), context.Database.GetConnectionString()
            ?? throw new InvalidOperationException("The workflow database has no connection string."), pragmas);
    });

    private int _idleCount;

    public bool IsSqlite => _provider.Value.Sqlite;

    public async ValueTask<DbSession> RentAsync(CancellationToken cancellationToken)
    {
        if (IsSqlite && _idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
            if (IsSqlite && session.IsUsable)
            {
                return session;
            }

            await session.DisposeAsync().ConfigureAwait(false);
        }

        return await OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ReturnAsync(DbSession session)
    {
        if (IsSqlite && session.IsUsable)
        {
            // Kept for the next command: forget what this one tracked (a PostgreSQL session is disposed instead).
            session.Reset();
            if (Interlocked.Increment(ref _idleCount) <= maxIdle)
            {
                _idle.Add(session);
                return;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        await session.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A new session of its own (the group committer's writer keeps one for good).</summary>
    public async Task<DbSession> OpenAsync(CancellationToken cancellationToken)
    {
        var (sqlite, connectionString, pragmas) = _provider.Value;
        if (sqlite)
        {
            var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            pragmas?.Apply(connection);
            return new DbSession(connection, sqlite: true, options);
        }

        var npgsql = new NpgsqlConnection(connectionString);
        await npgsql.OpenAsync(cancellationToken).ConfigureAwait(false);
        return new DbSession(npgsql, sqlite: false, options);
    }
}
