using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api.Access;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.Designer;

/// <summary>The form-js forms tasks reference with <c>camunda:formRef</c>: the latest of each, one schema, and deploying a form.</summary>
internal static class DesignerForms
{
    public sealed record FormBody(string? Schema);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/forms", ListAsync);
        api.MapGet("/forms/{key}", GetAsync);
        api.MapPost("/forms/deploy", DeployAsync);
    }

    private static async Task<IResult> ListAsync(WorkflowDbContext context, CancellationToken cancellationToken)
    {
        var forms = await context.DeploymentResources.AsNoTracking().Where(r => r.FormKey != null)
            .Select(r => new { r.FormKey, r.FormVersion, r.Name, r.DeploymentId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var latest = forms.GroupBy(f => f.FormKey!, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(f => f.FormVersion).First())
            .OrderBy(f => f.FormKey, StringComparer.Ordinal)
            .Select(f => new { key = f.FormKey, version = f.FormVersion, name = f.Name });
        return RestJson.Result(latest);
    }

    private static async Task<IResult> GetAsync(string key, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        var form = await DeploymentService.FormAsync(context, key, cancellationToken: cancellationToken).ConfigureAwait(false)
                   ?? throw RestException.NotFound($"Formulir '{key}' belum pernah diterapkan.", $"Form '{key}' has never been deployed.");
        return RestJson.Result(new { key = form.FormKey, version = form.FormVersion, name = form.Name, schema = form.Content });
    }

    /// <summary>Deploys the form as the next version of its id (file "&lt;id&gt;.form"); the user's draft of it is removed.</summary>
    private static async Task<IResult> DeployAsync(FormBody body, HttpContext http, DeploymentService deployments, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        var key = FormKey(body?.Schema);
        var caller = http.Caller();
        var deployed = await deployments.DeployFilesAsync(
            new DeploymentRequest("form " + key, [new DeploymentFile(key + ".form", body!.Schema!)]) { DeployedBy = caller.UserId },
            cancellationToken).ConfigureAwait(false);
        await DesignerDrafts.RemoveAsync(context, caller.UserId, DeploymentResourceKinds.Form, key, cancellationToken).ConfigureAwait(false);
        var resource = deployed.Resources.Single();
        return RestJson.Result(new { deploymentId = deployed.Deployment.Id, key, version = resource.FormVersion });
    }

    /// <summary>The form's "id": what camunda:formRef names, and the file name it is deployed under.</summary>
    private static string FormKey(string? schema)
    {
        if (!string.IsNullOrWhiteSpace(schema))
        {
            try
            {
                using var document = System.Text.Json.JsonDocument.Parse(schema, new System.Text.Json.JsonDocumentOptions { MaxDepth = 64 });
                if (document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                    && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.String
                    && id.GetString() is { Length: > 0 } key && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
                {
                    return key;
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // answered below with what to send
            }
        }

        throw RestException.BadRequest(
            "Formulir tidak valid: kirim {\"schema\": \"<JSON form-js>\"} dengan \"id\" berisi huruf, angka, _ - atau . saja (id itu yang dirujuk camunda:formRef).",
            "The form is not valid: send {\"schema\": \"<form-js JSON>\"} with an \"id\" of letters, digits, _ - or . only (that id is what camunda:formRef names).");
    }
}
