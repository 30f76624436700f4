using Kks.Workflow.Web.Campaigns;

namespace Kks.Workflow.Web.Instruments;

/// <summary>
/// The KKS instrument and campaign services, their start-up loading and their /api routes. The files live under
/// Kks/ but the namespaces leave that segment out: a namespace Kks.Workflow.Web.Kks would hide the root Kks
/// namespace from every file in the project.
/// </summary>
internal static class InstrumentRegistration
{
    public static IServiceCollection AddKksInstruments(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<InstrumentOptions>(configuration.GetSection(InstrumentOptions.Section));
        services.AddScoped<InstrumentStore>();
        services.AddScoped<InstrumentImporter>();
        services.AddScoped<IndicatorCatalog>();
        services.AddScoped<CampaignService>();
        services.AddScoped<DemoCampaign>();
        // Registered after the startup initializer (migration, accounts), so it runs after it.
        services.AddHostedService<InstrumentStartup>();
        return services;
    }

    public static WebApplication MapKksInstruments(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("kks");
        api.MapInstruments();
        api.MapCampaigns();
        Readiness.ReadinessEndpoints.MapReadiness(api);
        return app;
    }
}
