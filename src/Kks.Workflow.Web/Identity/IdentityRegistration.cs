using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Kks.Workflow.Web.Identity;

internal static class IdentityRegistration
{
    /// <summary>The scheme that picks HTTP Basic when the request carries it and the login cookie otherwise.</summary>
    public const string Scheme = "kks";

    public static IServiceCollection AddKksIdentity(this IServiceCollection services)
    {
        services.AddIdentity<UserAccount, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<WorkflowDbContext>()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "kks.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = "/masuk";
            cookie.LogoutPath = "/keluar";
            cookie.AccessDeniedPath = "/masuk";
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            // The API answers 401/403 in Camunda's shape; only pages redirect to the login page.
            cookie.Events.OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context, StatusCodes.Status403Forbidden);
            cookie.Events.OnValidatePrincipal = ValidateStampWhenDueAsync;
            cookie.Events.OnSigningOut = context =>
            {
                CookieTicketCache.Forget(context.HttpContext, context.Options);
                return Task.CompletedTask;
            };
        });
        // After the cookie handler's own post-configuration (registered by AddIdentity above), which sets the ticket format.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).PostConfigure<TimeProvider>((cookie, clock) =>
            cookie.TicketDataFormat = new CookieTicketCache(
                cookie.TicketDataFormat ?? throw new InvalidOperationException("The login cookie has no ticket format yet."), clock));

        services.AddSingleton<BasicCredentialCache>();
        services.AddScoped<AccountSeeder>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = Scheme;
                options.DefaultChallengeScheme = Scheme;
                options.DefaultAuthenticateScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Basic or cookie", policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                    ? BasicAuthenticationHandler.Scheme
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.Scheme, null);
        services.AddAuthorization();
        return services;
    }

    /// <summary>
    /// Identity's security-stamp check of the login cookie, asked only when it is due (the same rule the validator applies
    /// inside: no issue time, or older than <see cref="SecurityStampValidatorOptions.ValidationInterval"/>). Identity
    /// resolves its validator, and with it SignInManager and UserManager, on every request before looking at the time:
    /// a tenth of an inbox page's CPU for a check that runs every 30 minutes.
    /// </summary>
    private static Task ValidateStampWhenDueAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value;
        var issued = context.Properties.IssuedUtc;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return issued is null || now - issued.Value > options.ValidationInterval
            ? ValidateStampAsync(context)
            : Task.CompletedTask;
    }

    /// <summary>Identity's check; a cookie it rejects (the stamp changed: password, roles, signed out everywhere) leaves the ticket cache.</summary>
    private static async Task ValidateStampAsync(CookieValidatePrincipalContext context)
    {
        await SecurityStampValidator.ValidatePrincipalAsync(context).ConfigureAwait(false);
        if (context.Principal is null)
        {
            CookieTicketCache.Forget(context.HttpContext, context.Options);
        }
    }

    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.Request.Path))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/engine-rest", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
