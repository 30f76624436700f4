namespace Kks.Workflow.Engine.Validation;

/// <summary>The file has something to run, and everything outside the subset is named with what to use instead.</summary>
internal static class UnsupportedRules
{
    public static void Check(ValidationContext v)
    {
        var definitions = v.Definitions;
        if (!definitions.ExecutableProcesses.Any())
        {
            var names = string.Join(", ", definitions.Processes.Select(p => ElementLabel.Inline("process", p.Id, p.Name).Indonesian));
            var namesEn = string.Join(", ", definitions.Processes.Select(p => ElementLabel.Inline("process", p.Id, p.Name).English));
            v.Add(new ModelProblem(null, null, null, ProblemCodes.NoExecutableProcess, ProblemSeverity.Error,
                definitions.Processes.Count == 0
                    ? new BilingualText(
                        "Berkas ini tidak berisi proses: gambarkan sebuah proses dan tandai sebagai executable.",
                        "This file holds no process: draw a process and mark it executable.")
                    : new BilingualText(
                        $"Tidak ada proses yang bisa dijalankan di berkas ini: tandai {names} sebagai executable (isExecutable=\"true\").",
                        $"No process in this file can run: mark {namesEn} as executable (isExecutable=\"true\").")));
        }

        foreach (var u in definitions.Unsupported)
        {
            var label = ElementLabel.Of(u.ElementType, u.ElementId, u.ElementName);
            var advice = new BilingualText(ElementLabel.Uncapitalize(u.Advice.Indonesian), ElementLabel.Uncapitalize(u.Advice.English));

            // When the element itself is the construct ("bpmn:scriptTask" on a scriptTask), naming it twice reads badly.
            var text = u.Construct == "bpmn:" + u.ElementType
                ? new BilingualText(
                    $"{label.Indonesian} tidak didukung mesin ini: {advice.Indonesian}",
                    $"{label.English} is not supported by this engine: {advice.English}")
                : new BilingualText(
                    $"{label.Indonesian} memakai {u.Construct}, yang tidak didukung mesin ini: {advice.Indonesian}",
                    $"{label.English} uses {u.Construct}, which this engine does not support: {advice.English}");
            v.Add(new ModelProblem(u.ProcessId, u.ElementId, u.ElementName, ProblemCodes.UnsupportedElement, ProblemSeverity.Error, text));
        }
    }
}
