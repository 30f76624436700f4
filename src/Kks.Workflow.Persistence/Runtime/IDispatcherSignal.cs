namespace Kks.Workflow.Persistence.Runtime;

/// <summary>
/// What a committed command left for the dispatchers: the earliest timer it armed (or re-armed), whether it made
/// a handler or async-continuation job runnable now, whether it wrote outbox rows.
/// </summary>
public sealed record DispatchWork(DateTimeOffset? EarliestTimer, bool Jobs, bool Outbox)
{
    public bool Any => EarliestTimer is not null || Jobs || Outbox;
}

/// <summary>
/// Told by <see cref="WorkflowRuntime"/> after a commit left work for the dispatchers, so a host can run them
/// sooner than their next poll. Only a hint: the rows are the truth and the poll finds them anyway, so an
/// implementation must be cheap and must never throw.
/// </summary>
public interface IDispatcherSignal
{
    void Committed(DispatchWork work);
}
