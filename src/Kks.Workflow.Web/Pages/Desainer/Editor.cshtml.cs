using Kks.Workflow.Engine;
using Microsoft.AspNetCore.Mvc;

namespace Kks.Workflow.Web.Pages.Desainer;

/// <summary>The editor: a deployed version (kunci, versi), a draft (draf), a duplicate (duplikat) or a blank diagram.</summary>
public sealed class EditorModel(Texts texts, EngineOptions engine) : DesignerPage(texts, engine)
{
    [BindProperty(SupportsGet = true, Name = "kunci")]
    public string? Key { get; set; }

    [BindProperty(SupportsGet = true, Name = "versi")]
    public int? Version { get; set; }

    [BindProperty(SupportsGet = true, Name = "draf")]
    public string? Draft { get; set; }

    [BindProperty(SupportsGet = true, Name = "duplikat")]
    public bool Duplicate { get; set; }

    public IActionResult OnGet() => Allowed ? Page() : Refuse();
}
