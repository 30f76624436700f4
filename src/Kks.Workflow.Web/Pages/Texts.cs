using System.Resources;
using Microsoft.Extensions.Localization;

[assembly: NeutralResourcesLanguage("id")]

namespace Kks.Workflow.Web.Pages;

/// <summary>
/// Every visible text of the pages, by area: one pair of resource files per area under Resources/ (Area.resx in
/// Bahasa Indonesia, Area.en.resx in English), so engineers working on different areas never edit the same file.
/// In a view: <c>@{ var L = T.For("Inbox"); }</c> then <c>@L["Title"]</c>. A test fails when a key is missing in
/// either language.
/// </summary>
public sealed class Texts(IStringLocalizerFactory factory)
{
    private static readonly string AssemblyName = typeof(Texts).Assembly.GetName().Name!;

    public IStringLocalizer For(string area) => factory.Create(area, AssemblyName);
}
