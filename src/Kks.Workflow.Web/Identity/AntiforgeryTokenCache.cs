using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Kks.Workflow.Web.Identity;

/// <summary>
/// The antiforgery form token of a page, kept per browser and user instead of encrypted anew on every page: every page
/// has two posting forms in its layout (language, sign-out), and ASP.NET decrypts the antiforgery cookie and encrypts a
/// fresh form token for each page view (two Data Protection operations, about a sixth of the inbox page's CPU).
/// <para>
/// Exactly as safe: a form token is valid for any number of posts as long as it was made for the same cookie token
/// and the same user (ASP.NET checks the pair, never freshness), so a token made earlier for the same cookie value and
/// the same user identifier is as valid as a new one. The key is the exact antiforgery cookie value plus what ASP.NET's
/// claim uid is computed from (the first signed-in identity's <c>sub</c>, name identifier and UPN claims); anything
/// else (no sign-in, an identity without those claims, a missing or invalid cookie, a custom additional-data
/// provider) goes through ASP.NET unchanged. An entry lives at most <see cref="Lifetime"/> (a revoked Data
/// Protection key stops being handed out then) and the table is bounded. Posts are validated by ASP.NET as before.
/// The page's headers stay the same: the no-cache headers ASP.NET sets are set here the same way.
/// </para>
/// </summary>
internal sealed class AntiforgeryTokenCache(IAntiforgery inner, IOptions<AntiforgeryOptions> options, TimeProvider clock, bool cacheable) : IAntiforgery
{
    /// <summary>How long a kept token is handed out.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private const int MaxEntries = 4096;

    /// <summary>Where a request keeps the tokens it was handed (only kept ones: a fresh answer goes through ASP.NET each time).</summary>
    private static readonly object RequestKey = new();

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private readonly string _cookieName = options.Value.Cookie.Name ?? throw new InvalidOperationException("The antiforgery cookie needs a name.");

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        // The page's second form asks again: the answer of the first, found by this request's own lookup.
        if (httpContext.Items.TryGetValue(RequestKey, out var mine) && mine is AntiforgeryTokenSet same)
        {
            if (!httpContext.Response.HasStarted)
            {
                SetDoNotCacheHeaders(httpContext.Response.Headers);
            }

            return same;
        }

        var key = cacheable ? Key(httpContext) : null;
        var now = clock.GetUtcNow();
        if (key is not null && _entries.TryGetValue(key, out var kept) && now >= kept.At && now - kept.At < Lifetime)
        {
            if (!httpContext.Response.HasStarted)
            {
                SetDoNotCacheHeaders(httpContext.Response.Headers);
            }

            httpContext.Items[RequestKey] = kept.Tokens;
            return kept.Tokens;
        }

        var tokens = inner.GetAndStoreTokens(httpContext);
        // A null cookie token: the request's cookie was valid and kept (a new one is never kept here).
        if (key is not null && tokens.CookieToken is null && tokens.RequestToken is not null)
        {
            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }

            _entries[key] = new Entry(tokens, now);
        }

        return tokens;
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);

    /// <summary>The cookie value and the signed-in user's identifying claims; null when this request is not kept.</summary>
    private string? Key(HttpContext httpContext)
    {
        var cookie = httpContext.Request.Cookies[_cookieName];
        if (string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        var identity = httpContext.User.Identities.FirstOrDefault(i => i.IsAuthenticated);
        if (identity is null)
        {
            return null;
        }

        var sub = identity.FindFirst(c => string.Equals(c.Type, "sub", StringComparison.Ordinal));
        var nameIdentifier = identity.FindFirst(c => string.Equals(c.Type, ClaimTypes.NameIdentifier, StringComparison.Ordinal));
        var upn = identity.FindFirst(c => string.Equals(c.Type, ClaimTypes.Upn, StringComparison.Ordinal));
        if (string.IsNullOrEmpty(sub?.Value) && string.IsNullOrEmpty(nameIdentifier?.Value) && string.IsNullOrEmpty(upn?.Value))
        {
            return null;
        }

        return string.Join('\u001f', cookie, Part(sub), Part(nameIdentifier), Part(upn));
    }

    private static string Part(Claim? claim) => claim is null ? "\u001e" : claim.Value + "\u001e" + claim.Issuer;

    /// <summary>As ASP.NET's antiforgery does for every page with a token: the answer must not be cached.</summary>
    private static void SetDoNotCacheHeaders(IHeaderDictionary headers)
    {
        // Already so (the page's second form): nothing to parse.
        if (headers.CacheControl == "no-cache, no-store" && headers.Pragma == "no-cache")
        {
            return;
        }

        if (!headers.TryGetValue(HeaderNames.CacheControl, out var cacheControl)
            || !CacheControlHeaderValue.TryParse(cacheControl.ToString(), out var parsed)
            || !parsed.NoCache || !parsed.NoStore)
        {
            headers.CacheControl = "no-cache, no-store";
        }

        if (!headers.TryGetValue(HeaderNames.Pragma, out var pragma) || pragma.Count == 0
            || !string.Equals(pragma[0], "no-cache", StringComparison.OrdinalIgnoreCase))
        {
            headers.Pragma = "no-cache";
        }
    }

    private sealed record Entry(AntiforgeryTokenSet Tokens, DateTimeOffset At);
}

internal static class AntiforgeryTokenCacheRegistration
{
    /// <summary>Wraps the registered antiforgery service (call after AddAntiforgery / AddRazorPages).</summary>
    public static IServiceCollection AddKksAntiforgeryTokenCache(this IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IAntiforgery))
            ?? throw new InvalidOperationException("AddAntiforgery must come before the antiforgery token cache.");
        services.Remove(registered);
        services.AddSingleton<IAntiforgery>(sp =>
        {
            var inner = registered.ImplementationInstance as IAntiforgery
                ?? (registered.ImplementationFactory?.Invoke(sp) as IAntiforgery)
                ?? (IAntiforgery)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
            // A custom additional-data provider can make tokens depend on more than the cookie and the user: keep nothing then.
            var cacheable = sp.GetServices<IAntiforgeryAdditionalDataProvider>()
                .All(p => p.GetType().Name == "DefaultAntiforgeryAdditionalDataProvider");
            return new AntiforgeryTokenCache(inner, sp.GetRequiredService<IOptions<AntiforgeryOptions>>(), sp.GetRequiredService<TimeProvider>(), cacheable);
        });
        return services;
    }
}
