using System.Collections.Frozen;
using Kks.Workflow.Engine;
using Kks.Workflow.Web.Notifications.Calendar;

namespace Kks.Workflow.Web.Notifications.Deadlines;

/// <summary>
/// The engine's deadline policies: an in-memory snapshot of the deadline_policies table (the engine does no I/O),
/// replaced by <see cref="DeadlinePolicyStore"/> at start, after an admin edit and on every catalog refresh.
/// </summary>
public sealed class LiveDeadlinePolicies : IDeadlinePolicies
{
    private readonly SnapshotOrder _order = new();
    private volatile FrozenDictionary<string, DeadlinePolicy> _byName = FrozenDictionary<string, DeadlinePolicy>.Empty;

    public DeadlinePolicy? Find(string name) => _byName.GetValueOrDefault(name);

    public IReadOnlyCollection<DeadlinePolicy> All => _byName.Values;

    /// <summary>Take before reading the table; pass to <see cref="Replace(long, IEnumerable{DeadlinePolicy})"/>.</summary>
    public long StartLoad() => _order.Start();

    /// <summary>Installs what a load read, unless a load started later was installed already.</summary>
    public void Replace(long load, IEnumerable<DeadlinePolicy> policies) =>
        _order.Apply(load, () => _byName = policies.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal));

    public void Replace(IEnumerable<DeadlinePolicy> policies) => Replace(StartLoad(), policies);
}
