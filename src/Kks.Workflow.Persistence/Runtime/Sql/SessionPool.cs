using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Kks.Workflow.Persistence.Runtime.Sql;

/// <summary>
/// Where the command path gets its connections: a few kept open (up to <c>maxIdle</c> idle) with their prepared
/// commands, and on SQLite their pragmas (closing one would finalize its statements; the file is local, an open
/// connection costs a file handle). On PostgreSQL a kept session is a physical connection Npgsql's pool would have
/// kept open anyway; keeping it here spares building its commands and parameters again on every rental. The open
/// connections live as long as the runtime (a singleton in a host) and close with the process; a broken one is
/// dropped when next rented.
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
        if (_idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
            if (session.IsUsable)
            {
                return session;
            }

            await session.DisposeAsync().ConfigureAwait(false);
        }

        return await OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ReturnAsync(DbSession session)
    {
        session.Reset();
        if (session.IsUsable)
        {
            if (Interlocked.Increment(ref _idleCount) <= maxIdle)
            {
                _idle.Add(session);
                return;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        await session.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The instance state (about 12 KB of JSON for a KKS instance) is written whole by every command and PostgreSQL
    /// compresses it on the way to TOAST: with lz4 (PostgreSQL 14 and later, when built with it) instead of the
    /// default pglz, which measured a large share of the server's CPU per command. A server without it keeps pglz.
    /// </summary>
    private static async Task CompressWithLz4Async(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (connection.PostgreSqlVersion.Major < 14)
        {
            return;
        }

        var command = new NpgsqlCommand("SET default_toast_compression = lz4", connection);
        await using (command.ConfigureAwait(false))
        {
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException)
            {
                // Built without lz4: pglz it is.
            }
        }
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
        await CompressWithLz4Async(npgsql, cancellationToken).ConfigureAwait(false);
        return new DbSession(npgsql, sqlite: false, options);
    }
}
