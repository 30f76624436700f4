using System.Net.Mail;
using Kks.Workflow.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Notifications.Mail;

/// <summary>One resolved address, with the name to greet and the language the person reads (null: the default).</summary>
public sealed record Recipient(string Address, string? Name, string? Language);

/// <summary>What an audience may refer to: the task's candidate-group OPDs and its assignee (deadline mail).</summary>
public sealed record AudienceContext(IReadOnlyList<string> CandidateGroups, string? Assignee)
{
    public static readonly AudienceContext None = new([], null);
}

/// <summary>
/// Resolves the audience grammar at delivery time (so a changed Kepala OPD or leader gets the next message):
/// <c>x@y.z</c> or <c>address:x@y.z</c>; <c>user:&lt;name&gt;</c>; <c>role:&lt;role&gt;</c>; <c>group:&lt;OPD code&gt;</c> (its focal
/// points); <c>candidate-group</c> (the assignee, else the focal points of the candidate-group OPDs); <c>kepala-opd</c>
/// (the heads of the candidate-group OPDs) and <c>kepala-opd:&lt;code&gt;</c>; <c>leader:&lt;ladder role&gt;</c> and
/// <c>leader:*</c>. Each address once; people without an e-mail address and audiences naming nobody are
/// reported in <see cref="Resolution.Unresolved"/> (logged by the caller, never retried).
/// </summary>
public sealed class AudienceResolver(DbContextOptions<WorkflowDbContext> options)
{
    public sealed record Resolution(IReadOnlyList<Recipient> Recipients, IReadOnlyList<string> Unresolved);

    public async Task<Resolution> ResolveAsync(IEnumerable<string> audiences, AudienceContext about, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audiences);
        ArgumentNullException.ThrowIfNull(about);
        await using var context = new WorkflowDbContext(options);
        var found = new Dictionary<string, Recipient>(StringComparer.OrdinalIgnoreCase);
        var unresolved = new List<string>();
        foreach (var raw in audiences)
        {
            var audience = raw.Trim();
            var recipients = await ResolveOneAsync(context, audience, about, cancellationToken).ConfigureAwait(false);
            var any = false;
            foreach (var recipient in recipients)
            {
                if (IsAddress(recipient.Address))
                {
                    found.TryAdd(recipient.Address, recipient);
                    any = true;
                }
            }

            if (!any)
            {
                unresolved.Add(audience);
            }
        }

        return new Resolution([.. found.Values], unresolved);
    }

    public static bool IsAddress(string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Contains('@', StringComparison.Ordinal) && MailAddress.TryCreate(text, out var parsed) && parsed.Address == text.Trim();

    private static async Task<IReadOnlyList<Recipient>> ResolveOneAsync(WorkflowDbContext context, string audience, AudienceContext about, CancellationToken cancellationToken)
    {
        var colon = audience.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? audience : audience[..colon];
        var value = colon < 0 ? null : audience[(colon + 1)..].Trim();
        switch (kind.ToLowerInvariant())
        {
            case "address":
                return value is null ? [] : [new Recipient(value, null, null)];
            case "user":
                return value is null ? [] : await Users(context.Users.Where(u => u.UserName == value), cancellationToken).ConfigureAwait(false);
            case "role":
                var roleId = await context.Roles.Where(r => r.Name == value).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                var members = context.UserRoles.Where(ur => ur.RoleId == roleId).Select(ur => ur.UserId);
                return roleId is null ? [] : await Users(context.Users.Where(u => members.Contains(u.Id)), cancellationToken).ConfigureAwait(false);
            case "group":
                return value is null ? [] : await FocalPointsAsync(context, [value], cancellationToken).ConfigureAwait(false);
            case "candidate-group":
                if (about.Assignee is { } assignee)
                {
                    var assigned = await Users(context.Users.Where(u => u.UserName == assignee), cancellationToken).ConfigureAwait(false);
                    if (assigned.Count > 0)
                    {
                        return assigned;
                    }
                }

                return await FocalPointsAsync(context, about.CandidateGroups, cancellationToken).ConfigureAwait(false);
            case "kepala-opd":
                var codes = value is null ? about.CandidateGroups : [value];
                var heads = await context.Opds.AsNoTracking().Where(o => codes.Contains(o.Code) && o.Active && o.HeadEmail != null)
                    .Select(o => new { o.HeadEmail, o.HeadName }).ToListAsync(cancellationToken).ConfigureAwait(false);
                return heads.Select(h => new Recipient(h.HeadEmail!.Trim(), h.HeadName, null)).ToList();
            case "leader":
                var leaders = context.Leaders.AsNoTracking().Where(l => l.Active);
                leaders = value is null or "*" ? leaders : leaders.Where(l => l.Role == value);
                var rows = await leaders.ToListAsync(cancellationToken).ConfigureAwait(false);
                var result = new List<Recipient>();
                foreach (var leader in rows)
                {
                    if (!string.IsNullOrWhiteSpace(leader.Email))
                    {
                        var language = leader.UserName is null ? null
                            : await context.Users.Where(u => u.UserName == leader.UserName).Select(u => u.Language).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                        result.Add(new Recipient(leader.Email.Trim(), leader.Name, language));
                    }
                    else if (leader.UserName is not null)
                    {
                        result.AddRange((await Users(context.Users.Where(u => u.UserName == leader.UserName), cancellationToken).ConfigureAwait(false))
                            .Select(r => r with { Name = leader.Name }));
                    }
                }

                return result;
            default:
                // A bare address (x@y.z); anything else is an audience nobody understands: unresolved.
                return colon < 0 && audience.Contains('@', StringComparison.Ordinal) ? [new Recipient(audience, null, null)] : [];
        }
    }

    private static Task<List<Recipient>> FocalPointsAsync(WorkflowDbContext context, IReadOnlyList<string> codes, CancellationToken cancellationToken) =>
        Users(context.Users.Where(u => u.OpdCode != null && codes.Contains(u.OpdCode)), cancellationToken);

    private static async Task<List<Recipient>> Users(IQueryable<Persistence.Entities.UserAccount> users, CancellationToken cancellationToken)
    {
        var rows = await users.AsNoTracking().Where(u => u.Email != null)
            .Select(u => new { u.Email, u.DisplayName, u.UserName, u.Language })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        // Ordered so that the messages of one row go out in the same order on every attempt.
        return rows.OrderBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => new Recipient(u.Email!.Trim(), u.DisplayName ?? u.UserName, u.Language)).ToList();
    }
}
