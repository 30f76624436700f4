using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Kks.Workflow.Web.Identity;

/// <summary>
/// The login cookie's ticket, decrypted once per cookie value instead of on every request (Data Protection's key
/// derivation, AES and HMAC, then the claims read back: about a twentieth of an inbox page's CPU).
/// <para>
/// Exactly as safe: the key is the exact cookie value, whose decryption is deterministic, and every request gets its own
/// copy of the ticket (<see cref="AuthenticationTicket.Clone"/>), so nothing a request does to its principal reaches
/// another. Everything the cookie handler checks after decryption still runs on every request: the ticket's expiry,
/// sliding renewal and the security-stamp check (<c>IdentityRegistration.ValidateStampWhenDueAsync</c>), which read the
/// ticket's own issue and expiry times, the same with or without this cache. The value is dropped on sign-out and
/// when the security-stamp check rejects it, and never kept longer than <see cref="Lifetime"/> (so a revoked Data
/// Protection key stops being honoured then, as it would be at once without the cache); the table is bounded.
/// </para>
/// </summary>
internal sealed class CookieTicketCache(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock) : ISecureDataFormat<AuthenticationTicket>
{
    /// <summary>How long a decrypted ticket is reused before the cookie is decrypted again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        // A purpose (TLS token binding) is part of what is checked: such tickets are never kept.
        if (string.IsNullOrEmpty(protectedText) || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(protectedText, out var kept) && now >= kept.At && now - kept.At < Lifetime)
        {
            return kept.Ticket.Clone();
        }

        var ticket = inner.Unprotect(protectedText, purpose);
        if (ticket is not null)
        {
            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }

            _entries[protectedText] = new Entry(ticket.Clone(), now);
        }

        return ticket;
    }

    /// <summary>Drops the ticket of the request's login cookie (sign-out, a rejected security stamp).</summary>
    public static void Forget(HttpContext httpContext, CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(options);
        if (options.TicketDataFormat is CookieTicketCache cache
            && options.CookieManager.GetRequestCookie(httpContext, options.Cookie.Name!) is { Length: > 0 } cookie)
        {
            cache._entries.TryRemove(cookie, out _);
        }
    }

    private sealed record Entry(AuthenticationTicket Ticket, DateTimeOffset At);
}
