using System.Globalization;
using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Validation;

/// <summary>A call activity names the process it starts and maps variables completely.</summary>
internal static class CallActivityRules
{
    public static void Check(ProcessModel process, CallActivity call, ValidationContext v)
    {
        if (call.CalledElement is { IsLiteral: true } element && string.IsNullOrWhiteSpace(element.Text))
        {
            v.Report(process, call, ProblemCodes.CallActivityNoElement, label => new BilingualText(
                $"{label.Indonesian} tidak menyebut proses yang dipanggil: isi calledElement dengan id proses tujuan.",
                $"{label.English} does not name the process to call: fill in calledElement with the target process's id."));
        }

        var version = call.Version;
        if (call.Binding == "version"
            && (version is null || (version.IsLiteral && !int.TryParse(version.Text, NumberStyles.None, CultureInfo.InvariantCulture, out _))))
        {
            v.Report(process, call, ProblemCodes.CallActivityBadVersion, label => new BilingualText(
                $"{label.Indonesian} memakai binding version tanpa nomor versi yang sah: isi calledElementVersion dengan angka, atau pakai binding latest.",
                $"{label.English} uses the version binding without a valid version number: fill in calledElementVersion with a number, or use the latest binding."));
        }

        foreach (var mapping in call.In.Concat(call.Out))
        {
            var complete = mapping.All || mapping.IsBusinessKey
                || ((mapping.Source is not null || mapping.SourceExpression is not null) && mapping.Target is not null);
            if (!complete)
            {
                v.Report(process, call, ProblemCodes.CallActivityBadMapping, label => new BilingualText(
                    $"{label.Indonesian} punya pemetaan camunda:in/out yang tidak lengkap: isi source (atau sourceExpression) dan target, atau variables=\"all\".",
                    $"{label.English} has an incomplete camunda:in/out mapping: fill in source (or sourceExpression) and target, or variables=\"all\"."));
            }
        }
    }
}
