using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Web.Identity;
using Microsoft.Extensions.Options;

namespace Kks.Workflow.Web.Hosting;

/// <summary>
/// First thing at every start: migrate the database, run the features' <see cref="IStartupStep"/>s, deploy the workflow files (an unchanged file is a no-op),
/// create the roles and the seed accounts. Runs before the dispatchers start (registered before them), and a
/// failure stops the app: serving on a half-migrated database would be worse.
/// </summary>
internal sealed partial class StartupInitializer(
    IServiceScopeFactory scopes,
    DeploymentService deployments,
    IEnumerable<IStartupStep> steps,
    IOptions<WorkflowFilesOptions> workflowFiles,
    ILogger<StartupInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var applied = await SchemaMigrator.MigrateAsync(context, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (applied.Count > 0)
        {
            LogMigrated(logger, applied);
        }

        foreach (var step in steps)
        {
            await step.RunAsync(context, cancellationToken).ConfigureAwait(false);
        }

        await DeployWorkflowFilesAsync(cancellationToken).ConfigureAwait(false);
        await scope.ServiceProvider.GetRequiredService<AccountSeeder>().SeedAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task DeployWorkflowFilesAsync(CancellationToken cancellationToken)
    {
        var folder = workflowFiles.Value.Directory ?? Path.Combine(AppContext.BaseDirectory, "workflows");
        if (!Directory.Exists(folder))
        {
            LogNoWorkflowFolder(logger, folder);
            return;
        }

        // One deployment named "workflows" with changed-only filtering: an unchanged restart deploys nothing, and
        // a changed file becomes the next version of its processes (or forms) alone.
        var files = new List<DeploymentFile>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(folder, file).Replace('\\', '/');
            if (DeploymentService.IsBpmn(name) || DeploymentService.IsForm(name))
            {
                files.Add(new DeploymentFile(name, await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)));
            }
        }

        if (files.Count == 0)
        {
            return;
        }

        var deployed = await deployments.DeployFilesAsync(new DeploymentRequest("workflows", files) { DeployChangedOnly = true, DeployedBy = "system" }, cancellationToken)
            .ConfigureAwait(false);
        foreach (var definition in deployed.Definitions)
        {
            LogDeployed(logger, definition.Key, definition.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated: applied {Versions}")]
    private static partial void LogMigrated(ILogger logger, IReadOnlyList<int> versions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No workflows folder at {Folder}: nothing deployed at start")]
    private static partial void LogNoWorkflowFolder(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployed {Key} version {Version} from workflows/")]
    private static partial void LogDeployed(ILogger logger, string key, int version);
}
