using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Persistence.Dispatch;

/// <summary>
/// A built-in service task implementation, named by the model's <c>camunda:delegateExpression="${name}"</c>.
/// It runs outside any transaction, possibly more than once for one job (a node that dies after the handler
/// but before its commit loses its lease and another node runs the job again), so it must be idempotent or
/// tolerate repetition (use <see cref="JobState.Id"/> as the idempotency key of anything it sends).
/// Return the variables to set on completion; throw <see cref="Engine.BpmnErrorException"/> for a business
/// error an error boundary event may catch; any other exception is a failed attempt (retry, then incident).
/// </summary>
public interface IServiceTaskHandler
{
    string Name { get; }

    Task<IReadOnlyDictionary<string, object?>?> ExecuteAsync(JobState job, ProcessInstanceState instance, CancellationToken cancellationToken);
}

/// <summary>The handlers a host registers, by name.</summary>
public sealed class ServiceTaskHandlerRegistry(IEnumerable<IServiceTaskHandler> handlers)
{
    private readonly Dictionary<string, IServiceTaskHandler> _byName = handlers.ToDictionary(h => h.Name, StringComparer.Ordinal);

    public IServiceTaskHandler? Find(string? name) => name is not null && _byName.TryGetValue(name, out var handler) ? handler : null;
}
