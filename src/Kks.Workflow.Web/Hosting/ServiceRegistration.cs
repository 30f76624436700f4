using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Persistence.Hosting;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Api;
using Kks.Workflow.Web.Api.Designer;
using Kks.Workflow.Web.Assessment;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Instruments;
using Kks.Workflow.Web.Pages;
using Kks.Workflow.Web.Pages.Akun;
using Kks.Workflow.Web.Notifications.Mail;
using Kks.Workflow.Web.Notifications.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

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
        var databaseOptions = WorkflowDatabase.CreateOptions(persistence);
        services.AddSingleton(databaseOptions);
        // Requests take their context from a pool: building a context (its service scope, Identity's model
        // lookups) cost about as much as the inbox query itself.
        services.AddSingleton<IDbContextFactory<WorkflowDbContext>>(new PooledDbContextFactory<WorkflowDbContext>(databaseOptions));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContext());

        services.AddSingleton(EngineSettings.Read(configuration));
        services.AddSingleton<ProcessDefinitionCache>();
        services.AddSingleton(sp => new DeploymentService(
            sp.GetRequiredService<DbContextOptions<WorkflowDbContext>>(), sp.GetRequiredService<ProcessDefinitionCache>(), sp.GetRequiredService<TimeProvider>())
        {
            DeadlinePolicies = sp.GetRequiredService<EngineOptions>().DeadlinePolicies,
        });
        services.AddSingleton(sp => new WorkflowRuntime(
            sp.GetRequiredService<DbContextOptions<WorkflowDbContext>>(), sp.GetRequiredService<ProcessDefinitionCache>(),
            sp.GetRequiredService<TimeProvider>(), persistence, sp.GetRequiredService<EngineOptions>(), sp.GetRequiredService<IDispatcherSignal>()));
        services.AddSingleton(TimeProvider.System);

        // Order matters: hosted services start in registration order, so the database is migrated, the
        // workflows deployed and the accounts seeded before the dispatchers' first poll.
        services.AddKksDeadlines(configuration);
        services.AddHostedService<StartupInitializer>();
        services.AddKksMail(configuration, storage);
        var dispatchers = configuration.GetSection("Dispatchers").Get<WorkflowDispatcherOptions>() ?? new WorkflowDispatcherOptions();
        if (string.IsNullOrWhiteSpace(dispatchers.NodeId))
        {
            dispatchers.NodeId = new WorkflowDispatcherOptions().NodeId;
        }

        services.AddWorkflowDispatchers(dispatchers);

        services.AddKksIdentity();
        services.AddKksPasswordReset(configuration);
        services.AddEngineRest(configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions());
        services.AddKksPages(configuration);
        services.AddKksInstruments(configuration);
        Campaigns.CampaignRegistration.AddKksCampaigns(services);
        services.AddKksAssessment();
        services.AddKksDesigner();
        return services;
    }

    public static WebApplication UseKksWorkflow(this WebApplication app)
    {
        app.UseEngineRestErrors();
        // wwwroot: the browser bundles built from ClientApp/ into wwwroot/dist (public, no personal data).
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealth();
        app.MapEngineRest();
        app.MapKksInstruments();
        app.UseKksPages();
        app.MapKksMail();
        app.MapKksDeadlines();
        app.MapKksDesigner();
        return app;
    }
}
