namespace Kks.Workflow.Engine.Timers;

/// <summary>The three BPMN timer definitions: timeDate, timeDuration and timeCycle.</summary>
public enum TimerKind
{
    /// <summary>timeDate: fires once at an ISO 8601 date-time.</summary>
    Date,

    /// <summary>timeDuration: fires once, an ISO 8601 duration after the timer is armed.</summary>
    Duration,

    /// <summary>timeCycle: repeats, by an ISO 8601 repeating interval or a Quartz cron expression.</summary>
    Cycle,
}
