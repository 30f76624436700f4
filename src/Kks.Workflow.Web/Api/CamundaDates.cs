using System.Globalization;
using Kks.Workflow.Engine;

namespace Kks.Workflow.Web.Api;

/// <summary>
/// Camunda 7's date format, <c>yyyy-MM-dd'T'HH:mm:ss.SSSZ</c> (e.g. <c>2023-03-24T17:00:00.000+0700</c>), written in the
/// engine's zone (WIB by default) so people read local times. Parsing also accepts ISO 8601 with a colon in the
/// offset or a Z; a date without an offset is taken in the engine's zone.
/// </summary>
internal static class CamundaDates
{
    public static string Format(DateTimeOffset value, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(value, zone);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return local.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture)
            + sign + abs.Hours.ToString("00", CultureInfo.InvariantCulture) + abs.Minutes.ToString("00", CultureInfo.InvariantCulture);
    }

    public static string? Format(DateTimeOffset? value, TimeZoneInfo zone) => value is { } v ? Format(v, zone) : null;

    public static bool TryParse(string? text, TimeZoneInfo zone, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        // +0700 -> +07:00 so the ISO parser accepts Camunda's form.
        if (text.Length > 5 && (text[^5] == '+' || text[^5] == '-') && char.IsAsciiDigit(text[^1]) && text[^3] != ':')
        {
            text = text[..^2] + ":" + text[^2..];
        }

        if (HasOffset(text))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        value = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.GetUtcOffset(local));
        return true;
    }

    /// <summary>Parses or throws a 400 that names the field and shows the expected form.</summary>
    public static DateTimeOffset Parse(string? text, string field, TimeZoneInfo zone) =>
        TryParse(text, zone, out var value)
            ? value
            : throw RestException.BadRequest(
                $"'{field}' bukan tanggal yang dikenali: '{text}'. Contoh yang benar: 2023-03-24T17:00:00.000+0700.",
                $"'{field}' is not a date: '{text}'. Expected e.g. 2023-03-24T17:00:00.000+0700.");

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z')
        || (text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':');

    public static EngineOptions Engine(HttpContext context) => context.RequestServices.GetRequiredService<EngineOptions>();
}
