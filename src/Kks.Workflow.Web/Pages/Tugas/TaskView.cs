using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Engine.Model;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Api.Tasks;
using Kks.Workflow.Web.Instruments;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Pages.Tugas;

/// <summary>One form field as the page renders it: the model's field, the value to show (draft, variable or default) and its error.</summary>
public sealed record FieldView(FormField Field, string? Value, string? Error)
{
    public bool Required => Has("required");

    public bool ReadOnly => Has("readonly");

    public string? Constraint(string name) => Field.Constraints.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))?.Config;

    private bool Has(string name) => Field.Constraints.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>What an indicator task asks, from the instance's variables (the KKS program sets them; see the README's "The inbox").</summary>
public sealed record IndicatorView(string? Code, string? Name, string? Definition, string? Evidence, string? Scale);

/// <summary>Everything the Tugas page shows for a task: open, done (by someone, maybe someone else), or out of reach (null).</summary>
public sealed record TaskPageData(
    string TaskId, string? Name, string InstanceId, string ProcessKey, string? ProcessName, string? BusinessKey, string? Documentation,
    UserTaskRecord? Open, HistoricTaskRecord? Historic, IReadOnlyList<string> Opds, IndicatorView? Indicator, IReadOnlyList<FormField> Fields,
    IReadOnlyDictionary<string, string?> Values, bool HasDraft, DateTimeOffset? DraftSavedAt, string? FormRef,
    IReadOnlyList<TaskCommentRecord> Comments, IReadOnlyList<HistoryRecord> History, IReadOnlyList<EvidenceFileRecord> Evidence)
{
    /// <summary>The deployed form-js schema a <c>camunda:formRef</c> names (null when the task has none, or it is not deployed).</summary>
    public string? FormSchema { get; init; }

    /// <summary>What the form-js viewer starts with: the draft, else the task's variables under the schema's keys (JSON).</summary>
    public string FormData { get; init; } = "{}";
}

/// <summary>Reads a task for the page through <see cref="AccessPolicy"/>: an opd user never reads another OPD's task, open or done.</summary>
public sealed class TaskView(WorkflowDbContext db, ProcessDefinitionCache cache, EngineOptions engine, TimeProvider clock, IndicatorCatalog indicators)
{
    private static readonly HashSet<string> TaskHistoryKinds =
    [
        nameof(HistoryKind.InstanceStarted), nameof(HistoryKind.InstanceCompleted), nameof(HistoryKind.InstanceCancelled),
        nameof(HistoryKind.TaskCreated), nameof(HistoryKind.TaskClaimed), nameof(HistoryKind.TaskUnclaimed), nameof(HistoryKind.TaskAssigned),
        nameof(HistoryKind.TaskUpdated), nameof(HistoryKind.TaskCompleted), nameof(HistoryKind.TaskCancelled), nameof(HistoryKind.IncidentRaised),
    ];

    public async Task<TaskPageData?> ReadAsync(Caller caller, string taskId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var open = await AccessPolicy.Tasks(db, caller).AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken).ConfigureAwait(false);
        var historic = await AccessPolicy.HistoricTasks(db, caller).AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken).ConfigureAwait(false);
        if (open is null && historic is null)
        {
            return null;
        }

        var instanceId = open?.InstanceId ?? historic!.InstanceId;
        var instance = await db.ProcessInstances.AsNoTracking().FirstAsync(i => i.Id == instanceId, cancellationToken).ConfigureAwait(false);
        var model = await cache.GetAsync(db, instance.DefinitionId, cancellationToken).ConfigureAwait(false);
        var node = model.AllNodes.GetValueOrDefault(open?.NodeId ?? historic!.NodeId) as UserTask;
        var definitionName = await db.ProcessDefinitions.AsNoTracking().Where(d => d.Id == instance.DefinitionId).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var groups = await db.HistoricTaskCandidates.AsNoTracking().Where(c => c.TaskId == taskId && c.Kind == CandidateKind.Group).Select(c => c.Value)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var opdNames = await db.Opds.AsNoTracking().Where(o => groups.Contains(o.Code)).ToDictionaryAsync(o => o.Code, o => o.Name, cancellationToken).ConfigureAwait(false);

        var state = InstanceStateJson.Deserialize(instance.StateJson);
        var visible = TaskVariables.Visible(state, open?.ExecutionId ?? historic!.ExecutionId);
        var fields = node?.Form?.Fields ?? [];
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (open is not null && fields.Count > 0)
        {
            foreach (var (name, dto) in await TaskVariables.FormAsync(db, cache, engine, clock, open, null, cancellationToken).ConfigureAwait(false))
            {
                values[name] = FormValues.ToText(dto.Value, dto.Type);
            }
        }

        var draft = open is null ? null : await db.TaskDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.TaskId == taskId && d.UserId == caller.UserId, cancellationToken).ConfigureAwait(false);
        if (draft is not null)
        {
            foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string?>>(draft.ValuesJson) ?? [])
            {
                values[name] = value;
            }
        }

        // The thread is the task's scope (its indicator's sub-process in the KKS workflow, where one instance holds every
        // OPD's tasks), read through the policy: an opd user never reads another OPD's notes or history lines.
        var comments = await AccessPolicy.ThreadComments(db, caller, taskId).AsNoTracking().OrderBy(c => c.Time).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var history = await AccessPolicy.ThreadHistory(db, caller, taskId, instanceId).AsNoTracking().Where(h => TaskHistoryKinds.Contains(h.Kind))
            .OrderByDescending(h => h.Id).Take(100).ToListAsync(cancellationToken).ConfigureAwait(false);
        // Files of the tasks the caller may see, not of the whole instance: the KKS workflow runs every OPD's tasks in
        // one instance, and an OPD's evidence is for that OPD and the secretariat only (as GET /bukti/{id} decides).
        var seen = AccessPolicy.HistoricTasks(db, caller).Where(t => t.InstanceId == instanceId).Select(t => t.Id);
        var evidence = await db.EvidenceFiles.AsNoTracking().Where(e => e.InstanceId == instanceId && seen.Contains(e.TaskId))
            .OrderBy(e => e.FileName).ThenByDescending(e => e.Version)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var (formSchema, formData) = await FormJsAsync(node?.Form, instance.DefinitionId, visible, draft, cancellationToken).ConfigureAwait(false);
        return new TaskPageData(taskId, open?.Name ?? historic?.Name, instanceId, instance.ProcessKey, definitionName, instance.BusinessKey,
            node?.Documentation ?? historic?.Description, open, historic, groups.Select(g => opdNames.GetValueOrDefault(g, g)).ToList(), Indicator(visible) ?? await CatalogIndicatorAsync(visible, cancellationToken).ConfigureAwait(false), fields, values,
            draft is not null, draft?.SavedAt, node?.Form?.FormRef, comments, history, evidence) { FormSchema = formSchema, FormData = formData };
    }

    /// <summary>The key a draft keeps the form-js viewer's data under (beside the formData fields).</summary>
    public const string FormJsDraftKey = "__formjs";

    /// <summary>
    /// The form a <c>camunda:formRef</c> names, bound as Camunda binds it (<c>formRefBinding</c>: latest, a version, or the
    /// task's own deployment), and the data to show in it.
    /// </summary>
    private async Task<(string? Schema, string Data)> FormJsAsync(FormInfo? form, string definitionId, Dictionary<string, object?> visible, TaskDraftRecord? draft,
        CancellationToken cancellationToken)
    {
        if (form?.FormRef is not { Length: > 0 } formRef)
        {
            return (null, "{}");
        }

        int? version = string.Equals(form.FormRefBinding, "version", StringComparison.OrdinalIgnoreCase)
                       && int.TryParse(form.FormRefVersion, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
        var deploymentId = string.Equals(form.FormRefBinding, "deployment", StringComparison.OrdinalIgnoreCase)
            ? await db.ProcessDefinitions.AsNoTracking().Where(d => d.Id == definitionId).Select(d => d.DeploymentId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : null;
        var resource = await DeploymentService.FormAsync(db, formRef, version, deploymentId, cancellationToken).ConfigureAwait(false);
        if (resource is null)
        {
            return (null, "{}");
        }

        if (draft is not null && (JsonSerializer.Deserialize<Dictionary<string, string?>>(draft.ValuesJson) ?? []).GetValueOrDefault(FormJsDraftKey) is { Length: > 0 } saved
            && FormJsValues.IsObject(saved))
        {
            return (resource.Content, saved);
        }

        using var schema = JsonDocument.Parse(resource.Content);
        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, _, _) in FormJsValues.Fields(schema.RootElement))
        {
            if (visible.TryGetValue(key, out var value))
            {
                data[key] = value;
            }
        }

        return (resource.Content, JsonSerializer.Serialize(data));
    }

    /// <summary>
    /// The KKS workflow names the indicator by code (<c>indikator</c>) within a campaign (<c>kampanye</c>): the text comes
    /// from the campaign's instrument, so an edited instrument shows on every open task.
    /// </summary>
    private async Task<IndicatorView?> CatalogIndicatorAsync(Dictionary<string, object?> variables, CancellationToken cancellationToken)
    {
        if (variables.GetValueOrDefault("indikator") is not string code || variables.GetValueOrDefault("kampanye") is not string campaign)
        {
            return null;
        }

        var info = await indicators.FindForCampaignAsync(campaign, code, cancellationToken).ConfigureAwait(false);
        return info is null
            ? null
            : new IndicatorView(info.Code, info.Name, info.Definition, info.RequiredEvidence,
                string.Join("\n", info.Scale.Select(step => $"{step.Score}: {step.Condition}")));
    }

    private static IndicatorView? Indicator(Dictionary<string, object?> variables)
    {
        string? Text(string name) => variables.GetValueOrDefault(name) is { } value ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;
        var view = new IndicatorView(Text("indikatorKode"), Text("indikatorNama"), Text("indikatorDefinisi"), Text("indikatorBukti"), Text("indikatorSkala"));
        return view.Code is null && view.Name is null ? null : view;
    }
}
