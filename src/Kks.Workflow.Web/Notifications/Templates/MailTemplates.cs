using System.Collections.Concurrent;
using System.Reflection;

namespace Kks.Workflow.Web.Notifications.Templates;

/// <summary>A rendered message: subject, plain text and HTML.</summary>
public sealed record RenderedMail(string Subject, string Text, string Html);

/// <summary>
/// The mail templates of the repository (Notifications/Templates/&lt;name&gt;.&lt;language&gt;.mail, embedded in the
/// assembly): a "subject:" line, then "=== text ===" and "=== html ===" parts. English falls back to Bahasa
/// Indonesia when a template has no English version. The HTML part is placed inside _layout.html.
/// </summary>
public static class MailTemplates
{
    private const string Prefix = "MailTemplates.";

    private static readonly ConcurrentDictionary<string, string?> Sources = new(StringComparer.Ordinal);

    public static bool Exists(string name) => Source(name + ".id.mail") is not null;

    public static IReadOnlyList<string> Names() =>
        typeof(MailTemplates).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".id.mail", StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..^".id.mail".Length]).Order(StringComparer.Ordinal).ToList();

    public static RenderedMail Render(string name, string language, IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(name);
        var english = MailDates.IsEnglish(language);
        var source = (english ? Source(name + ".en.mail") : null) ?? Source(name + ".id.mail")
                     ?? throw new InvalidOperationException(
                         $"Templat surel '{name}' tidak ada (yang ada: {string.Join(", ", Names())}). / Mail template '{name}' does not exist.");
        var (subject, text, html) = Split(name, source);
        var layout = Source("_layout.html") ?? "<!--BODY-->";
        var renderedHtml = TemplateRenderer.Render(layout, values, html: true)
            .Replace("<!--BODY-->", TemplateRenderer.Render(html, values, html: true), StringComparison.Ordinal);
        // A subject is one line whatever the values hold (no header injection).
        var renderedSubject = TemplateRenderer.Render(subject, values, html: false).ReplaceLineEndings(" ").Trim();
        return new RenderedMail(renderedSubject, TemplateRenderer.Render(text, values, html: false).Trim() + "\n", renderedHtml);
    }

    private static (string Subject, string Text, string Html) Split(string name, string source)
    {
        var lines = source.ReplaceLineEndings("\n");
        var textAt = lines.IndexOf("\n=== text ===\n", StringComparison.Ordinal);
        var htmlAt = lines.IndexOf("\n=== html ===\n", StringComparison.Ordinal);
        if (!lines.StartsWith("subject:", StringComparison.Ordinal) || textAt < 0 || htmlAt < textAt)
        {
            throw new FormatException($"Mail template '{name}': expected 'subject:', then '=== text ===' and '=== html ===' parts.");
        }

        return (lines["subject:".Length..textAt].Trim(), lines[(textAt + 14)..htmlAt], lines[(htmlAt + 14)..]);
    }

    private static string? Source(string file) => Sources.GetOrAdd(file, static f =>
    {
        using var stream = typeof(MailTemplates).Assembly.GetManifestResourceStream(Prefix + f);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
