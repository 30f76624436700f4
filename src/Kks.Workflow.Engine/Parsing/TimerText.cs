using Kks.Workflow.Engine.Timers;

namespace Kks.Workflow.Engine.Parsing;

/// <summary>Checks literal timer texts at deployment, so a typo is refused then rather than when the timer is armed.</summary>
internal static class TimerText
{
    public static bool IsDuration(string text) => IsoDuration.TryParse(text, out _);

    /// <summary>True when the text is a valid timer of that kind; else the reason, from the timer parser itself.</summary>
    public static bool TryValidate(TimerKind kind, string text, out BilingualText? error) =>
        TimerSchedule.TryParse(kind, text, out _, out error);
}
