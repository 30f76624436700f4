using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Web.Api.Access;
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
        api.MapPost("/validate", Validate);
        api.MapPost("/deploy", DeployAsync);
        api.MapGet("/opds", OpdsAsync);
        DesignerCatalog.Map(api);
        DesignerDrafts.Map(api);
        DesignerForms.Map(api);
        return app;
    }

    public sealed record ModelBody(string? Xml, string? Name);

    private static IResult Validate(ModelBody body, HttpContext http)
    {
        var xml = RequireXml(body);
        return RestJson.Result(DesignerProblems.Check(xml, RestErrorHandling.PrefersEnglish(http.Request)));
    }

    /// <summary>
    /// Deploys the model as the next version of its process. A model with errors is refused with every problem (400,
    /// Camunda's ParseException shape plus <c>problems</c>) and nothing is written. The user's draft of it is removed.
    /// </summary>
    private static async Task<IResult> DeployAsync(ModelBody body, HttpContext http, DeploymentService deployments, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        var xml = RequireXml(body);
        var english = RestErrorHandling.PrefersEnglish(http.Request);
        var check = DesignerProblems.Check(xml, english);
        if (!check.Deployable || check.ProcessKey is null)
        {
            var errors = check.Problems.Count(p => p.Severity == "error");
            return Results.Json(new
            {
                type = "ParseException",
                message = english
                    ? $"Nothing was deployed: the model has {errors} problem(s). Fix the marked elements and deploy again."
                    : $"Tidak ada yang diterapkan: model memiliki {errors} masalah. Perbaiki elemen yang ditandai lalu terapkan lagi.",
                problems = check.Problems,
            }, RestJson.Options, "application/json", StatusCodes.Status400BadRequest);
        }

        var caller = http.Caller();
        var deployed = await deployments.DeployFilesAsync(
            new DeploymentRequest(body.Name ?? check.ProcessName ?? check.ProcessKey, [new DeploymentFile(check.ProcessKey + ".bpmn", xml)])
            {
                DeployedBy = caller.UserId,
            }, cancellationToken).ConfigureAwait(false);
        await DesignerDrafts.RemoveAsync(context, caller.UserId, "bpmn", check.ProcessKey, cancellationToken).ConfigureAwait(false);
        return RestJson.Result(new
        {
            deploymentId = deployed.Deployment.Id,
            definitions = deployed.Definitions.Select(d => new { d.Id, d.Key, d.Version, d.Name }),
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

    internal static string RequireXml(ModelBody? body) =>
        string.IsNullOrWhiteSpace(body?.Xml)
            ? throw RestException.BadRequest("Kirim model sebagai JSON {\"xml\": \"<definitions ...>\"}.", "Send the model as JSON {\"xml\": \"<definitions ...>\"}.")
            : body.Xml;
}
