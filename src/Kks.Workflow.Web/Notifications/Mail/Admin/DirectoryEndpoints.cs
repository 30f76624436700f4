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
        await UpsertOpdAsync(context, code, input, cancellationToken).ConfigureAwait(false);
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> ImportOpdsAsync(HttpContext http, WorkflowDbContext context, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireAdmin(http.Caller());
        var table = await ReadCsvAsync(http, cancellationToken).ConfigureAwait(false);
        var (code, name, headName, headEmail, active) = (
            table.Column("code", "kode"), table.Column("name", "nama"), table.Column("head_name", "nama_kepala", "kepala"),
            table.Column("head_email", "email_kepala"), table.Column("active", "aktif"));
        RequireColumns(table, (code, "code/kode"), (name, "name/nama"));
        var problems = new List<ImportProblem>();
        var rows = new List<(string Code, OpdInput Input)>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (row, fields) in table.Rows)
        {
            var rowCode = CsvTable.Field(fields, code) ?? "";
            if (!TryActive(fields, active, row, problems, out var isActive))
            {
                continue;
            }

            var input = new OpdInput(CsvTable.Field(fields, name), CsvTable.Field(fields, headName), CsvTable.Field(fields, headEmail), isActive);
            problems.AddRange(DirectoryRules.CheckOpd(rowCode, input).Select(p => new ImportProblem(row, p.Id, p.En)));
            Duplicate(seen, rowCode, row, problems);
            rows.Add((rowCode, input));
        }

        ThrowIfBad(problems, rows.Count);
        foreach (var (rowCode, input) in rows)
        {
            await UpsertOpdAsync(context, rowCode, input, cancellationToken).ConfigureAwait(false);
        }

        var created = context.ChangeTracker.Entries<OpdRecord>().Count(e => e.State == EntityState.Added);
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return RestJson.Result(new { imported = rows.Count, created, updated = rows.Count - created });
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
        await UpsertLeaderAsync(context, role, input, cancellationToken).ConfigureAwait(false);
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
        var table = await ReadCsvAsync(http, cancellationToken).ConfigureAwait(false);
        var (role, name, title, email, user, active) = (
            table.Column("role", "peran"), table.Column("name", "nama"), table.Column("title", "jabatan"),
            table.Column("email"), table.Column("user", "user_name", "pengguna"), table.Column("active", "aktif"));
        RequireColumns(table, (role, "role/peran"), (name, "name/nama"));
        var users = (await context.Users.AsNoTracking().Select(u => u.UserName).ToListAsync(cancellationToken).ConfigureAwait(false))
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        var problems = new List<ImportProblem>();
        var rows = new List<(string Role, LeaderInput Input)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (row, fields) in table.Rows)
        {
            var rowRole = CsvTable.Field(fields, role) ?? "";
            if (!TryActive(fields, active, row, problems, out var isActive))
            {
                continue;
            }

            var input = new LeaderInput(CsvTable.Field(fields, name), CsvTable.Field(fields, title), CsvTable.Field(fields, email), CsvTable.Field(fields, user), isActive);
            problems.AddRange(DirectoryRules.CheckLeader(rowRole, input, input.UserName is null || users.Contains(input.UserName)).Select(p => new ImportProblem(row, p.Id, p.En)));
            Duplicate(seen, rowRole, row, problems);
            rows.Add((rowRole, input));
        }

        ThrowIfBad(problems, rows.Count);
        foreach (var (rowRole, input) in rows)
        {
            await UpsertLeaderAsync(context, rowRole, input, cancellationToken).ConfigureAwait(false);
        }

        var created = context.ChangeTracker.Entries<LeaderRecord>().Count(e => e.State == EntityState.Added);
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return RestJson.Result(new { imported = rows.Count, created, updated = rows.Count - created });
    }

    private static async Task UpsertOpdAsync(WorkflowDbContext context, string code, OpdInput input, CancellationToken cancellationToken)
    {
        var opd = await context.Opds.FindAsync([code], cancellationToken).ConfigureAwait(false);
        if (opd is null)
        {
            opd = new OpdRecord { Code = code, Name = input.Name!.Trim() };
            context.Opds.Add(opd);
        }

        opd.Name = input.Name!.Trim();
        opd.HeadName = input.HeadName?.Trim();
        opd.HeadEmail = input.HeadEmail?.Trim();
        opd.Active = input.Active ?? true;
    }

    private static async Task UpsertLeaderAsync(WorkflowDbContext context, string role, LeaderInput input, CancellationToken cancellationToken)
    {
        var leader = await context.Leaders.FindAsync([role], cancellationToken).ConfigureAwait(false);
        if (leader is null)
        {
            leader = new LeaderRecord { Role = role, Name = input.Name!.Trim() };
            context.Leaders.Add(leader);
        }

        leader.Name = input.Name!.Trim();
        leader.Title = input.Title?.Trim();
        leader.Email = input.Email?.Trim();
        leader.UserName = input.UserName?.Trim();
        leader.Active = input.Active ?? true;
    }

    private static async Task<CsvTable> ReadCsvAsync(HttpContext http, CancellationToken cancellationToken)
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

        return CsvTable.Parse(text);
    }

    private static void RequireColumns(CsvTable table, params (int Index, string Name)[] columns)
    {
        var missing = columns.Where(c => c.Index < 0).Select(c => c.Name).ToList();
        if (missing.Count > 0)
        {
            throw RestException.BadRequest(
                $"Baris judul CSV tidak punya kolom {string.Join(", ", missing)}. Baris pertama harus berisi nama kolom, misalnya kode,nama,nama_kepala,email_kepala.",
                $"The CSV header has no column {string.Join(", ", missing)}. The first row must name the columns, e.g. code,name,head_name,head_email.");
        }
    }

    private static bool TryActive(string[] fields, int column, int row, List<ImportProblem> problems, out bool? active)
    {
        try
        {
            active = DirectoryRules.ParseBool(CsvTable.Field(fields, column));
            return true;
        }
        catch (FormatException)
        {
            problems.Add(new ImportProblem(row, "kolom aktif harus ya atau tidak", "the active column must be yes or no"));
            active = null;
            return false;
        }
    }

    private static void Duplicate(Dictionary<string, int> seen, string key, int row, List<ImportProblem> problems)
    {
        if (key.Length > 0 && !seen.TryAdd(key, row))
        {
            problems.Add(new ImportProblem(row, $"'{key}' sudah ada di baris {seen[key]}", $"'{key}' already appears in row {seen[key]}"));
        }
    }

    private static void ThrowIfBad(List<ImportProblem> problems, int rows)
    {
        if (problems.Count > 0)
        {
            var first = problems[0];
            throw new RestException(400, "InvalidRequestException", new(
                $"Tidak ada yang diimpor: {problems.Count} masalah, mis. baris {first.Row}: {first.Reason}. Perbaiki semua baris yang disebut lalu impor lagi.",
                $"Nothing was imported: {problems.Count} problem(s), e.g. row {first.Row}: {first.ReasonEn}. Fix every row listed and import again."))
            {
                Extra = new Dictionary<string, object?> { ["errors"] = problems.Select(p => new { row = p.Row, reason = p.Reason, reasonEn = p.ReasonEn }).ToList() },
            };
        }

        if (rows == 0)
        {
            throw RestException.BadRequest("Berkas CSV tidak berisi baris data di bawah baris judul.", "The CSV file has no data rows below the header.");
        }
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
