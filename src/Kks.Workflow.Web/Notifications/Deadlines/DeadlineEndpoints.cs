using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api;
using Kks.Workflow.Web.Api.Access;

namespace Kks.Workflow.Web.Notifications.Deadlines;

public sealed record DeadlineStepDto(int WorkingDaysFromDue, string Step, IReadOnlyList<string> To);

public sealed record DeadlinePolicyDto(string Name, string? Description, IReadOnlyList<DeadlineStepDto> Steps);

/// <summary>
/// <c>/api/admin/tenggat/kebijakan</c>: the named ladders a model names in kks:deadlinePolicy. Leaders and the
/// secretariat read them; only the admin changes them.
/// </summary>
internal static class DeadlineEndpoints
{
    private const string Example = "{\"description\": \"Pengingat H-3 lalu Kepala OPD\", \"steps\": [{\"workingDaysFromDue\": -3, \"to\": [\"candidate-group\"]}, {\"workingDaysFromDue\": 1, \"to\": [\"kepala-opd\"]}]}";

    public static RouteGroupBuilder MapDeadlinePolicies(this RouteGroupBuilder group)
    {
        group.MapGet("/kebijakan", ListAsync);
        group.MapGet("/kebijakan/{name}", GetAsync);
        group.MapPut("/kebijakan/{name}", SaveAsync);
        group.MapDelete("/kebijakan/{name}", DeleteAsync);
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext http, WorkflowDbContext db, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireReader(http.Caller());
        var rows = await DeadlinePolicyStore.ListAsync(db, cancellationToken).ConfigureAwait(false);
        return Results.Json(rows.Select(Dto).ToList(), RestJson.Options);
    }

    private static async Task<IResult> GetAsync(string name, HttpContext http, WorkflowDbContext db, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireReader(http.Caller());
        var row = await DeadlinePolicyStore.FindAsync(db, name, cancellationToken).ConfigureAwait(false) ?? throw NotFound(name);
        return Results.Json(Dto(row), RestJson.Options);
    }

    private static async Task<IResult> SaveAsync(string name, HttpContext http, WorkflowDbContext db, DeadlinePolicyStore store, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        if (!DeadlinePolicySteps.IsName(name))
        {
            throw RestException.BadRequest($"Nama kebijakan '{name}' tidak sah: pakai huruf kecil, angka dan tanda minus, misalnya standar atau kilat-5.",
                $"Policy name '{name}' is not valid: use lower-case letters, digits and dashes, e.g. standar or kilat-5.");
        }

        var body = await RestBody.ObjectAsync(http.Request, Example, cancellationToken).ConfigureAwait(false);
        var steps = DeadlinePolicySteps.Read(RestBody.Property(body, "steps"), out var problems);
        if (problems.Count > 0)
        {
            throw RestException.BadRequest(string.Join(" ", problems.Select(p => p.Indonesian)), string.Join(" ", problems.Select(p => p.English)));
        }

        var row = await store.SaveAsync(db, name, RestBody.String(body, "description")?.Trim(), steps, cancellationToken).ConfigureAwait(false);
        return Results.Json(Dto(row), RestJson.Options);
    }

    private static async Task<IResult> DeleteAsync(string name, HttpContext http, WorkflowDbContext db, DeadlinePolicyStore store, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        return await store.DeleteAsync(db, name, cancellationToken).ConfigureAwait(false) ? Results.NoContent() : throw NotFound(name);
    }

    private static RestException NotFound(string name) =>
        RestException.NotFound($"Kebijakan tenggat '{name}' tidak ada.", $"Deadline policy '{name}' does not exist.");

    private static DeadlinePolicyDto Dto(DeadlinePolicyRecord row) =>
        new(row.Name, row.Description, DeadlinePolicySteps.Deserialize(row.StepsJson).Select(s => new DeadlineStepDto(s.WorkingDaysFromDue, s.Kind, s.To)).ToList());
}
