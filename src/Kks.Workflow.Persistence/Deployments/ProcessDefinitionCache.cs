using System.Collections.Concurrent;
using Kks.Workflow.Engine;
using Kks.Workflow.Engine.Model;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Deployments;

/// <summary>
/// Parsed process models by definition id ("key:version"). A deployed version never changes, so an entry
/// never goes stale; after a restart a model is parsed again from the stored XML on first use.
/// </summary>
public sealed class ProcessDefinitionCache
{
    private readonly ConcurrentDictionary<string, ProcessModel> _models = new(StringComparer.Ordinal);

    public int Count => _models.Count;

    internal void Add(string definitionId, ProcessModel model) => _models.TryAdd(definitionId, model);

    /// <summary>Forgets a deleted definition, so an id taken again by a later deployment is parsed from its own XML.</summary>
    internal void Remove(string definitionId) => _models.TryRemove(definitionId, out _);

    /// <summary>A model already parsed (no context needed: the command path makes one only on a miss).</summary>
    internal bool TryGet(string definitionId, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out ProcessModel model) =>
        _models.TryGetValue(definitionId, out model);

    public async Task<ProcessModel> GetAsync(WorkflowDbContext context, string definitionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_models.TryGetValue(definitionId, out var cached))
        {
            return cached;
        }

        var row = await context.ProcessDefinitions.AsNoTracking()
            .Where(d => d.Id == definitionId)
            .Select(d => new { d.Key, d.DeploymentId, d.ResourceName })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new EngineException(new BilingualText(
                $"Definisi proses '{definitionId}' tidak ditemukan.",
                $"Process definition '{definitionId}' was not found."));
        var xml = await DeploymentService.XmlAsync(context, row.DeploymentId, row.ResourceName, cancellationToken).ConfigureAwait(false);
        var model = BpmnParser.Parse(xml).Processes.Single(p => p.Id == row.Key);
        return _models.GetOrAdd(definitionId, model);
    }
}
