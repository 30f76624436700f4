using System.Collections;
using System.Globalization;
using System.Net;
using System.Text;

namespace Kks.Workflow.Web.Notifications.Templates;

/// <summary>
/// A deliberately small, safe template language: <c>{{name}}</c> (a value; HTML-escaped in the HTML part),
/// <c>{{#each list}}...{{/each}}</c> (inside, names are looked up on the item first), <c>{{#if name}}...{{else}}...{{/if}}</c>
/// (true when the value is present, not empty, not false and not 0). No code runs, nothing is evaluated: a value
/// can never become markup. A name that is not there renders as nothing.
/// </summary>
public static class TemplateRenderer
{
    public static string Render(string template, IReadOnlyDictionary<string, object?> values, bool html)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var output = new StringBuilder(template.Length + 256);
        Render(template.AsSpan(), [values], html, output);
        return output.ToString();
    }

    private static void Render(ReadOnlySpan<char> template, List<IReadOnlyDictionary<string, object?>> scopes, bool html, StringBuilder output)
    {
        while (!template.IsEmpty)
        {
            var open = template.IndexOf("{{", StringComparison.Ordinal);
            if (open < 0)
            {
                output.Append(template);
                return;
            }

            output.Append(template[..open]);
            var close = template[open..].IndexOf("}}", StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException("A '{{' without its '}}' in a mail template.");
            }

            var tag = template.Slice(open + 2, close - 2).Trim().ToString();
            template = template[(open + close + 2)..];
            if (tag.StartsWith("#each ", StringComparison.Ordinal) || tag.StartsWith("#if ", StringComparison.Ordinal))
            {
                var block = tag[1..tag.IndexOf(' ', StringComparison.Ordinal)];
                var name = tag[(block.Length + 2)..].Trim();
                var (inner, rest) = SplitBlock(template, block);
                template = rest;
                if (block == "each")
                {
                    foreach (var item in Items(Lookup(scopes, name)))
                    {
                        scopes.Insert(0, item);
                        Render(inner, scopes, html, output);
                        scopes.RemoveAt(0);
                    }
                }
                else
                {
                    var (then, otherwise) = SplitElse(inner);
                    Render(IsTrue(Lookup(scopes, name)) ? then : otherwise, scopes, html, output);
                }

                continue;
            }

            var text = Format(Lookup(scopes, tag));
            output.Append(html ? WebUtility.HtmlEncode(text) : text);
        }
    }

    /// <summary>The body of a block up to its matching close tag (blocks of the same kind may nest), and what follows.</summary>
    private static (string Inner, string After) SplitBlock(ReadOnlySpan<char> template, string block)
    {
        var text = template.ToString();
        var depth = 1;
        var position = 0;
        while (true)
        {
            var open = text.IndexOf("{{#" + block + " ", position, StringComparison.Ordinal);
            var close = text.IndexOf("{{/" + block + "}}", position, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"A '{{{{#{block}}}}}' without its '{{{{/{block}}}}}' in a mail template.");
            }

            if (open >= 0 && open < close)
            {
                depth++;
                position = open + 3;
                continue;
            }

            if (--depth == 0)
            {
                return (text[..close], text[(close + block.Length + 5)..]);
            }

            position = close + 3;
        }
    }

    private static (string Then, string Otherwise) SplitElse(string inner)
    {
        // Only an {{else}} at this level (not inside a nested #if) splits.
        var depth = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            if (string.CompareOrdinal(inner, i, "{{#if ", 0, 6) == 0)
            {
                depth++;
            }
            else if (string.CompareOrdinal(inner, i, "{{/if}}", 0, 7) == 0)
            {
                depth--;
            }
            else if (depth == 0 && string.CompareOrdinal(inner, i, "{{else}}", 0, 8) == 0)
            {
                return (inner[..i], inner[(i + 8)..]);
            }
        }

        return (inner, "");
    }

    private static object? Lookup(List<IReadOnlyDictionary<string, object?>> scopes, string name)
    {
        foreach (var scope in scopes)
        {
            if (scope.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return null;
    }

    private static IEnumerable<IReadOnlyDictionary<string, object?>> Items(object? value) => value switch
    {
        IEnumerable<IReadOnlyDictionary<string, object?>> items => items,
        IEnumerable list and not string => list.Cast<object?>().Select(item => item as IReadOnlyDictionary<string, object?>
                                                                               ?? new Dictionary<string, object?> { ["this"] = item }),
        _ => [],
    };

    private static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        int i => i != 0,
        long l => l != 0,
        double d => d != 0,
        ICollection c => c.Count > 0,
        _ => true,
    };

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
