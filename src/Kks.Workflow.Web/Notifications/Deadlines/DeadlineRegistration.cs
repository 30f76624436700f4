using Kks.Workflow.Engine;
using Kks.Workflow.Web.Hosting;
using Kks.Workflow.Web.Notifications.Calendar;
using Kks.Workflow.Web.Notifications.Digests;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace Kks.Workflow.Web.Notifications.Deadlines;

/// <summary>Deadline ladders, the working-day calendar and the digests: services, start-up, Quartz jobs, admin API.</summary>
internal static class DeadlineRegistration
{
    /// <summary>
    /// Call after EngineOptions is registered: the engine options get the live
    /// calendar, policies and office hours, and <see cref="DeadlineStartup"/> loads them before workflows/ deploys.
    /// </summary>
    public static IServiceCollection AddKksDeadlines(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(DeadlineSettings.Section).Get<DeadlineSettings>() ?? new DeadlineSettings();
        var calendar = new HolidayCalendar();
        var policies = new LiveDeadlinePolicies();
        var engine = services.LastOrDefault(d => d.ServiceType == typeof(EngineOptions))?.ImplementationInstance as EngineOptions
            ?? throw new InvalidOperationException("Register EngineOptions before AddKksDeadlines.");
        var withDeadlines = engine with { Calendar = calendar, DeadlinePolicies = policies, WorkingHours = settings.Hours() };
        services.Replace(ServiceDescriptor.Singleton(withDeadlines));

        services.AddSingleton(settings);
        services.AddSingleton(calendar);
        services.AddSingleton(policies);
        services.AddSingleton<CalendarStore>();
        services.AddSingleton<DeadlinePolicyStore>();
        services.AddSingleton<DigestWriter>();
        services.AddSingleton<IStartupStep, DeadlineStartup>();

        services.AddQuartz(quartz =>
        {
            quartz.AddJob<CatalogRefreshJob>(job => job.WithIdentity(CatalogRefreshJob.Key));
            quartz.AddTrigger(trigger => trigger.ForJob(CatalogRefreshJob.Key).WithIdentity("catalog-refresh", CatalogRefreshJob.Key.Group)
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(settings.CatalogRefreshInterval).RepeatForever()));
            if (!string.IsNullOrWhiteSpace(settings.DigestCron))
            {
                quartz.AddJob<DigestJob>(job => job.WithIdentity(DigestJob.Key));
                quartz.AddTrigger(trigger => trigger.ForJob(DigestJob.Key).WithIdentity("digest-morning", DigestJob.Key.Group)
                    .WithCronSchedule(settings.DigestCron, cron => cron.InTimeZone(withDeadlines.TimeZone)));
            }
        });
        return services;
    }

    public static WebApplication MapKksDeadlines(this WebApplication app)
    {
        var admin = app.MapGroup("/api/admin/tenggat").RequireAuthorization().WithTags("admin-tenggat");
        admin.MapDeadlinePolicies();
        admin.MapHolidays();
        return app;
    }
}
