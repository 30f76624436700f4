using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine.Execution;

/// <summary>Which wait-state rows a command added, changed (revision moved) or removed.</summary>
internal static class RowDiff
{
    public static RowChanges<T> Compare<T>(List<T>? before, List<T> after)
        where T : WaitStateRow
    {
        if (before is null || before.Count == 0)
        {
            return after.Count == 0 ? RowChanges<T>.None : new RowChanges<T>([.. after], [], []);
        }

        if (SameRows(before, after))
        {
            return RowChanges<T>.None;
        }

        var old = new Dictionary<string, T>(before.Count, StringComparer.Ordinal);
        foreach (var row in before)
        {
            old[row.Id] = row;
        }

        List<T>? added = null, changed = null;
        foreach (var row in after)
        {
            if (!old.Remove(row.Id, out var previous))
            {
                (added ??= []).Add(row);
            }
            else if (previous.Revision != row.Revision)
            {
                (changed ??= []).Add(row);
            }
        }

        return added is null && changed is null && old.Count == 0
            ? RowChanges<T>.None
            : new RowChanges<T>(added ?? [], changed ?? [], [.. old.Values]);
    }

    private static bool SameRows<T>(List<T> before, List<T> after)
        where T : WaitStateRow
    {
        if (before.Count != after.Count)
        {
            return false;
        }

        for (var i = 0; i < before.Count; i++)
        {
            if (!ReferenceEquals(before[i], after[i]))
            {
                return false;
            }
        }

        return true;
    }
}
