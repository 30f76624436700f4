using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Validation;

/// <summary>
/// Where tokens begin: a process needs one none start event unless only timers or messages start it; a
/// sub-process always needs exactly one none start event (its start is the sub-process being entered).
/// </summary>
internal static class StartEventRules
{
    public static void Check(ProcessModel process, ValidationContext v)
    {
        foreach (var scope in Scopes.All(process))
        {
            var starts = scope.Nodes.OfType<StartEvent>().Where(s => !v.IsUnsupported(s)).ToList();
            var none = starts.Where(s => s.Definition is null).ToList();
            if (scope is SubProcess subProcess)
            {
                CheckSubProcess(process, subProcess, starts, v);
            }
            else if (starts.Count == 0 && !scope.Nodes.OfType<StartEvent>().Any())
            {
                v.ReportProcess(process, ProblemCodes.NoStartEvent, label => new BilingualText(
                    $"{label.Indonesian} tidak punya peristiwa mulai: tambahkan satu peristiwa mulai di awal alur.",
                    $"{label.English} has no start event: add a start event at the beginning of the flow."));
            }

            foreach (var extra in none.Skip(1))
            {
                v.Report(process, extra, ProblemCodes.MultipleNoneStart, label => new BilingualText(
                    $"{label.Indonesian} adalah peristiwa mulai biasa kedua di lingkup yang sama dengan {none[0].Id}: sisakan satu, atau beri yang lain timer atau pesan.",
                    $"{label.English} is a second plain start event in the same scope as {none[0].Id}: keep one, or give the others a timer or a message."));
            }
        }
    }

    private static void CheckSubProcess(ProcessModel process, SubProcess subProcess, List<StartEvent> starts, ValidationContext v)
    {
        foreach (var start in starts.Where(s => s.Definition is not null))
        {
            v.Report(process, start, ProblemCodes.SubProcessStartNotNone, label => new BilingualText(
                $"{label.Indonesian} di dalam {ElementLabel.Inline(subProcess).Indonesian} memakai timer atau pesan: peristiwa mulai subproses harus biasa, jadi hapus definisinya dan pasang timer atau pesannya sebagai peristiwa batas pada subproses.",
                $"{label.English} inside {ElementLabel.Inline(subProcess).English} uses a timer or a message: a sub-process's start event must be plain, so remove its definition and put the timer or message on the sub-process as a boundary event."));
        }

        if (!subProcess.Nodes.OfType<StartEvent>().Any(s => s.Definition is null) && !v.IsUnsupported(subProcess))
        {
            v.Report(process, subProcess, ProblemCodes.NoStartEvent, label => new BilingualText(
                $"{label.Indonesian} tidak punya peristiwa mulai biasa: tambahkan satu di awal isinya.",
                $"{label.English} has no plain start event: add one at the beginning of its content."));
        }
    }
}
