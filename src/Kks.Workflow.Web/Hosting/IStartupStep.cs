using Kks.Workflow.Persistence;

namespace Kks.Workflow.Web.Hosting;

/// <summary>
/// A feature's work at start that needs the migrated database and must be done before workflows/ deploys (e.g. the
/// deadline policies a deployment checks names against). <see cref="StartupInitializer"/> runs every registered step
/// once, in registration order, between the migration and the deployment.
/// </summary>
internal interface IStartupStep
{
    Task RunAsync(WorkflowDbContext context, CancellationToken cancellationToken);
}
