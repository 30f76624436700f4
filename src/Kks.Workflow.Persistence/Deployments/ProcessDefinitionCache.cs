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

    public async Task<ProcessModel> GetAsync(WorkflowDbContext context, string definitionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_models.TryGetValue(definitionId, out var cached))
        {
            return cached;
        }

        var row = await context.ProcessDefinitions.AsNoTracking()
            .Where(d => d.Id == definitionId)
            .Join(context.Deployments, d => d.DeploymentId, x => x.Id, (d, x) => new { d.Key, x.Xml })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new EngineException(new BilingualText(
                $"Definisi proses '{definitionId}' tidak ditemukan.",
                $"Process definition '{definitionId}' was not found."));
        var model = BpmnParser.Parse(row.Xml).Processes.Single(p => p.Id == row.Key);
        return _models.GetOrAdd(definitionId, model);
    }
}
