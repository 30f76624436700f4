using System.Globalization;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Identity;

namespace Kks.Workflow.Web.Pages.Kampanye;

/// <summary>What the campaign pages share: who may see and change them, and how they write dates.</summary>
public static class CampaignPage
{
    /// <summary>Secretariat and admin change campaigns; leaders and verifiers read them; OPD focal points are refused.</summary>
    public static bool MaySee(Caller caller) => caller.ReadsAll || caller.Roles.Contains(Roles.Verifikator);

    public static bool MayChange(Caller caller) => caller.ManagesAll;

    /// <summary>A campaign date (a WIB calendar day) in words: "Jumat, 24 Maret 2023"; "–" when not set.</summary>
    public static string Day(DateOnly? day) =>
        day is { } d ? d.ToString("dddd, d MMMM yyyy", CultureInfo.CurrentCulture) : "–";

    /// <summary>The value of an &lt;input type="date"&gt;.</summary>
    public static string Iso(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// Reads a date as the browser's date input sends it (yyyy-MM-dd), or as typed where the browser has no date picker
    /// (dd/MM/yyyy, dd-MM-yyyy). Empty is "not set"; anything else is unreadable (false).
    /// </summary>
    public static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }

        return false;
    }

    /// <summary>A percentage as an Indonesian types it ("84,5") or as a browser's number input sends it ("84.5").</summary>
    public static bool TryPercent(string? text, out double percent)
    {
        percent = 0;
        var trimmed = text?.Trim().TrimEnd('%').Trim();
        return !string.IsNullOrEmpty(trimmed)
               && double.TryParse(trimmed.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out percent);
    }

    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
