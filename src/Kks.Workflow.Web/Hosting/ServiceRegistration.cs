using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Hosting;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Api;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Pages;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Hosting;

/// <summary>Everything the one process hosts: database, runtime, dispatchers, identity, the API.</summary>
internal static class ServiceRegistration
{
    public static IServiceCollection AddKksWorkflow(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        storage.DataDirectory = Path.GetFullPath(storage.DataDirectory, environment.ContentRootPath);
        Directory.CreateDirectory(storage.DataDirectory);
        services.AddSingleton(storage);
        services.Configure<SeedOptions>(configuration.GetSection(SeedOptions.Section));
        services.Configure<AppOptions>(configuration.GetSection(AppOptions.Section));
        services.Configure<WorkflowFilesOptions>(configuration.GetSection(WorkflowFilesOptions.Section));

        var persistence = configuration.GetSection("Persistence").Get<PersistenceOptions>() ?? new PersistenceOptions();
        persistence.DataDirectory = storage.DataDirectory;
        services.AddSingleton(persistence);
        services.AddSingleton(WorkflowDatabase.CreateOptions(persistence));
        services.AddScoped<WorkflowDbContext>();

        services.AddSingleton(EngineSettings.Read(configuration));
        services.AddSingleton<ProcessDefinitionCache>();
        services.AddSingleton(sp => new DeploymentService(
            sp.GetRequiredService<DbContextOptions<WorkflowDbContext>>(), sp.GetRequiredService<ProcessDefinitionCache>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new WorkflowRuntime(
            sp.GetRequiredService<DbContextOptions<WorkflowDbContext>>(), sp.GetRequiredService<ProcessDefinitionCache>(),
            sp.GetRequiredService<TimeProvider>(), persistence, sp.GetRequiredService<EngineOptions>(), sp.GetRequiredService<IDispatcherSignal>()));
        services.AddSingleton(TimeProvider.System);

        // Order matters: hosted services start in registration order, so the database is migrated, the
        // workflows deployed and the accounts seeded before the dispatchers' first poll.
        services.AddHostedService<StartupInitializer>();
        services.AddSingleton<IOutboxSink, LogOutboxSink>();
        var dispatchers = configuration.GetSection("Dispatchers").Get<WorkflowDispatcherOptions>() ?? new WorkflowDispatcherOptions();
        if (string.IsNullOrWhiteSpace(dispatchers.NodeId))
        {
            dispatchers.NodeId = new WorkflowDispatcherOptions().NodeId;
        }

        services.AddWorkflowDispatchers(dispatchers);

        services.AddKksIdentity();
        services.AddEngineRest();
        services.AddKksPages(configuration);
        return services;
    }

    public static WebApplication UseKksWorkflow(this WebApplication app)
    {
        app.UseEngineRestErrors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealth();
        app.MapEngineRest();
        app.UseKksPages();
        return app;
    }
}
