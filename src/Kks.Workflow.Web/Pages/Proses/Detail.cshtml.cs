using System.Globalization;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Api.Variables;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Pages.Proses;

/// <summary>
/// One instance: its diagram (the designer's bpmn-js viewer bundle: active elements highlighted, completed ones marked,
/// incidents flagged), variables, history and incidents with a retry button for the secretariat.
/// </summary>
public sealed class DetailModel(WorkflowDbContext db, WorkflowRuntime runtime, EngineOptions engine, Texts texts) : PageModel
{
    public bool Allowed { get; private set; }

    public ProcessInstanceRecord? Instance { get; private set; }

    public string? DefinitionName { get; private set; }

    public string? Xml { get; private set; }

    public List<string> Active { get; private set; } = [];

    public List<string> Completed { get; private set; } = [];

    public List<IncidentRecord> Incidents { get; private set; } = [];

    public SortedDictionary<string, VariableDto> Variables { get; private set; } = new(StringComparer.Ordinal);

    public List<HistoryRecord> History { get; private set; } = [];

    public bool CanRetry { get; private set; }

    public string? Problem { get; private set; }

    [FromQuery(Name = "pesan")]
    public string? Notice { get; set; }

    public TimeZoneInfo Zone => engine.TimeZone;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        return Page();
    }

    /// <summary>Gives the incident's job its retries back (3), so the dispatcher runs it again; the incident resolves when it does.</summary>
    public async Task<IActionResult> OnPostRetryAsync(string id, [FromForm(Name = "insiden")] string incidentId, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (Instance is null)
        {
            return Page();
        }

        if (!CanRetry)
        {
            Problem = texts.For("Process")["Err_RetryNotAllowed"];
            return Page();
        }

        var incident = Incidents.FirstOrDefault(i => i.Id == incidentId);
        if (incident?.JobId is not { } jobId)
        {
            Problem = texts.For("Process")["Err_NoIncident"];
            return Page();
        }

        try
        {
            await runtime.ExecuteAsync(Instance.Id, new SetJobRetries(jobId, 3) { UserId = User.Identity!.Name }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (EngineException error)
        {
            Problem = PageRegistration.LanguageOf(CultureInfo.CurrentUICulture) == "en" ? error.Text.English : error.Text.Indonesian;
            return Page();
        }

        return Redirect($"/proses/{Uri.EscapeDataString(id)}?pesan=retried");
    }

    private async Task LoadAsync(string id, CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        Allowed = caller.ReadsAll;
        CanRetry = AccessPolicy.MayRetryIncidents(caller);
        Instance = Allowed
            ? await AccessPolicy.HistoricInstances(db, caller).AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false)
            : null;
        if (Instance is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var definition = await db.ProcessDefinitions.AsNoTracking().FirstAsync(d => d.Id == Instance.DefinitionId, cancellationToken).ConfigureAwait(false);
        DefinitionName = definition.Name;
        Xml = await DeploymentService.XmlAsync(db, definition.DeploymentId, definition.ResourceName, cancellationToken).ConfigureAwait(false);
        var state = InstanceStateJson.Deserialize(Instance.StateJson);
        Active = state.Executions.Where(e => e.NodeId is not null).Select(e => e.NodeId!).Distinct().ToList();
        Completed = await db.History.AsNoTracking().Where(h => h.InstanceId == id && h.Kind == nameof(HistoryKind.ActivityCompleted) && h.NodeId != null)
            .Select(h => h.NodeId!).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        Incidents = await db.Incidents.AsNoTracking().Where(i => i.InstanceId == id).OrderBy(i => i.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (name, dto) in TypedVariables.Write(state.Root.Variables ?? [], Zone))
        {
            Variables[name] = dto;
        }

        History = await db.History.AsNoTracking().Where(h => h.InstanceId == id).OrderByDescending(h => h.Id).Take(200).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public static string Show(VariableDto variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return variable.Value switch
        {
            null => "—",
            IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
            string s => s,
            _ => System.Text.Json.JsonSerializer.Serialize(variable.Value),
        };
    }
}
