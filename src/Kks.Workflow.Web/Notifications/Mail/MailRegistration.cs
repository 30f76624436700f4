using Kks.Workflow.Web.Notifications.Mail.Admin;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Web.Hosting;

namespace Kks.Workflow.Web.Notifications.Mail;

/// <summary>Mail: the outbox sink, the transport chosen by "Mail:Delivery", the ${mail} handler, the admin API.</summary>
internal static class MailRegistration
{
    public static IServiceCollection AddKksMail(this IServiceCollection services, IConfiguration configuration, StorageOptions storage)
    {
        var options = configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
        services.AddSingleton(options);
        services.AddSingleton<AudienceResolver>();
        services.AddSingleton<IMailTransport>(sp => options.UsesSmtp
            ? new SmtpTransport(options, sp.GetRequiredService<TimeProvider>())
            : new PickupFolderTransport(options, Path.GetFullPath(options.PickupDirectory, storage.DataDirectory)));
        services.AddSingleton<IOutboxSink, MailOutboxSink>();
        services.AddSingleton<IServiceTaskHandler, MailTaskHandler>();
        return services;
    }

    public static WebApplication MapKksMail(this WebApplication app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization().WithTags("admin");
        admin.MapDirectory();
        admin.MapDeadLetters();
        return app;
    }
}
