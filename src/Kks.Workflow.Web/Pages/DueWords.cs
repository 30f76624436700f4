using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Kks.Workflow.Web.Pages;

/// <summary>How a due date reads to a person: its state (late, due today, soon, later) and the words for it, in local calendar days.</summary>
public sealed record DueText(string Words, string Date, bool Late, bool Soon);

/// <summary>
/// Due dates in words, counted in calendar days of the engine's time zone (WIB): "terlambat 2 hari", "jatuh tempo
/// hari ini pukul 17.00", "jatuh tempo besok", "jatuh tempo 3 hari lagi", and always the date itself ("Jumat, 24 Maret 2023").
/// </summary>
public static class DueWords
{
    public static DueText? Describe(DateTimeOffset? due, DateTimeOffset now, TimeZoneInfo zone, IStringLocalizer texts)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(texts);
        if (due is not { } at)
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTime(at, zone);
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        var days = (local.Date - today).Days;
        var time = local.ToString("HH.mm", CultureInfo.CurrentCulture);
        var date = LongDate(at, zone);
        if (at < now)
        {
            var late = -days;
            return new DueText(late == 0 ? texts["Due_LateToday", time] : texts["Due_LateDays", late], date, Late: true, Soon: false);
        }

        var words = days switch
        {
            0 => texts["Due_Today", time],
            1 => texts["Due_Tomorrow"],
            <= 14 => texts["Due_InDays", days],
            _ => texts["Due_On", date],
        };
        return new DueText(words, date, Late: false, Soon: days <= 3);
    }

    /// <summary>"Jumat, 24 Maret 2023" (English: "Friday, 24 March 2023"), in the current culture.</summary>
    public static string LongDate(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("dddd, d MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>"24 Mar 2023 17.00 WIB" for history lines and file lists.</summary>
    public static string DateTime(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return local.ToString("d MMM yyyy HH.mm", CultureInfo.CurrentCulture) + " " + ZoneName(zone, local.Offset);
    }

    private static string ZoneName(TimeZoneInfo zone, TimeSpan offset) => offset.TotalHours switch
    {
        7 => "WIB",
        8 => "WITA",
        9 => "WIT",
        _ => zone.Id,
    };
}
