using Kks.Workflow.Web.Readiness;

namespace Kks.Workflow.Web.Campaigns;

/// <summary>The campaign pages' services: starting a campaign's workflow, kelembagaan evidence, province result drafts.</summary>
internal static class CampaignRegistration
{
    public static IServiceCollection AddKksCampaigns(this IServiceCollection services)
    {
        services.AddScoped<CampaignStart>();
        services.AddScoped<KelembagaanEvidence>();
        services.AddScoped<ProvinceDrafts>();
        return services;
    }
}
