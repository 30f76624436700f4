using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Kks.Workflow.Web.Identity;

/// <summary>
/// Verified Basic credentials for <see cref="Lifetime"/>, keyed by a hash of the header (the password itself is
/// never kept). A changed password or a locked account takes effect within that time; <see cref="Clear"/> makes it
/// immediate (called when an admin changes a password or locks an account).
/// </summary>
internal sealed class BasicCredentialCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (ClaimsPrincipal Principal, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string credentials, out ClaimsPrincipal principal)
    {
        var key = Key(credentials);
        if (_entries.TryGetValue(key, out var entry) && entry.Until > clock.GetUtcNow())
        {
            principal = entry.Principal;
            return true;
        }

        _entries.TryRemove(key, out _);
        principal = null!;
        return false;
    }

    public void Add(string credentials, ClaimsPrincipal principal)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[Key(credentials)] = (principal, clock.GetUtcNow() + Lifetime);
    }

    public void Clear() => _entries.Clear();

    private static string Key(string credentials) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credentials)));
}
