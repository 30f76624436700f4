using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.Designer;

/// <summary>One deployed version of a definition, with who deployed it and how many instances still run on it.</summary>
public sealed record DesignerVersion(string Id, int Version, string? Name, DateTimeOffset DeployedAt, string? DeployedBy, int RunningInstances);

/// <summary>A definition (all versions of one process key) as the Desainer list shows it.</summary>
public sealed record DesignerDefinition(string Key, string? Name, int LatestVersion, DateTimeOffset DeployedAt, string? DeployedBy, int RunningInstances, IReadOnlyList<DesignerVersion> Versions);

/// <summary>The definitions, their versions, a version's XML (to open, view or download) and the diff of two versions.</summary>
internal static class DesignerCatalog
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/definitions", async (WorkflowDbContext context, CancellationToken ct) =>
            RestJson.Result(await ListAsync(context, ct).ConfigureAwait(false)));
        api.MapGet("/definitions/{key}", async (string key, WorkflowDbContext context, CancellationToken ct) =>
            RestJson.Result(await GetAsync(context, key, ct).ConfigureAwait(false)));
        api.MapGet("/definitions/{key}/xml", XmlAsync);
        api.MapGet("/definitions/{key}/diff", DiffAsync);
    }

    public static async Task<IReadOnlyList<DesignerDefinition>> ListAsync(WorkflowDbContext context, CancellationToken cancellationToken, string? key = null)
    {
        var query = context.ProcessDefinitions.AsNoTracking();
        if (key is not null)
        {
            query = query.Where(d => d.Key == key);
        }

        var definitions = await query.ToListAsync(cancellationToken).ConfigureAwait(false);
        var deploymentIds = definitions.Select(d => d.DeploymentId).Distinct().ToList();
        var deployedBy = await context.Deployments.AsNoTracking().Where(d => deploymentIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => d.DeployedBy, cancellationToken).ConfigureAwait(false);
        var definitionIds = definitions.Select(d => d.Id).ToList();
        var running = await context.ProcessInstances.AsNoTracking()
            .Where(i => i.EndedAt == null && definitionIds.Contains(i.DefinitionId))
            .GroupBy(i => i.DefinitionId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken).ConfigureAwait(false);
        return definitions.GroupBy(d => d.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var versions = g.OrderByDescending(d => d.Version)
                    .Select(d => new DesignerVersion(d.Id, d.Version, d.Name, d.DeployedAt, deployedBy.GetValueOrDefault(d.DeploymentId), running.GetValueOrDefault(d.Id)))
                    .ToList();
                var latest = versions[0];
                return new DesignerDefinition(g.Key, latest.Name, latest.Version, latest.DeployedAt, latest.DeployedBy, versions.Sum(v => v.RunningInstances), versions);
            })
            .OrderBy(d => d.Name ?? d.Key, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static async Task<DesignerDefinition> GetAsync(WorkflowDbContext context, string key, CancellationToken cancellationToken) =>
        (await ListAsync(context, cancellationToken, key).ConfigureAwait(false)).SingleOrDefault() ?? throw NotFound(key);

    /// <summary>A version's BPMN XML (the latest without <c>version</c>); <c>download=true</c> sends it as a file.</summary>
    private static async Task<IResult> XmlAsync(string key, int? version, bool? download, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        var definition = await VersionAsync(context, key, version, cancellationToken).ConfigureAwait(false);
        var xml = await DeploymentService.XmlAsync(context, definition.DeploymentId, definition.ResourceName, cancellationToken).ConfigureAwait(false);
        return download == true
            ? Results.File(System.Text.Encoding.UTF8.GetBytes(xml), "application/xml", $"{key}-v{definition.Version}.bpmn")
            : Results.Text(xml, "application/xml", System.Text.Encoding.UTF8);
    }

    /// <summary>What changed from version <c>from</c> to version <c>to</c>: element ids added, removed and changed.</summary>
    private static async Task<IResult> DiffAsync(string key, int from, int to, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        var older = await VersionAsync(context, key, from, cancellationToken).ConfigureAwait(false);
        var newer = await VersionAsync(context, key, to, cancellationToken).ConfigureAwait(false);
        var olderXml = await DeploymentService.XmlAsync(context, older.DeploymentId, older.ResourceName, cancellationToken).ConfigureAwait(false);
        var newerXml = await DeploymentService.XmlAsync(context, newer.DeploymentId, newer.ResourceName, cancellationToken).ConfigureAwait(false);
        return RestJson.Result(ModelDiff.Compare(olderXml, newerXml));
    }

    public static async Task<ProcessDefinitionRecord> VersionAsync(WorkflowDbContext context, string key, int? version, CancellationToken cancellationToken)
    {
        var query = context.ProcessDefinitions.AsNoTracking().Where(d => d.Key == key);
        query = version is { } v ? query.Where(d => d.Version == v) : query.OrderByDescending(d => d.Version);
        return await query.FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
               ?? throw (version is null
                   ? NotFound(key)
                   : RestException.NotFound($"Definisi '{key}' tidak punya versi {version}.", $"Definition '{key}' has no version {version}."));
    }

    private static RestException NotFound(string key) =>
        RestException.NotFound($"Definisi proses '{key}' belum pernah diterapkan.", $"Process definition '{key}' has never been deployed.");
}
