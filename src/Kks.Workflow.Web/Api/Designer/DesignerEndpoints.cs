using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Notifications.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.Designer;

/// <summary>
/// The designer's server side under /api/designer, for admin and secretariat only (<see cref="AccessPolicy.RequireManager"/>):
/// validate with the engine's own validator, deploy the next version (or refuse with the problems, deploying nothing),
/// the definitions and their versions, drafts per user, the OPD list and the deployed forms.
/// </summary>
internal static class DesignerEndpoints
{
    public const string BasePath = "/api/designer";

    public static IServiceCollection AddKksDesigner(this IServiceCollection services) => services;

    public static WebApplication MapKksDesigner(this WebApplication app)
    {
        var api = app.MapGroup(BasePath).RequireAuthorization().WithTags("designer");
        // Every route first checks the role: the designer changes what every OPD works on.
        api.AddEndpointFilter(async (context, next) =>
        {
            AccessPolicy.RequireManager(context.HttpContext.Caller());
            return await next(context).ConfigureAwait(false);
        });
        api.MapPost("/validate", ValidateAsync);
        api.MapPost("/deploy", DeployAsync);
        api.MapGet("/opds", OpdsAsync);
        api.MapGet("/kebijakan-tenggat", DeadlinePoliciesAsync);
        DesignerCatalog.Map(api);
        DesignerDrafts.Map(api);
        DesignerForms.Map(api);
        return app;
    }

    public sealed record ModelBody(string? Xml, string? Name);

    /// <summary>The engine's problems (with the host's deadline policies) and the forms the model names that do not exist.</summary>
    private static async Task<IResult> ValidateAsync(ModelBody body, HttpContext http, DeploymentService deployments, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        var xml = RequireXml(body);
        var english = RestErrorHandling.PrefersEnglish(http.Request);
        var check = DesignerProblems.Check(xml, english, deployments.DeadlinePolicies);
        var forms = await DesignerFormBundle.CollectAsync(xml, context, http.Caller().UserId, english, cancellationToken).ConfigureAwait(false);
        return RestJson.Result(forms.Problems.Count == 0 ? check : check with { Deployable = false, Problems = [.. check.Problems, .. forms.Problems] });
    }

    /// <summary>
    /// Deploys the model as the next version of its process, together with the forms it references (one deployment). A
    /// model with errors, or naming a form that does not exist, is refused with every problem (400, Camunda's
    /// ParseException shape plus <c>problems</c>) and nothing is written. The user's drafts of what was deployed are removed.
    /// </summary>
    private static async Task<IResult> DeployAsync(ModelBody body, HttpContext http, DeploymentService deployments, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        var xml = RequireXml(body);
        var english = RestErrorHandling.PrefersEnglish(http.Request);
        var caller = http.Caller();
        var check = DesignerProblems.Check(xml, english, deployments.DeadlinePolicies);
        var forms = await DesignerFormBundle.CollectAsync(xml, context, caller.UserId, english, cancellationToken).ConfigureAwait(false);
        if (!check.Deployable || check.ProcessKey is null || forms.Problems.Count > 0)
        {
            var problems = check.Problems.Concat(forms.Problems).ToList();
            var errors = problems.Count(p => p.Severity == "error");
            return Results.Json(new
            {
                type = "ParseException",
                message = english
                    ? $"Nothing was deployed: the model has {errors} problem(s). Fix the marked elements and deploy again."
                    : $"Tidak ada yang diterapkan: model memiliki {errors} masalah. Perbaiki elemen yang ditandai lalu terapkan lagi.",
                problems,
            }, RestJson.Options, "application/json", StatusCodes.Status400BadRequest);
        }

        var deployed = await deployments.DeployFilesAsync(
            new DeploymentRequest(body.Name ?? check.ProcessName ?? check.ProcessKey, [new DeploymentFile(check.ProcessKey + ".bpmn", xml), .. forms.Files])
            {
                DeployedBy = caller.UserId,
            }, cancellationToken).ConfigureAwait(false);
        await DesignerDrafts.RemoveAsync(context, caller.UserId, DeploymentResourceKinds.Bpmn, check.ProcessKey, cancellationToken).ConfigureAwait(false);
        foreach (var form in deployed.Resources.Where(r => r.FormKey is not null))
        {
            await DesignerDrafts.RemoveAsync(context, caller.UserId, DeploymentResourceKinds.Form, form.FormKey!, cancellationToken).ConfigureAwait(false);
        }

        return RestJson.Result(new
        {
            deploymentId = deployed.Deployment.Id,
            definitions = deployed.Definitions.Select(d => new { d.Id, d.Key, d.Version, d.Name }),
            forms = deployed.Resources.Where(r => r.FormKey is not null).Select(r => new { key = r.FormKey, version = r.FormVersion }),
            problems = check.Problems,
        });
    }

    /// <summary>The OPDs that can receive tasks: their code is the candidate group, shown with the name.</summary>
    private static async Task<IResult> OpdsAsync(WorkflowDbContext context, CancellationToken cancellationToken)
    {
        var opds = await context.Opds.AsNoTracking().Where(o => o.Active).OrderBy(o => o.Code)
            .Select(o => new { o.Code, o.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return RestJson.Result(opds);
    }

    /// <summary>The deadline policies a user task can name in kks:deadlinePolicy (the admin edits them under /admin/tenggat).</summary>
    private static async Task<IResult> DeadlinePoliciesAsync(WorkflowDbContext context, CancellationToken cancellationToken)
    {
        var policies = await DeadlinePolicyStore.ListAsync(context, cancellationToken).ConfigureAwait(false);
        return RestJson.Result(policies.Select(p => new { p.Name, p.Description }));
    }

    internal static string RequireXml(ModelBody? body) =>
        string.IsNullOrWhiteSpace(body?.Xml)
            ? throw RestException.BadRequest("Kirim model sebagai JSON {\"xml\": \"<definitions ...>\"}.", "Send the model as JSON {\"xml\": \"<definitions ...>\"}.")
            : body.Xml;
}
