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

        if (InOrder(before, after) is { } changes)
        {
            return changes;
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

    /// <summary>
    /// The executor only removes rows, replaces a row in place or appends new ones, so one walk over both
    /// lists finds the changes without a dictionary. Null when the lists do not fit that shape.
    /// </summary>
    private static RowChanges<T>? InOrder<T>(List<T> before, List<T> after)
        where T : WaitStateRow
    {
        List<T>? changed = null, removed = null;
        var j = 0;
        foreach (var row in before)
        {
            if (j < after.Count && after[j].Id == row.Id)
            {
                if (after[j].Revision != row.Revision)
                {
                    (changed ??= []).Add(after[j]);
                }

                j++;
            }
            else
            {
                (removed ??= []).Add(row);
            }
        }

        var added = j < after.Count ? after.GetRange(j, after.Count - j) : null;
        if (added is not null && removed is not null)
        {
            foreach (var row in added)
            {
                if (removed.Exists(r => r.Id == row.Id))
                {
                    return null; // a row moved: not the expected shape
                }
            }
        }

        return new RowChanges<T>(added ?? [], changed ?? [], removed ?? []);
    }
}
