using System.Text;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Api.Access;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.Deployments;

/// <summary>
/// Camunda's deployment resource: create (multipart, several .bpmn and .form files), list, get and delete. Reading
/// is for the roles that read everything; deploying and deleting for admin and secretariat.
/// </summary>
internal static class DeploymentEndpoints
{
    public const int MaxFiles = 20;

    public const long MaxFileBytes = 10 * 1024 * 1024;

    public const long MaxUploadBytes = 50 * 1024 * 1024;

    public static RouteGroupBuilder MapDeployments(this RouteGroupBuilder rest)
    {
        rest.MapPost("/deployment/create", CreateAsync).DisableAntiforgery();
        rest.MapGet("/deployment", ListAsync);
        rest.MapGet("/deployment/count", CountAsync);
        rest.MapGet("/deployment/{id}", GetAsync);
        rest.MapDelete("/deployment/{id}", DeleteAsync);
        return rest;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, DeploymentService deployments, EngineOptions engine, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireManager(http.Caller());
        if (!http.Request.HasFormContentType)
        {
            throw RestException.BadRequest("Kirim penerapan sebagai multipart/form-data: berkas .bpmn/.form sebagai bagian berkas, dan deployment-name.",
                "Send a deployment as multipart/form-data: .bpmn/.form files as file parts, and deployment-name.");
        }

        IFormCollection form;
        try
        {
            // The whole upload is bounded too, not only each file: files are read into memory to be parsed.
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = MaxUploadBytes;
            }

            form = await http.Request.ReadFormAsync(new FormOptions
            {
                MultipartBodyLengthLimit = MaxUploadBytes,
                ValueCountLimit = 64 + MaxFiles,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException error)
        {
            throw RestException.BadRequest($"Unggahan penerapan tidak dapat dibaca atau terlalu besar: {error.Message}",
                $"The deployment upload cannot be read or is too large: {error.Message}");
        }

        var request = new DeploymentRequest(Field(form, "deployment-name"), await FilesAsync(form, cancellationToken).ConfigureAwait(false))
        {
            DeployChangedOnly = Field(form, "deploy-changed-only") is { } changedOnly && RestQuery.ParseBool(changedOnly, "deploy-changed-only"),
            DuplicateFiltering = Field(form, "enable-duplicate-filtering") is { } filtering && RestQuery.ParseBool(filtering, "enable-duplicate-filtering"),
            DeployedBy = http.Caller().UserId,
        };
        if (Field(form, "tenant-id") is { } tenant)
        {
            throw RestException.BadRequest($"Tenant '{tenant}' tidak didukung: mesin ini hanya memiliki satu tenant; hapus tenant-id.",
                $"Tenant '{tenant}' is not supported: this engine has one tenant; leave tenant-id out.");
        }

        FilesDeployment deployed;
        try
        {
            deployed = await deployments.DeployFilesAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (DeploymentConflictException race)
        {
            throw new RestException(409, "OptimisticLockingException", race.Text);
        }

        return Results.Json(DeploymentDtos.WithDefinitions(http.Request, deployed.Deployment, deployed.Definitions, engine.TimeZone, Field(form, "deployment-source")));
    }

    private static string? Field(IFormCollection form, string name) =>
        form.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value.ToString()) ? value.ToString() : null;

    private static async Task<List<DeploymentFile>> FilesAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        if (form.Files.Count == 0)
        {
            throw RestException.BadRequest("Penerapan tanpa berkas: lampirkan minimal satu berkas .bpmn atau .form.",
                "A deployment without files: attach at least one .bpmn or .form file.");
        }

        if (form.Files.Count > MaxFiles)
        {
            throw RestException.BadRequest($"Terlalu banyak berkas ({form.Files.Count}): paling banyak {MaxFiles} per penerapan.",
                $"Too many files ({form.Files.Count}): at most {MaxFiles} per deployment.");
        }

        var files = new List<DeploymentFile>();
        foreach (var file in form.Files)
        {
            // Camunda names a resource by the part's file name, falling back to the part's name.
            var name = string.IsNullOrWhiteSpace(file.FileName) ? file.Name : Path.GetFileName(file.FileName);
            if (file.Length > MaxFileBytes)
            {
                throw RestException.BadRequest($"Berkas '{name}' terlalu besar ({file.Length / 1024} KB): paling besar {MaxFileBytes / 1024 / 1024} MB.",
                    $"File '{name}' is too large ({file.Length / 1024} KB): at most {MaxFileBytes / 1024 / 1024} MB.");
            }

            if (files.Exists(f => f.Name == name))
            {
                throw RestException.BadRequest($"Berkas '{name}' dikirim dua kali.", $"File '{name}' was sent twice.");
            }

            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            files.Add(new DeploymentFile(name, await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false)));
        }

        return files;
    }

    private static IQueryable<DeploymentRecord> Filtered(HttpContext http, WorkflowDbContext context)
    {
        AccessPolicy.RequireReader(http.Caller());
        var request = http.Request;
        RestQuery.RejectUnknown(request.Query.Keys, ["id", "name", "nameLike"]);
        var query = context.Deployments.AsNoTracking();
        if (RestQuery.Text(request, "id") is { } id)
        {
            query = query.Where(d => d.Id == id);
        }

        if (RestQuery.Text(request, "name") is { } name)
        {
            query = query.Where(d => d.Name == name);
        }

        if (RestQuery.Text(request, "nameLike") is { } nameLike)
        {
            query = query.Where(d => d.Name != null && EF.Functions.Like(d.Name, nameLike));
        }

        return query;
    }

    private static async Task<IResult> ListAsync(HttpContext http, WorkflowDbContext context, EngineOptions engine, CancellationToken cancellationToken)
    {
        var query = Filtered(http, context);
        var (sortBy, descending) = RestQuery.Sort(http.Request, ["id", "name", "deploymentTime"]);
        var (first, max) = RestQuery.Page(http.Request);
        query = (sortBy, descending) switch
        {
            ("id", false) => query.OrderBy(d => d.Id),
            ("id", true) => query.OrderByDescending(d => d.Id),
            ("name", false) => query.OrderBy(d => d.Name).ThenBy(d => d.Id),
            ("name", true) => query.OrderByDescending(d => d.Name).ThenBy(d => d.Id),
            ("deploymentTime", true) => query.OrderByDescending(d => d.DeployedAt).ThenBy(d => d.Id),
            _ => query.OrderBy(d => d.DeployedAt).ThenBy(d => d.Id),
        };
        var rows = await query.Skip(first).Take(max).ToListAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(rows.Select(d => DeploymentDtos.Deployment(http.Request, d, engine.TimeZone)));
    }

    private static async Task<IResult> CountAsync(HttpContext http, WorkflowDbContext context, CancellationToken cancellationToken) =>
        Results.Json(new { count = await Filtered(http, context).CountAsync(cancellationToken).ConfigureAwait(false) });

    private static async Task<IResult> GetAsync(string id, HttpContext http, WorkflowDbContext context, EngineOptions engine, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireReader(http.Caller());
        var deployment = await context.Deployments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(id);
        return Results.Json(DeploymentDtos.Deployment(http.Request, deployment, engine.TimeZone));
    }

    /// <summary>Camunda's delete: refused while instances of its definitions run, unless cascade=true cancels them first.</summary>
    private static async Task<IResult> DeleteAsync(
        string id, HttpContext http, WorkflowDbContext context, DeploymentService deployments, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        AccessPolicy.RequireManager(caller);
        var cascade = RestQuery.Bool(http.Request, "cascade") ?? false;
        if (!await context.Deployments.AsNoTracking().AnyAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false))
        {
            throw NotFound(id);
        }

        if (cascade)
        {
            var definitionIds = context.ProcessDefinitions.Where(d => d.DeploymentId == id).Select(d => d.Id);
            var running = await context.ProcessInstances.AsNoTracking()
                .Where(i => definitionIds.Contains(i.DefinitionId) && i.EndedAt == null)
                .Select(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var instanceId in running)
            {
                try
                {
                    await runtime.ExecuteAsync(instanceId, new CancelInstance("deployment deleted") { UserId = caller.UserId }, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (NotFoundException)
                {
                    // Ended meanwhile: nothing left to cancel.
                }
            }
        }

        try
        {
            await deployments.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (DeploymentInUseException inUse)
        {
            throw new RestException(409, "ProcessEngineException", inUse.Text);
        }

        return Results.NoContent();
    }

    private static RestException NotFound(string id) =>
        RestException.NotFound($"Penerapan '{id}' tidak ditemukan.", $"Deployment with id '{id}' does not exist.");
}
