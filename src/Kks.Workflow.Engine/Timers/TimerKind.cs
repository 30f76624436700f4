namespace Kks.Workflow.Engine.Timers;

// TEMPORARY stub, replaced when the timers branch is merged.
public enum TimerKind
{
    Date,
    Duration,
    Cycle,
}
