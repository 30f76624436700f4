using System.Security.Cryptography;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kks.Workflow.Web.Identity;

/// <summary>
/// Creates the roles, the administrator and (with Seed:Demo) a demo regency. Accounts that exist are left alone,
/// so a generated password is printed exactly once: at the start that created the account.
/// </summary>
internal sealed class AccountSeeder(
    UserManager<UserAccount> users,
    RoleManager<IdentityRole> roles,
    WorkflowDbContext context,
    IOptions<SeedOptions> options,
    TimeProvider clock)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role).ConfigureAwait(false))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)).ConfigureAwait(false), role);
            }
        }

        var seed = options.Value;
        await EnsureUserAsync(seed.AdminUser, "Administrator", null, Roles.Admin, seed.AdminPassword).ConfigureAwait(false);
        if (seed.Demo)
        {
            await SeedDemoAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SeedDemoAsync(CancellationToken cancellationToken)
    {
        var known = await context.Opds.Select(o => o.Code).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var opd in DemoRegency.Opds.Where(o => !known.Contains(o.Code)))
        {
            context.Opds.Add(new OpdRecord { Code = opd.Code, Name = opd.Name, HeadName = opd.HeadName, HeadEmail = $"kepala.{opd.Code}@{DemoRegency.MailDomain}" });
        }

        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var opd in DemoRegency.Opds)
        {
            await EnsureUserAsync($"opd.{opd.Code}", $"Petugas penghubung {opd.Name}", opd.Code, Roles.Opd, null).ConfigureAwait(false);
        }

        await EnsureUserAsync("sekretariat", "Sekretariat Tim Pembina KKS (Dinas Kesehatan)", null, Roles.Sekretariat, null).ConfigureAwait(false);
        await EnsureUserAsync("pimpinan", "Sekretaris Daerah", null, Roles.Pimpinan, null).ConfigureAwait(false);
    }

    private async Task EnsureUserAsync(string userName, string displayName, string? opdCode, string role, string? password)
    {
        if (await users.FindByNameAsync(userName).ConfigureAwait(false) is not null)
        {
            return;
        }

        var generated = string.IsNullOrEmpty(password);
        password = generated ? GeneratePassword() : password;
        var user = new UserAccount
        {
            UserName = userName,
            DisplayName = displayName,
            OpdCode = opdCode,
            Email = $"{userName}@{DemoRegency.MailDomain}",
            EmailConfirmed = true,
            CreatedAt = clock.GetUtcNow(),
        };
        Check(await users.CreateAsync(user, password!).ConfigureAwait(false), userName);
        Check(await users.AddToRoleAsync(user, role).ConfigureAwait(false), userName);
        if (generated)
        {
            // Printed once, to the console only (never to the log files): the operator writes it down.
            Console.WriteLine($"[seed] Akun '{userName}' ({role}) dibuat dengan kata sandi: {password}  (account created; change it after the first login)");
        }
    }

    /// <summary>16 characters from every class Identity's password rules ask for.</summary>
    internal static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789", symbols = "!@#$%*-_+";
        const string all = upper + lower + digits + symbols;
        var chars = new char[16];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[3] = symbols[RandomNumberGenerator.GetInt32(symbols.Length)];
        for (var i = 4; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding '{what}' failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
