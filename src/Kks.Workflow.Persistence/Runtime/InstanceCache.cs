using System.Collections.Concurrent;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Runtime;

/// <summary>
/// The last committed state of recently used instances, so that a command on a hot instance reads only its
/// row version instead of its whole state JSON (about 12 KB for an instance waiting at 18 OPD tasks) and
/// deserialises nothing. Safe with several nodes: an entry is used only when the database still holds the
/// very row version it was cached at, and the write is guarded by that version anyway. The executor never
/// changes the state it is given (it works on a copy), so a cached state can be shared. Bounded: when full it
/// starts again empty (a miss costs one ordinary load).
/// </summary>
internal sealed class InstanceCache(int capacity = 1024)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // Which cached instance holds a task: an instance's ended tasks leave it when its next state is put (a hit is
    // checked against the state anyway), so it stays as small as the cached states' open tasks.
    private readonly ConcurrentDictionary<string, string> _taskInstances = new(StringComparer.Ordinal);

    // Compiled once per cache, so per runtime and its one model (a compiled query cannot serve two providers' models).
    private readonly Func<WorkflowDbContext, string, Task<long?>> _rowVersion = EF.CompileAsyncQuery(
        (WorkflowDbContext db, string id) => db.ProcessInstances.Where(i => i.Id == id).Select(i => (long?)i.RowVersion).FirstOrDefault());

    /// <summary>The instance's committed row version, or null when it does not exist.</summary>
    public Task<long?> RowVersionAsync(WorkflowDbContext context, string instanceId) => _rowVersion(context, instanceId);

    public bool TryGet(string instanceId, long rowVersion, out ProcessInstanceRecord record, out ProcessInstanceState state)
    {
        if (_entries.TryGetValue(instanceId, out var entry) && entry.Record.RowVersion == rowVersion)
        {
            (record, state) = (Copy(entry.Record), entry.State);
            return true;
        }

        (record, state) = (null!, null!);
        return false;
    }

    public bool Contains(string instanceId) => _entries.ContainsKey(instanceId);

    /// <summary>
    /// The cached instance whose last committed state (as this node knows it) holds the task, without asking the
    /// database: a guess, right unless another node committed on the instance since. The command's write is guarded
    /// by the row version anyway, so a wrong guess is a lost race, and the next attempt looks the task up.
    /// </summary>
    public bool TryGetByTask(string taskId, out ProcessInstanceRecord record, out ProcessInstanceState state)
    {
        if (_taskInstances.TryGetValue(taskId, out var instanceId) && _entries.TryGetValue(instanceId, out var entry)
            && entry.State.Tasks.Exists(task => task.Id == taskId))
        {
            (record, state) = (Copy(entry.Record), entry.State);
            return true;
        }

        (record, state) = (null!, null!);
        return false;
    }

    /// <summary>Called after the commit of the command that produced this state (never before: a failed commit caches nothing).</summary>
    public void Put(ProcessInstanceRecord record, ProcessInstanceState state)
    {
        if (_entries.Count >= capacity && !_entries.ContainsKey(record.Id))
        {
            _entries.Clear();
            _taskInstances.Clear();
        }

        if (_entries.TryGetValue(record.Id, out var previous))
        {
            foreach (var task in previous.State.Tasks)
            {
                if (!state.Tasks.Exists(open => open.Id == task.Id))
                {
                    _taskInstances.TryRemove(new KeyValuePair<string, string>(task.Id, record.Id));
                }
            }
        }

        _entries[record.Id] = new Entry(Copy(record), state);
        foreach (var task in state.Tasks)
        {
            _taskInstances[task.Id] = record.Id;
        }
    }

    private static ProcessInstanceRecord Copy(ProcessInstanceRecord record) => new()
    {
        Id = record.Id,
        DefinitionId = record.DefinitionId,
        ProcessKey = record.ProcessKey,
        BusinessKey = record.BusinessKey,
        Status = record.Status,
        StateJson = record.StateJson,
        RowVersion = record.RowVersion,
        SuperInstanceId = record.SuperInstanceId,
        StartedAt = record.StartedAt,
        EndedAt = record.EndedAt,
        StartedBy = record.StartedBy,
    };

    private sealed record Entry(ProcessInstanceRecord Record, ProcessInstanceState State);
}
