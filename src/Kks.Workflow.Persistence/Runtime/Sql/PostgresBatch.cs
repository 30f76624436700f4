using System.Collections.Concurrent;
using System.Data;
using System.Text.RegularExpressions;
using Npgsql;

namespace Kks.Workflow.Persistence.Runtime.Sql;

/// <summary>
/// Commits write sets on PostgreSQL in one round trip: every statement of every write set goes out as one
/// <see cref="NpgsqlBatch"/>, which PostgreSQL runs as one implicit transaction (no BEGIN/COMMIT to send: the batch
/// ends with one Sync, and all of it commits there or none of it does). A statement that must hit exactly one row
/// checks it on the server (wrapped as <c>WITH hit AS (... RETURNING 1) SELECT 1 / (count(*) = 1)::int FROM hit</c>,
/// a division by zero when it hits none), so the whole write needs no answer from the client half-way.
/// When one write set fails (a lost race, a duplicate key), PostgreSQL stops there and rolls everything back; that
/// write set is set aside with its own error and the others are sent again (nothing was committed, the values are
/// still right), so each command stays all-or-nothing. A deadlock or serialization failure is not any one
/// command's fault (another node's batch locked the same rows in another order): it fails the whole batch, whose
/// commands all run again on fresh state.
/// </summary>
internal static partial class PostgresBatch
{
    private const string DivisionByZero = "22012";

    private static readonly ConcurrentDictionary<(Statement Statement, bool ExactlyOne), string> Texts = new();

    private static readonly ConcurrentDictionary<int, bool> Lz4Set = new();

    /// <summary>Commits the write sets that can commit; returns the ones that could not with their errors (by index).</summary>
    /// <exception cref="GroupCommitFailedException">The batch failed as a whole (deadlock, serialization failure).</exception>
    public static async Task<List<(int Index, Exception Error)>> CommitAsync(DbSession writer, IReadOnlyList<WriteSet> sets)
    {
        var connection = (NpgsqlConnection)writer.Connection;
        await CompressWithLz4Async(connection).ConfigureAwait(false);
        var failed = new List<(int Index, Exception Error)>();
        var live = Enumerable.Range(0, sets.Count).ToList();
        while (live.Count > 0)
        {
            var owners = new List<int>();
            var batch = new NpgsqlBatch(connection);
            await using (batch.ConfigureAwait(false))
            {
                foreach (var index in live)
                {
                    foreach (var (statement, values, exactlyOne) in sets[index].Rows)
                    {
                        batch.BatchCommands.Add(Command(writer, statement, values, exactlyOne));
                        owners.Add(index);
                    }
                }

                if (owners.Count == 0)
                {
                    break;
                }

                try
                {
                    await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
                    break;
                }
                catch (PostgresException error) when (error.SqlState is not (PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
                                                      && Failing(batch, error) is { } at)
                {
                    var owner = owners[at];
                    failed.Add((owner, error.SqlState == DivisionByZero && batch.BatchCommands[at].CommandText.StartsWith("WITH hit AS", StringComparison.Ordinal)
                        ? new LostRaceException(batch.BatchCommands[at].CommandText, 0)
                        : error));
                    live.Remove(owner);
                }
                catch (PostgresException error) when (error.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
                {
                    throw new GroupCommitFailedException(error);
                }
            }
        }

        return failed;
    }

    /// <summary>
    /// The index of the statement that failed: the exception's, when Npgsql names it, else the first one that did
    /// not complete (PostgreSQL ran the statements in order up to the failing one, and Npgsql sets the statement
    /// type of each from its completion message). Null when that cannot be told.
    /// </summary>
    private static int? Failing(NpgsqlBatch batch, PostgresException error)
    {
        var commands = batch.BatchCommands;
        if (error.BatchCommand is { } named && commands.IndexOf(named) is var at and >= 0)
        {
            return at;
        }

        for (var i = 0; i < commands.Count; i++)
        {
            if (commands[i].StatementType == Npgsql.StatementType.Unknown)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>
    /// Every command writes its instance's state whole (about 12 KB of JSON for a KKS instance), which PostgreSQL
    /// compresses on its way to TOAST: with lz4 (PostgreSQL 14 and later, when built with it) instead of the default
    /// pglz, which measured about a quarter of the server's CPU per completion. Set once per physical connection
    /// (known by its backend's process id; a reused id at worst leaves a connection on pglz); a server without lz4
    /// keeps pglz.
    /// </summary>
    private static async Task CompressWithLz4Async(NpgsqlConnection connection)
    {
        if (Lz4Set.ContainsKey(connection.ProcessID))
        {
            return;
        }

        var supported = connection.PostgreSqlVersion.Major >= 14;
        if (supported)
        {
            var command = new NpgsqlCommand("SET default_toast_compression = lz4", connection);
            await using (command.ConfigureAwait(false))
            {
                try
                {
                    await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                }
                catch (PostgresException)
                {
                    supported = false; // built without lz4
                }
            }
        }

        Lz4Set[connection.ProcessID] = supported;
    }

    private static NpgsqlBatchCommand Command(DbSession writer, Statement statement, object?[] values, bool exactlyOne)
    {
        var command = new NpgsqlBatchCommand(Texts.GetOrAdd((statement, exactlyOne), static key => Text(key.Statement, key.ExactlyOne)));
        var types = statement.Parameters;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.Add(new NpgsqlParameter
            {
                DbType = types[i].Type switch
                {
                    ParameterType.Text => DbType.String,
                    ParameterType.Int32 => DbType.Int32,
                    ParameterType.Int64 => DbType.Int64,
                    _ => DbType.DateTimeOffset,
                },
                Value = writer.ToDb(types[i].Type, values[i]),
            });
        }

        return command;
    }

    /// <summary>The statement with positional parameters ($1, $2 ... in the order values are given: Npgsql need not rewrite it), wrapped when it must hit one row.</summary>
    private static string Text(Statement statement, bool exactlyOne)
    {
        var positions = statement.Parameters.Select((parameter, index) => (parameter.Name, index)).ToDictionary(p => p.Name, p => p.index + 1, StringComparer.Ordinal);
        var text = Parameter().Replace(statement.Text, match => "$" + positions[match.Groups[1].Value].ToString(System.Globalization.CultureInfo.InvariantCulture));
        return exactlyOne ? $"WITH hit AS ({text} RETURNING 1) SELECT 1 / (count(*) = 1)::int FROM hit" : text;
    }

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex Parameter();
}
