using System.Globalization;
using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Web.Api.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kks.Workflow.Web.Pages.Desainer;

/// <summary>
/// What the Desainer pages share: only admin and secretariat enter (the same rule as the designer API, read from
/// <see cref="Caller"/>), dates in the engine's zone in words, and the texts the page script shows.
/// </summary>
public abstract class DesignerPage(Texts texts, EngineOptions engine) : PageModel
{
    public IStringLocalizer L { get; } = texts.For("Designer");

    /// <summary>The keys of the texts the page's script needs (the rest are rendered by the view).</summary>
    protected static readonly string[] ScriptTextKeys =
    [
        "LoadFailed", "Opened", "CopyName", "Valid", "ProblemsFound", "Deployed", "DraftSaved", "SimulationOn",
        "SimulationOff", "Failed", "ImportNotBpmn", "FormDeployed", "FormDraftSaved", "FormKeyMissing", "DeployedWithForms",
    ];

    protected bool Allowed => User.Identity?.IsAuthenticated == true && Caller.From(User).ManagesAll;

    /// <summary>"Senin, 6 Februari 2023 08.00 WIB": the time in the engine's zone, in the page's language.</summary>
    public string When(DateTimeOffset time)
    {
        var local = TimeZoneInfo.ConvertTime(time, engine.TimeZone);
        var culture = CultureInfo.CurrentCulture;
        var pattern = culture.TwoLetterISOLanguageName == "en" ? "dddd d MMMM yyyy, HH:mm" : "dddd, d MMMM yyyy HH.mm";
        return local.ToString(pattern, culture) + " " + ZoneName(local.Offset);
    }

    /// <summary>The JSON the page script reads its texts from (HTML-safe: &lt; and &gt; are escaped).</summary>
    public string ScriptTexts() =>
        JsonSerializer.Serialize(ScriptTextKeys.ToDictionary(k => k, k => L[k].Value));

    private static string ZoneName(TimeSpan offset) => offset.TotalHours switch
    {
        7 => "WIB",
        8 => "WITA",
        9 => "WIT",
        _ => "UTC" + offset.ToString(offset < TimeSpan.Zero ? "\\-hh\\:mm" : "\\+hh\\:mm", CultureInfo.InvariantCulture),
    };

    protected IActionResult Refuse() => Forbid();
}
