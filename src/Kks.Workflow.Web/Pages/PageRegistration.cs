using System.Globalization;
using Kks.Workflow.Web.Evidence;
using Kks.Workflow.Web.Identity;
using Microsoft.AspNetCore.Localization;

namespace Kks.Workflow.Web.Pages;

/// <summary>
/// The pages' plumbing: Razor Pages (every page needs a sign-in unless it says otherwise), antiforgery on every form
/// post, static files from wwwroot, and the language of each request (Bahasa Indonesia first, English second).
/// </summary>
internal static class PageRegistration
{
    /// <summary>Bahasa Indonesia: the default for everyone.</summary>
    public static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    /// <summary>English with day-month-year dates (en-GB), texts from the .en resources.</summary>
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static IServiceCollection AddKksPages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddKksEvidence(configuration);
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddSingleton<Texts>();
        services.AddScoped<PageHeader>();
        services.AddScoped<KotakMasuk.InboxQuery>();
        services.AddSingleton<KotakMasuk.TaskCountCache>();
        services.AddScoped<Tugas.TaskView>();
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToFolder("/Akun");
            options.Conventions.AllowAnonymousToPage("/Bahasa");
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "kks.af";
            options.FormFieldName = "__kks_af";
        });
        services.AddKksAntiforgeryTokenCache();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Indonesian);
            options.SupportedCultures = [Indonesian, English];
            options.SupportedUICultures = [Indonesian, English];
            // The language cookie (the switch in every page) first, then the signed-in user's saved language;
            // never the browser's Accept-Language: office PCs often say en-US while their users read Indonesian.
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new UserLanguageCultureProvider()];
        });
        return services;
    }

    /// <summary>After authentication (the user's saved language is a claim); the API keeps its own language rule.</summary>
    public static WebApplication UseKksPages(this WebApplication app)
    {
        app.UseWhen(context => !IdentityRegistration.IsApi(context.Request.Path), pages => pages.UseRequestLocalization());
        app.MapRazorPages();
        app.MapEvidence();
        return app;
    }

    /// <summary>The two-letter language of a culture as the app stores it: "id" or "en".</summary>
    public static string LanguageOf(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" ? "en" : "id";

    public static CultureInfo CultureOf(string? language) => language == "en" ? English : Indonesian;

    private sealed class UserLanguageCultureProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var language = httpContext.User.FindFirst(AccountClaimsFactory.LanguageClaim)?.Value;
            if (string.IsNullOrEmpty(language))
            {
                return NullProviderCultureResult;
            }

            var culture = CultureOf(language).Name;
            return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture, culture));
        }
    }
}
