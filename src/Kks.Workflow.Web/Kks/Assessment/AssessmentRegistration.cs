using Kks.Workflow.Persistence.Dispatch;

namespace Kks.Workflow.Web.Assessment;

/// <summary>The KKS workflow's own service-task handlers (workflows/kks-penilaian.bpmn).</summary>
internal static class AssessmentRegistration
{
    public static IServiceCollection AddKksAssessment(this IServiceCollection services)
    {
        services.AddSingleton<IServiceTaskHandler, AssignmentHandler>();
        services.AddScoped<Readiness.ReadinessReader>();
        services.AddScoped<Readiness.ProvinceResults>();
        services.AddScoped<Readiness.VerificationPack>();
        services.AddSingleton<Readiness.PackProgressBoard>();
        return services;
    }
}
