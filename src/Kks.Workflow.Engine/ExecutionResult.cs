using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine;

/// <summary>
/// What one command did: the new state, the rows that changed (for the runtime to write in the same
/// transaction), what the runtime must do next (effects) and what happened (history).
/// </summary>
public sealed class ExecutionResult
{
    public required ProcessInstanceState State { get; init; }

    public required RowChanges<UserTaskState> Tasks { get; init; }

    public required RowChanges<TimerState> Timers { get; init; }

    public required RowChanges<JobState> Jobs { get; init; }

    public required RowChanges<SubscriptionState> Subscriptions { get; init; }

    public required RowChanges<IncidentState> Incidents { get; init; }

    public required IReadOnlyList<EngineEffect> Effects { get; init; }

    public required IReadOnlyList<HistoryEvent> History { get; init; }
}

/// <summary>Rows added, changed or removed by one command; removed rows carry their last state.</summary>
public sealed record RowChanges<T>(IReadOnlyList<T> Added, IReadOnlyList<T> Changed, IReadOnlyList<T> Removed)
    where T : WaitStateRow
{
    public static readonly RowChanges<T> None = new([], [], []);

    public bool IsEmpty => Added.Count == 0 && Changed.Count == 0 && Removed.Count == 0;
}
