using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api;
using Kks.Workflow.Web.Api.Access;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Notifications.Mail.Admin;

/// <summary>
/// Who is who, for admins: the OPDs (code, name, Kepala OPD's name and e-mail; their focal points are the users
/// tied to the OPD) and the leaders directory (the ladder roles above them). Each can be edited one row at a time
/// or imported from CSV; an import with any bad row imports nothing and answers 400 listing every bad row.
/// </summary>
internal static class DirectoryEndpoints
{
    public static RouteGroupBuilder MapDirectory(this RouteGroupBuilder admin)
    {
        admin.MapGet("/opds", ListOpdsAsync);
        admin.MapPut("/opds/{code}", PutOpdAsync);
        admin.MapPost("/opds/import", ImportOpdsAsync);
        admin.MapGet("/leaders", ListLeadersAsync);
        admin.MapPut("/leaders/{role}", PutLeaderAsync);
        admin.MapDelete("/leaders/{role}", DeleteLeaderAsync);
        admin.MapPost("/leaders/import", ImportLeadersAsync);
        return admin;
    }

    private static async Task<IResult> ListOpdsAsync(HttpContext http, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        var opds = await context.Opds.AsNoTracking().OrderBy(o => o.Code).ToListAsync(cancellationToken).ConfigureAwait(false);
        var focal = (await context.Users.AsNoTracking().Where(u => u.OpdCode != null)
                .Select(u => new { u.OpdCode, u.UserName, u.DisplayName, u.Email }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(u => u.OpdCode!, StringComparer.Ordinal);
        return RestJson.Result(opds.Select(o => new
        {
            code = o.Code,
            name = o.Name,
            headName = o.HeadName,
            headEmail = o.HeadEmail,
            active = o.Active,
            focalPoints = focal[o.Code].OrderBy(u => u.UserName, StringComparer.Ordinal).Select(u => new { userName = u.UserName, displayName = u.DisplayName, email = u.Email }),
        }));
    }

    private static async Task<IResult> PutOpdAsync(HttpContext http, string code, OpdInput input, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        ThrowIfAny(DirectoryRules.CheckOpd(code, input));
        await DirectoryImport.UpsertOpdAsync(context, code, input, cancellationToken).ConfigureAwait(false);
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> ImportOpdsAsync(HttpContext http, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        var text = await ReadCsvAsync(http, cancellationToken).ConfigureAwait(false);
        return Answer(await DirectoryImport.OpdsAsync(context, text, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> ListLeadersAsync(HttpContext http, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        var leaders = await context.Leaders.AsNoTracking().OrderBy(l => l.Role).ToListAsync(cancellationToken).ConfigureAwait(false);
        return RestJson.Result(leaders.Select(l => new { role = l.Role, name = l.Name, title = l.Title, email = l.Email, userName = l.UserName, active = l.Active }));
    }

    private static async Task<IResult> PutLeaderAsync(HttpContext http, string role, LeaderInput input, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        var userExists = input.UserName is null || await context.Users.AnyAsync(u => u.UserName == input.UserName, cancellationToken).ConfigureAwait(false);
        ThrowIfAny(DirectoryRules.CheckLeader(role, input, userExists));
        await DirectoryImport.UpsertLeaderAsync(context, role, input, cancellationToken).ConfigureAwait(false);
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> DeleteLeaderAsync(HttpContext http, string role, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        var deleted = await context.Leaders.Where(l => l.Role == role).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deleted == 0
            ? throw RestException.NotFound($"Pimpinan dengan peran '{role}' tidak ada.", $"No leader with role '{role}'.")
            : Results.NoContent();
    }

    private static async Task<IResult> ImportLeadersAsync(HttpContext http, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        var text = await ReadCsvAsync(http, cancellationToken).ConfigureAwait(false);
        return Answer(await DirectoryImport.LeadersAsync(context, text, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<string> ReadCsvAsync(HttpContext http, CancellationToken cancellationToken)
    {
        string text;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            var file = (form.Files.Count > 0 ? form.Files[0] : null)
                       ?? throw RestException.BadRequest("Lampirkan berkas CSV.", "Attach a CSV file.");
            using var reader = new StreamReader(file.OpenReadStream());
            text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            using var reader = new StreamReader(http.Request.Body);
            text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        return text;
    }

    /// <summary>200 with the counts, or 400 naming every bad row (nothing was imported).</summary>
    private static IResult Answer(ImportResult result)
    {
        if (result.Problems.Count > 0)
        {
            throw new RestException(400, "InvalidRequestException", result.Summary())
            {
                Extra = new Dictionary<string, object?> { ["errors"] = result.Problems.Select(p => new { row = p.Row, reason = p.Reason, reasonEn = p.ReasonEn }).ToList() },
            };
        }

        return RestJson.Result(new { imported = result.Created + result.Updated, created = result.Created, updated = result.Updated });
    }

    private static void ThrowIfAny(IEnumerable<(string Id, string En)> problems)
    {
        var list = problems.ToList();
        if (list.Count > 0)
        {
            throw RestException.BadRequest(string.Join("; ", list.Select(p => p.Id)) + ".", string.Join("; ", list.Select(p => p.En)) + ".");
        }
    }
}
