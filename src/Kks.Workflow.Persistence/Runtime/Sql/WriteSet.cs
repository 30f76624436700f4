using System.Data.Common;

namespace Kks.Workflow.Persistence.Runtime.Sql;

/// <summary>
/// What one command writes: its statements in the order the command produced them (the instance rows first, so
/// on PostgreSQL the row lock that serialises commands on one instance is taken before anything else), run on a
/// session inside a transaction the caller owns (a DbTransaction, or BEGIN ... COMMIT statements). A statement that must hit one row and hits none (the instance
/// changed since it was read, a task or timer already gone) raises <see cref="LostRaceException"/>: another
/// command committed first, exactly what EF's concurrency exception said before.
/// </summary>
internal sealed class WriteSet
{
    private readonly List<Row> _instances = [];
    private readonly List<Row> _rows = [];

    /// <summary>The earliest due time of the timers armed or re-armed, for the dispatcher's wake-up.</summary>
    public DateTimeOffset? EarliestTimer { get; private set; }

    public bool RunnableJobs { get; set; }

    public bool Outbox { get; set; }

    public int Count => _instances.Count + _rows.Count;

    /// <summary>The instances whose rows this write set writes (the group committer keeps them out of concurrent batches).</summary>
    public List<string> InstanceIds { get; } = [];

    public void Instance(Statement statement, params object?[] values) => _instances.Add(new Row(statement, values, ExactlyOne: true));

    /// <summary>A statement that may hit any number of rows (an insert fails on its own when it cannot insert).</summary>
    public void Add(Statement statement, params object?[] values) => _rows.Add(new Row(statement, values, ExactlyOne: false));

    /// <summary>A statement that must hit exactly one row; none means a lost race.</summary>
    public void One(Statement statement, params object?[] values) => _rows.Add(new Row(statement, values, ExactlyOne: true));

    /// <summary>Names an instance this write set writes (for tests that build write sets by hand).</summary>
    public WriteSet On(string instanceId)
    {
        InstanceIds.Add(instanceId);
        return this;
    }

    public void Timer(DateTimeOffset due)
    {
        if (EarliestTimer is null || due < EarliestTimer)
        {
            EarliestTimer = due;
        }
    }

    public void Clear()
    {
        _instances.Clear();
        _rows.Clear();
        InstanceIds.Clear();
        (EarliestTimer, RunnableJobs, Outbox) = (null, false, false);
    }

    /// <summary>The statements in the order they run (instance rows first), for a batch that sends them together.</summary>
    internal IEnumerable<(Statement Statement, object?[] Values, bool ExactlyOne)> Rows =>
        _instances.Concat(_rows).Select(row => (row.Statement, row.Values, row.ExactlyOne));

    public async Task ExecuteAsync(DbSession session, DbTransaction? transaction)
    {
        foreach (var row in _instances)
        {
            await RunAsync(session, transaction, row).ConfigureAwait(false);
        }

        foreach (var row in _rows)
        {
            await RunAsync(session, transaction, row).ConfigureAwait(false);
        }
    }

    private static async Task RunAsync(DbSession session, DbTransaction? transaction, Row row)
    {
        var affected = await session.ExecuteAsync(row.Statement, transaction, row.Values).ConfigureAwait(false);
        if (row.ExactlyOne && affected != 1)
        {
            throw new LostRaceException(row.Statement.Text, affected);
        }
    }

    private sealed record Row(Statement Statement, object?[] Values, bool ExactlyOne);
}

/// <summary>A write that had to hit one row hit none: another command committed on the same rows first.</summary>
internal sealed class LostRaceException(string statement, int affected)
    : Exception($"Expected one row, {affected} affected: {statement}");
