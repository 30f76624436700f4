using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kks.Workflow.Persistence.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Kks.Workflow.Web.Pages.Akun;

/// <summary>How long a password reset link stays valid (<c>PasswordReset:TokenLifetime</c>).</summary>
public sealed class PasswordResetOptions
{
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(2);
}

/// <summary>
/// The password-reset token: Identity's token-provider contract, protected by ASP.NET Core Data Protection like
/// Identity's own <see cref="DataProtectorTokenProvider{TUser}"/>, but timed by the app's <see cref="TimeProvider"/> (the
/// built-in one reads the system clock, so expiry could not be tested with the manual clock). It carries the user's id,
/// purpose, creation time and security stamp: setting the password changes the stamp, so a link works once.
/// </summary>
public sealed class ResetTokenProvider(IDataProtectionProvider protection, TimeProvider clock, PasswordResetOptions options) : IUserTwoFactorTokenProvider<UserAccount>
{
    public const string Name = "kks-reset";

    private readonly IDataProtector _protector = protection.CreateProtector("Kks.Workflow.PasswordReset");

    public async Task<string> GenerateAsync(string purpose, UserManager<UserAccount> manager, UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var stamp = manager.SupportsUserSecurityStamp ? await manager.GetSecurityStampAsync(user).ConfigureAwait(false) : "";
        var payload = string.Join('\n', clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), user.Id, purpose, stamp);
        return Base64Url(_protector.Protect(Encoding.UTF8.GetBytes(payload)));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<UserAccount> manager, UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(_protector.Unprotect(FromBase64Url(token))).Split('\n');
        }
        catch (Exception error) when (error is CryptographicException or FormatException or ArgumentException)
        {
            return false;
        }

        if (parts.Length != 4 || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var created))
        {
            return false;
        }

        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(created);
        if (age < TimeSpan.Zero || age > options.TokenLifetime || parts[1] != user.Id || parts[2] != purpose)
        {
            return false;
        }

        var stamp = manager.SupportsUserSecurityStamp ? await manager.GetSecurityStampAsync(user).ConfigureAwait(false) : "";
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(parts[3]), Encoding.UTF8.GetBytes(stamp ?? ""));
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<UserAccount> manager, UserAccount user) => Task.FromResult(false);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}

/// <summary>Registers the reset token provider as Identity's password-reset provider.</summary>
public static class PasswordResetRegistration
{
    public static IServiceCollection AddKksPasswordReset(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new PasswordResetOptions();
        configuration.GetSection("PasswordReset").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<ResetTokenProvider>();
        services.Configure<IdentityOptions>(identity =>
        {
            identity.Tokens.ProviderMap[ResetTokenProvider.Name] = new TokenProviderDescriptor(typeof(ResetTokenProvider));
            identity.Tokens.PasswordResetTokenProvider = ResetTokenProvider.Name;
        });
        return services;
    }
}
