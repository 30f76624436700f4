using System.Text.RegularExpressions;

namespace Kks.Workflow.Web.Notifications.Mail.Admin;

/// <summary>One OPD as the admin API and the CSV import read it.</summary>
internal sealed record OpdInput(string? Name, string? HeadName, string? HeadEmail, bool? Active);

/// <summary>One leader (a rung of the ladder) as the admin API and the CSV import read it.</summary>
internal sealed record LeaderInput(string? Name, string? Title, string? Email, string? UserName, bool? Active);

/// <summary>A row the import refused: its line in the file and why (Bahasa Indonesia and English).</summary>
public sealed record ImportProblem(int Row, string Reason, string ReasonEn);

/// <summary>The checks shared by the single-row API and the CSV import, so both refuse the same things.</summary>
internal static partial class DirectoryRules
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")]
    private static partial Regex OpdCodePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,47}$")]
    private static partial Regex LeaderRolePattern();

    public static IEnumerable<(string Id, string En)> CheckOpd(string code, OpdInput input)
    {
        if (!OpdCodePattern().IsMatch(code))
        {
            yield return ($"kode OPD '{code}' tidak sah: pakai huruf, angka, '-', '_' atau '.', paling banyak 32 karakter",
                $"OPD code '{code}' is not valid: use letters, digits, '-', '_' or '.', at most 32 characters");
        }

        if (string.IsNullOrWhiteSpace(input.Name))
        {
            yield return ("nama OPD kosong: isi kolom nama", "the OPD name is empty: fill in the name column");
        }

        if (input.HeadEmail is { Length: > 0 } email && !AudienceResolver.IsAddress(email))
        {
            yield return ($"email Kepala OPD '{email}' bukan alamat surel yang sah", $"head e-mail '{email}' is not a valid e-mail address");
        }
    }

    public static IEnumerable<(string Id, string En)> CheckLeader(string role, LeaderInput input, bool userExists)
    {
        if (!LeaderRolePattern().IsMatch(role))
        {
            yield return ($"peran '{role}' tidak sah: pakai huruf kecil, angka dan '-', misalnya kadis-kesehatan",
                $"role '{role}' is not valid: use lower-case letters, digits and '-', e.g. kadis-kesehatan");
        }

        if (string.IsNullOrWhiteSpace(input.Name))
        {
            yield return ("nama pimpinan kosong: isi kolom nama", "the leader's name is empty: fill in the name column");
        }

        if (input.Email is { Length: > 0 } email && !AudienceResolver.IsAddress(email))
        {
            yield return ($"email '{email}' bukan alamat surel yang sah", $"e-mail '{email}' is not a valid e-mail address");
        }

        if (string.IsNullOrWhiteSpace(input.Email) && string.IsNullOrWhiteSpace(input.UserName))
        {
            yield return ("isi email atau nama pengguna: tanpa keduanya surel tidak bisa dikirim", "fill in an e-mail or a user name: without either no mail can be sent");
        }

        if (!string.IsNullOrWhiteSpace(input.UserName) && !userExists)
        {
            yield return ($"pengguna '{input.UserName}' tidak ada", $"user '{input.UserName}' does not exist");
        }
    }

    public static bool? ParseBool(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "1" or "ya" or "y" or "true" or "yes" or "aktif" => true,
        "0" or "tidak" or "t" or "false" or "no" or "nonaktif" => false,
        _ => throw new FormatException(text),
    };
}
