namespace Kks.Workflow.Web.Notifications.Calendar;

/// <summary>
/// Orders the reloads of an in-memory snapshot: a load numbered before reading the table is installed only when no
/// load started later was installed, so a periodic refresh that read the table before an admin's edit cannot undo
/// the reload that edit made.
/// </summary>
internal sealed class SnapshotOrder
{
    private readonly Lock _gate = new();
    private long _started;
    private long _installed;

    public long Start() => Interlocked.Increment(ref _started);

    public void Apply(long load, Action install)
    {
        lock (_gate)
        {
            if (load < _installed)
            {
                return;
            }

            _installed = load;
            install();
        }
    }
}
