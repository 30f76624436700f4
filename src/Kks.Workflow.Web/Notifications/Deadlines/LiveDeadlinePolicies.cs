using System.Collections.Frozen;
using Kks.Workflow.Engine;

namespace Kks.Workflow.Web.Notifications.Deadlines;

/// <summary>
/// The engine's deadline policies: an in-memory snapshot of the deadline_policies table (the engine does no I/O),
/// replaced by <see cref="DeadlinePolicyStore"/> at start, after an admin edit and on every catalog refresh.
/// </summary>
public sealed class LiveDeadlinePolicies : IDeadlinePolicies
{
    private volatile FrozenDictionary<string, DeadlinePolicy> _byName = FrozenDictionary<string, DeadlinePolicy>.Empty;

    public DeadlinePolicy? Find(string name) => _byName.GetValueOrDefault(name);

    public IReadOnlyCollection<DeadlinePolicy> All => _byName.Values;

    public void Replace(IEnumerable<DeadlinePolicy> policies) => _byName = policies.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);
}
