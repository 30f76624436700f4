using Kks.Workflow.Engine;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Persistence.Tests.Infrastructure;

namespace Kks.Workflow.Persistence.Tests.Runtime;

/// <summary>A migrated database with a deployment service and runtime on a manual clock.</summary>
public abstract class RuntimeSuite : DatabaseSuite
{
    public static readonly DateTimeOffset Start = new(2025, 1, 6, 8, 0, 0, TimeSpan.FromHours(7));

    protected ManualTimeProvider Clock { get; } = new(Start);

    protected DeploymentService Deployments { get; private set; } = null!;

    protected WorkflowRuntime Runtime { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Database.MigrateAsync();
        Restart();
    }

    /// <summary>New cache, new runtime: what a process restart sees (only the database survives).</summary>
    protected void Restart(int maxRetries = 20)
    {
        var cache = new ProcessDefinitionCache();
        Deployments = new DeploymentService(Database.ContextOptions, cache, Clock);
        Runtime = NewRuntime(cache, maxRetries);
    }

    protected WorkflowRuntime NewRuntime(ProcessDefinitionCache? cache = null, int maxRetries = 20) =>
        new(Database.ContextOptions, cache ?? new ProcessDefinitionCache(), Clock, new() { MaxConcurrencyRetries = maxRetries });
}
