using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Persistence.Dispatch;

/// <summary>
/// A built-in service task implementation, named by the model's <c>camunda:delegateExpression="${name}"</c>.
/// It runs outside any transaction, possibly more than once for one job (a node that dies after the handler
/// but before its commit loses its lease and another node runs the job again), so it must be idempotent or
/// tolerate repetition (use <see cref="JobState.Id"/> as the idempotency key of anything it sends).
/// Return the variables to set on completion; throw <see cref="Engine.BpmnErrorException"/> for a business
/// error an error boundary event may catch; any other exception is a failed attempt (retry, then incident).
/// A handler that sends something (mail) overrides <see cref="RunAsync"/> instead and returns outbox rows: they are
/// written in the job's completion commit, so the message exists exactly when the task is done.
/// </summary>
public interface IServiceTaskHandler
{
    string Name { get; }

    Task<IReadOnlyDictionary<string, object?>?> ExecuteAsync(JobState job, ProcessInstanceState instance, CancellationToken cancellationToken);

    /// <summary>What the dispatcher calls: the variables to set and the outbox rows to write with the completion.</summary>
    async Task<ServiceTaskResult> RunAsync(JobState job, ProcessInstanceState instance, CancellationToken cancellationToken) =>
        new(await ExecuteAsync(job, instance, cancellationToken).ConfigureAwait(false), []);
}

/// <summary>
/// An outbox row a handler asks for, written with its job's completion. The key must be stable for the job (e.g.
/// derived from <see cref="WaitStateRow.Id"/>): a job run twice after a lost lease commits only once.
/// </summary>
public sealed record OutboxWrite(string Kind, string IdempotencyKey, string PayloadJson);

/// <summary>A handler's outcome: the variables to set on completion and the outbox rows to write in the same commit.</summary>
public sealed record ServiceTaskResult(IReadOnlyDictionary<string, object?>? Variables, IReadOnlyList<OutboxWrite> Outbox);

/// <summary>The handlers a host registers, by name.</summary>
public sealed class ServiceTaskHandlerRegistry(IEnumerable<IServiceTaskHandler> handlers)
{
    private readonly Dictionary<string, IServiceTaskHandler> _byName = handlers.ToDictionary(h => h.Name, StringComparer.Ordinal);

    public IServiceTaskHandler? Find(string? name) => name is not null && _byName.TryGetValue(name, out var handler) ? handler : null;
}
