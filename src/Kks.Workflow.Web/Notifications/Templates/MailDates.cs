using System.Globalization;

namespace Kks.Workflow.Web.Notifications.Templates;

/// <summary>Dates in words in the regency's zone: "Jumat, 24 Maret 2023" (id) or "Friday, 24 March 2023" (en).</summary>
public static class MailDates
{
    private static readonly string[] Days = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];

    private static readonly string[] Months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    public static string Date(DateTimeOffset moment, TimeZoneInfo zone, string language)
    {
        var local = TimeZoneInfo.ConvertTime(moment, zone);
        return IsEnglish(language)
            ? local.ToString("dddd, d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))
            : $"{Days[(int)local.DayOfWeek]}, {local.Day.ToString(CultureInfo.InvariantCulture)} {Months[local.Month - 1]} {local.Year.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The date in words with the time and the zone's abbreviation: "Jumat, 24 Maret 2023 pukul 16.00 WIB".</summary>
    public static string DateTime(DateTimeOffset moment, TimeZoneInfo zone, string language)
    {
        var local = TimeZoneInfo.ConvertTime(moment, zone);
        var time = local.ToString(IsEnglish(language) ? "HH:mm" : "HH.mm", CultureInfo.InvariantCulture);
        return IsEnglish(language)
            ? $"{Date(moment, zone, language)} at {time} {ZoneName(zone)}"
            : $"{Date(moment, zone, language)} pukul {time} {ZoneName(zone)}";
    }

    public static bool IsEnglish(string? language) => string.Equals(language, "en", StringComparison.OrdinalIgnoreCase);

    /// <summary>WIB, WITA or WIT for the three Indonesian zones; otherwise the UTC offset.</summary>
    public static string ZoneName(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.BaseUtcOffset.TotalHours switch
        {
            7 => "WIB",
            8 => "WITA",
            9 => "WIT",
            _ => "UTC" + zone.BaseUtcOffset.ToString(@"\+hh\:mm", CultureInfo.InvariantCulture),
        };
    }
}
