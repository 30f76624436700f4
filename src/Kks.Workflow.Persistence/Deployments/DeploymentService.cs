using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Deployments;

/// <summary>One process of a deployment: its id, and whether this deployment made a new version of it.</summary>
public sealed record DeployedDefinition(string Id, string Key, int Version, bool IsNew);

public sealed record DeploymentResult(string? DeploymentId, IReadOnlyList<DeployedDefinition> Definitions)
{
    /// <summary>True when identical content was already the latest version of every process: nothing was written.</summary>
    public bool IsNoOp => Definitions.All(d => !d.IsNew);
}

/// <summary>
/// Stores BPMN files as versioned definitions: parse and validate (refuse with the problems), then per
/// executable process a new version by key, unless the latest version came from identical content (same
/// SHA-256), in which case that version is returned and nothing is written. Running instances keep the
/// definition id they started with, so a new version never changes them.
/// </summary>
public sealed partial class DeploymentService(DbContextOptions<WorkflowDbContext> options, ProcessDefinitionCache cache, TimeProvider clock)
{
    /// <summary>The host's deadline policies: when set, a kks:deadlinePolicy naming none of them refuses the file.</summary>
    public IDeadlinePolicies? DeadlinePolicies { get; init; }

    public async Task<DeploymentResult> DeployAsync(string xml, string? name = null, string? deployedBy = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var definitions = BpmnParser.Parse(xml);
        var problems = BpmnValidator.Validate(definitions, DeadlinePolicies);
        if (!BpmnValidator.IsDeployable(problems))
        {
            throw new DeploymentRejectedException(problems);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml)));
        var now = clock.GetUtcNow();
        var deploymentId = "dep-" + Guid.NewGuid().ToString("N");
        await using var context = new WorkflowDbContext(options);
        var result = new List<DeployedDefinition>();
        foreach (var process in definitions.ExecutableProcesses)
        {
            var latest = await context.ProcessDefinitions.AsNoTracking()
                .Where(d => d.Key == process.Id)
                .OrderByDescending(d => d.Version)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (latest is not null && latest.ContentHash == hash)
            {
                result.Add(new DeployedDefinition(latest.Id, latest.Key, latest.Version, IsNew: false));
                continue;
            }

            var version = (latest?.Version ?? 0) + 1;
            var id = process.Id + ":" + version.ToString(CultureInfo.InvariantCulture);
            context.ProcessDefinitions.Add(new ProcessDefinitionRecord
            {
                Id = id,
                Key = process.Id,
                Version = version,
                Name = process.Name,
                DeploymentId = deploymentId,
                ContentHash = hash,
                DeployedAt = now,
            });
            result.Add(new DeployedDefinition(id, process.Id, version, IsNew: true));
        }

        if (result.TrueForAll(d => !d.IsNew))
        {
            return new DeploymentResult(null, result);
        }

        context.Deployments.Add(new DeploymentRecord { Id = deploymentId, Name = name, Xml = xml, ContentHash = hash, DeployedAt = now, DeployedBy = deployedBy });
        // One SaveChanges: the deployment and its definitions commit together; the unique (key, version)
        // index refuses a concurrent deployment of the same key, which then fails rather than overwrite.
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        // Cached only once committed: a deployment that lost a race must not leave its model under a taken id.
        foreach (var deployed in result.Where(d => d.IsNew))
        {
            cache.Add(deployed.Id, definitions.ExecutableProcesses.Single(p => p.Id == deployed.Key));
        }

        return new DeploymentResult(deploymentId, result);
    }

    /// <summary>The latest version's id of a process key (what starting by key uses), or null.</summary>
    public static async Task<string?> LatestIdAsync(WorkflowDbContext context, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await context.ProcessDefinitions.AsNoTracking()
            .Where(d => d.Key == key)
            .OrderByDescending(d => d.Version)
            .Select(d => d.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }
}
