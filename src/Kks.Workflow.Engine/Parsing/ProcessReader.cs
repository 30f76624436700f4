using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Parsing;

/// <summary>One bpmn:process: its attributes, then its content through <see cref="ScopeBuilder"/>.</summary>
internal static partial class ProcessReader
{
    public static ProcessModel Read(XElement e, ParseContext ctx)
    {
        var id = ctx.IdOf(e);
        ctx.ProcessId = id;
        ExtensionScanner.Scan(e, ctx);
        var process = new ProcessModel
        {
            Id = id,
            Name = Xml.Trimmed(e.Attr("name")),
            Documentation = NodeBasics.ReadDocumentation(e),
            // Camunda 7 deploys a process only when isExecutable="true"; a missing attribute means false for a new deployment.
            IsExecutable = e.BoolAttr("isExecutable", whenMissing: false),
            HistoryTimeToLiveDays = HistoryTimeToLive(e, ctx),
            CandidateStarterGroups = (e.CamundaAttr("candidateStarterGroups") ?? string.Empty)
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        };
        new ScopeBuilder(ctx).Build(process, e);
        ctx.ProcessId = null;
        return process;
    }

    /// <summary>Camunda accepts a number of days ("180") or a days-only ISO duration ("P180D").</summary>
    private static int? HistoryTimeToLive(XElement e, ParseContext ctx)
    {
        var text = Xml.Trimmed(e.CamundaAttr("historyTimeToLive"));
        if (text is null)
        {
            return null;
        }

        var match = DaysPattern().Match(text);
        if (match.Success && int.TryParse(match.Groups["days"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var days))
        {
            return days;
        }

        ctx.Problem(e, ProblemCodes.BadHistoryTimeToLive, label => new BilingualText(
            $"{label.Indonesian} punya camunda:historyTimeToLive '{text}' yang tidak dikenali: tulis jumlah hari, misalnya 180.",
            $"{label.English} has a camunda:historyTimeToLive '{text}' that is not recognised: write a number of days, e.g. 180."));
        return null;
    }

    [GeneratedRegex(@"^P?(?<days>\d{1,6})D?$", RegexOptions.CultureInvariant)]
    private static partial Regex DaysPattern();
}
