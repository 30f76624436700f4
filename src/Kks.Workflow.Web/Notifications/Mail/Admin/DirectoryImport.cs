using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Notifications.Mail.Admin;

/// <summary>What an import did: counts, or the bad rows (then nothing was imported).</summary>
internal sealed record ImportResult(int Created, int Updated, IReadOnlyList<ImportProblem> Problems)
{
    public BilingualText Summary()
    {
        var first = Problems[0];
        return new(
            $"Tidak ada yang diimpor: {Problems.Count} masalah, mis. baris {first.Row}: {first.Reason}. Perbaiki semua baris yang disebut lalu impor lagi.",
            $"Nothing was imported: {Problems.Count} problem(s), e.g. row {first.Row}: {first.ReasonEn}. Fix every row listed and import again.");
    }
}

/// <summary>
/// The CSV imports of the directory (OPDs, leaders), shared by the admin API and the admin page: every row is
/// checked first; any bad row means nothing is imported and every bad row is reported with its line and reason.
/// Good files insert new rows and update existing ones (rows not in the file stay as they are).
/// </summary>
internal static class DirectoryImport
{
    public static async Task<ImportResult> OpdsAsync(WorkflowDbContext context, string csv, CancellationToken cancellationToken)
    {
        var table = CsvTable.Parse(csv);
        var (code, name, headName, headEmail, active) = (
            table.Column("code", "kode"), table.Column("name", "nama"), table.Column("head_name", "nama_kepala", "kepala"),
            table.Column("head_email", "email_kepala"), table.Column("active", "aktif"));
        if (MissingColumns(table, (code, "code/kode"), (name, "name/nama")) is { } missing)
        {
            return missing;
        }

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

        if (Refused(problems, rows.Count) is { } refused)
        {
            return refused;
        }

        foreach (var (rowCode, input) in rows)
        {
            await UpsertOpdAsync(context, rowCode, input, cancellationToken).ConfigureAwait(false);
        }

        var created = context.ChangeTracker.Entries<OpdRecord>().Count(e => e.State == EntityState.Added);
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new ImportResult(created, rows.Count - created, []);
    }

    public static async Task<ImportResult> LeadersAsync(WorkflowDbContext context, string csv, CancellationToken cancellationToken)
    {
        var table = CsvTable.Parse(csv);
        var (role, name, title, email, user, active) = (
            table.Column("role", "peran"), table.Column("name", "nama"), table.Column("title", "jabatan"),
            table.Column("email"), table.Column("user", "user_name", "pengguna"), table.Column("active", "aktif"));
        if (MissingColumns(table, (role, "role/peran"), (name, "name/nama")) is { } missing)
        {
            return missing;
        }

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

        if (Refused(problems, rows.Count) is { } refused)
        {
            return refused;
        }

        foreach (var (rowRole, input) in rows)
        {
            await UpsertLeaderAsync(context, rowRole, input, cancellationToken).ConfigureAwait(false);
        }

        var created = context.ChangeTracker.Entries<LeaderRecord>().Count(e => e.State == EntityState.Added);
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new ImportResult(created, rows.Count - created, []);
    }

    public static async Task UpsertOpdAsync(WorkflowDbContext context, string code, OpdInput input, CancellationToken cancellationToken)
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

    public static async Task UpsertLeaderAsync(WorkflowDbContext context, string role, LeaderInput input, CancellationToken cancellationToken)
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

    private static ImportResult? MissingColumns(CsvTable table, params (int Index, string Name)[] columns)
    {
        var missing = columns.Where(c => c.Index < 0).Select(c => c.Name).ToList();
        return missing.Count == 0 ? null : new ImportResult(0, 0, [new ImportProblem(1,
            $"baris judul tidak punya kolom {string.Join(", ", missing)}; baris pertama harus berisi nama kolom, misalnya kode,nama,nama_kepala,email_kepala",
            $"the header has no column {string.Join(", ", missing)}; the first row must name the columns, e.g. code,name,head_name,head_email")]);
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

    private static ImportResult? Refused(List<ImportProblem> problems, int rows) =>
        problems.Count > 0 ? new ImportResult(0, 0, problems)
        : rows == 0 ? new ImportResult(0, 0, [new ImportProblem(2, "berkas tidak berisi baris data di bawah baris judul", "the file has no data rows below the header")])
        : null;
}
