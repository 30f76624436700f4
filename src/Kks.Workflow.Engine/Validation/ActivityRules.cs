using System.Globalization;
using Kks.Workflow.Engine.Model;

namespace Kks.Workflow.Engine.Validation;

/// <summary>Activities can run: user tasks reach someone, service tasks have an implementation, multi-instance knows how many, call activities know what to call.</summary>
internal static class ActivityRules
{
    private static readonly string[] FormTypes = ["string", "long", "boolean", "date", "enum"];

    public static void Check(ProcessModel process, ValidationContext v)
    {
        foreach (var activity in Scopes.All(process).SelectMany(s => s.Nodes).OfType<Activity>().Where(a => !v.IsUnsupported(a)))
        {
            switch (activity)
            {
                case UserTask task:
                    CheckUserTask(process, task, v);
                    break;
                case ServiceTask service:
                    CheckServiceTask(process, service, v);
                    break;
                case CallActivity call:
                    CallActivityRules.Check(process, call, v);
                    break;
                default:
                    break;
            }

            if (activity.MultiInstance is { } mi)
            {
                CheckMultiInstance(process, activity, mi, v);
            }
        }
    }

    private static void CheckUserTask(ProcessModel process, UserTask task, ValidationContext v)
    {
        if (task is { Assignee: null, CandidateUsers: null, CandidateGroups: null })
        {
            v.Report(process, task, ProblemCodes.UserTaskNoAssignment, label => new BilingualText(
                $"{label.Indonesian} belum ditugaskan kepada siapa pun: isi assignee, candidateUsers atau candidateGroups (misalnya kode OPD).",
                $"{label.English} is not assigned to anyone: fill in the assignee, candidateUsers or candidateGroups (e.g. an OPD's code)."));
        }

        foreach (var listener in task.TaskListeners.Where(l => l.Timer is null || l.DelegateExpression is null))
        {
            var (missing, missingEn) = listener.Timer is null
                ? ("timer, misalnya durasi P2D", "a timer, e.g. the duration P2D")
                : ("camunda:delegateExpression, misalnya ${pengingat}", "camunda:delegateExpression, e.g. ${reminder}");
            v.Report(process, task, ProblemCodes.TaskListenerIncomplete, label => new BilingualText(
                $"{label.Indonesian} punya task listener timeout yang belum lengkap: tambahkan {missing}.",
                $"{label.English} has a timeout task listener that is incomplete: add {missingEn}."));
        }

        CheckDeadlinePolicy(process, task, v);

        foreach (var listener in task.TaskListeners.Where(l => l.Timer is not null))
        {
            EventRules.CheckTimer(process, task, listener.Timer!, v);
        }

        if (task.Form is { } form)
        {
            CheckForm(process, task, form, v);
        }
    }

    internal static void CheckForm(ProcessModel process, FlowNode node, FormInfo form, ValidationContext v)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in form.Fields)
        {
            var (why, whyEn) = field switch
            {
                { Id.Length: 0 } => ("punya kolom formulir tanpa id: beri setiap kolom id, yang menjadi nama variabelnya",
                    "has a form field without an id: give every field an id, which becomes its variable's name"),
                _ when !seen.Add(field.Id) => ($"punya dua kolom formulir ber-id '{field.Id}': beri setiap kolom id yang unik",
                    $"has two form fields with the id '{field.Id}': give every field a unique id"),
                _ when !FormTypes.Contains(field.Type) => ($"punya kolom formulir '{field.Id}' bertipe '{field.Type}' yang tidak dikenal: pakai string, long, boolean, date atau enum",
                    $"has the form field '{field.Id}' of the unknown type '{field.Type}': use string, long, boolean, date or enum"),
                { Type: "enum", Options.Count: 0 } => ($"punya kolom formulir enum '{field.Id}' tanpa pilihan: tambahkan nilai pilihannya",
                    $"has the enum form field '{field.Id}' without choices: add its values"),
                _ => (null, null),
            };
            if (why is not null)
            {
                v.Report(process, node, ProblemCodes.FormFieldInvalid, label => new BilingualText(
                    $"{label.Indonesian} {why}.", $"{label.English} {whyEn}."));
            }
        }
    }

    private static void CheckDeadlinePolicy(ProcessModel process, UserTask task, ValidationContext v)
    {
        if (task.DeadlinePolicy is not { } name)
        {
            return;
        }

        if (name.Length == 0)
        {
            v.Report(process, task, ProblemCodes.DeadlinePolicyUnknown, label => new BilingualText(
                $"{label.Indonesian} punya kks:deadlinePolicy kosong: isi nama kebijakan tenggat (misalnya standar) atau hapus atributnya.",
                $"{label.English} has an empty kks:deadlinePolicy: fill in a deadline policy name (e.g. standar) or remove the attribute."));
        }
        else if (v.DeadlinePolicies is { } policies && policies.Find(name) is null)
        {
            v.Report(process, task, ProblemCodes.DeadlinePolicyUnknown, label => new BilingualText(
                $"{label.Indonesian} memakai kebijakan tenggat '{name}' yang belum ada: buat dulu di Admin > Tenggat atau pilih kebijakan yang ada (misalnya standar).",
                $"{label.English} uses the deadline policy '{name}', which does not exist: create it first under Admin > Deadlines or choose an existing one (e.g. standar)."));
        }

        if (task.DueDate is null)
        {
            v.Report(process, task, ProblemCodes.DeadlinePolicyWithoutDueDate, label => new BilingualText(
                $"{label.Indonesian} punya kebijakan tenggat tetapi tanpa camunda:dueDate: tangga pengingat hanya dipasang bila tugas punya tanggal tenggat.",
                $"{label.English} has a deadline policy but no camunda:dueDate: the reminder ladder is armed only when the task has a due date."),
                ProblemSeverity.Warning);
        }
    }

    private static void CheckServiceTask(ProcessModel process, ServiceTask service, ValidationContext v)
    {
        if (service is { Kind: ServiceKind.External, Topic: null })
        {
            v.Report(process, service, ProblemCodes.ExternalNoTopic, label => new BilingualText(
                $"{label.Indonesian} bertipe external tetapi tidak punya topic: isi camunda:topic, nama antrean yang diambil worker.",
                $"{label.English} is external but has no topic: fill in camunda:topic, the queue name a worker fetches from."));
        }
        else if (service is { Kind: ServiceKind.Handler, HandlerName: null })
        {
            v.Report(process, service, ProblemCodes.ServiceTaskNoImplementation, label => new BilingualText(
                $"{label.Indonesian} belum punya implementasi: isi camunda:type=\"external\" dengan sebuah topic, atau camunda:delegateExpression=\"${{nama}}\" untuk handler bawaan.",
                $"{label.English} has no implementation: set camunda:type=\"external\" with a topic, or camunda:delegateExpression=\"${{name}}\" for a built-in handler."));
        }
    }

    private static void CheckMultiInstance(ProcessModel process, Activity activity, MultiInstance mi, ValidationContext v)
    {
        if (mi is { Collection: null, LoopCardinality: null })
        {
            v.Report(process, activity, ProblemCodes.MultiInstanceNoCollectionOrCardinality, label => new BilingualText(
                $"{label.Indonesian} adalah multi-instance tanpa camunda:collection atau loopCardinality: isi salah satunya, misalnya koleksi ${{daftarOpd}} dengan elementVariable opd.",
                $"{label.English} is multi-instance without camunda:collection or loopCardinality: fill in one of them, e.g. the collection ${{opdList}} with the elementVariable opd."));
        }

        if (mi.LoopCardinality is { IsLiteral: true } cardinality
            && !int.TryParse(cardinality.Text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            v.Report(process, activity, ProblemCodes.MultiInstanceBadCardinality, label => new BilingualText(
                $"{label.Indonesian} punya loopCardinality '{cardinality.Text}' yang bukan bilangan bulat: tulis jumlahnya, misalnya 3, atau ekspresi seperti ${{jumlahOpd}}.",
                $"{label.English} has the loopCardinality '{cardinality.Text}', which is not a whole number: write the count, e.g. 3, or an expression such as ${{opdCount}}."));
        }

        if (mi.CompletionCondition is { IsLiteral: true } condition)
        {
            v.Report(process, activity, ProblemCodes.ConditionNotExpression, label => new BilingualText(
                $"{label.Indonesian} punya completionCondition '{condition.Text}' yang berupa teks biasa, bukan ekspresi: tulis sebagai ${{...}}, misalnya ${{nrOfCompletedInstances >= 10}}.",
                $"{label.English} has the completionCondition '{condition.Text}', which is plain text, not an expression: write it as ${{...}}, e.g. ${{nrOfCompletedInstances >= 10}}."));
        }
    }
}
