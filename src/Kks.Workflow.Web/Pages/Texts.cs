using System.Collections.Concurrent;
using System.Globalization;
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

    private readonly ConcurrentDictionary<string, KeptTexts> _areas = new(StringComparer.Ordinal);

    public IStringLocalizer For(string area) =>
        _areas.GetOrAdd(area, static (name, f) => new KeptTexts(f.Create(name, AssemblyName)), factory);

    /// <summary>
    /// An area's texts kept per language once read: the resource manager takes a lock on every lookup, and an inbox page
    /// looks up about a hundred texts (each row's due words), so under load requests queued on that lock. Arguments are
    /// formatted as the resource localizer does (the current culture).
    /// </summary>
    private sealed class KeptTexts(IStringLocalizer inner) : IStringLocalizer
    {
        private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _kept = new();

        public LocalizedString this[string name] =>
            _kept.GetOrAdd((CultureInfo.CurrentUICulture.Name, name), static (key, texts) => texts[key.Name], inner);

        public LocalizedString this[string name, params object[] arguments]
        {
            get
            {
                var format = this[name];
                return format.ResourceNotFound
                    ? inner[name, arguments]
                    : new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), false, format.SearchedLocation);
            }
        }

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
    }
}
