using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kks.Workflow.Engine;
using Microsoft.Extensions.Localization;

namespace Kks.Workflow.Web.Pages.Tugas;

/// <summary>
/// A form-js form (<c>camunda:formRef</c>) sent from the Tugas page: the browser's viewer posts its data as JSON, and
/// this checks it again on the server against the deployed schema (never trusting the browser): only the schema's
/// input keys become task variables, and required, length, number and pattern rules are applied.
/// </summary>
public static class FormJsValues
{
    /// <summary>Components that show something but hold no value.</summary>
    private static readonly HashSet<string> Display = new(StringComparer.Ordinal) { "text", "html", "image", "button", "spacer", "separator", "iframe", "table", "group", "dynamiclist" };

    /// <summary>The schema's input fields (key, label, its component), nested groups included.</summary>
    public static IReadOnlyList<(string Key, string Label, JsonElement Component)> Fields(JsonElement schema)
    {
        var fields = new List<(string, string, JsonElement)>();
        Walk(schema, fields);
        return fields;
    }

    public static (Dictionary<string, object?> Variables, Dictionary<string, string> Errors) Read(string schemaJson, string? postedJson, IStringLocalizer texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        using var schema = JsonDocument.Parse(schemaJson);
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonElement posted = default;
        using var postedDocument = TryParse(postedJson);
        if (postedDocument?.RootElement.ValueKind == JsonValueKind.Object)
        {
            posted = postedDocument.RootElement;
        }

        foreach (var (key, label, component) in Fields(schema.RootElement))
        {
            if (Flag(component, "readonly") || Flag(component, "disabled"))
            {
                continue;
            }

            var value = posted.ValueKind == JsonValueKind.Object && posted.TryGetProperty(key, out var v) ? v : default;
            var empty = value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                        || (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString()))
                        || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0)
                        || (value.ValueKind == JsonValueKind.False && component.GetProperty("type").GetString() == "checkbox" && Rule(component, "required") is { ValueKind: JsonValueKind.True });
            var rules = component.TryGetProperty("validate", out var validate) && validate.ValueKind == JsonValueKind.Object ? validate : default;
            // A field shown only on a condition (a FEEL expression the server cannot evaluate) is not required here:
            // form-js leaves a hidden field's value out, and refusing it would block a valid form.
            var conditional = component.TryGetProperty("conditional", out _);
            if (empty)
            {
                if (!conditional && Rule(component, "required") is { ValueKind: JsonValueKind.True })
                {
                    errors[key] = texts["Field_Required", label];
                }

                continue;
            }

            if (rules.ValueKind == JsonValueKind.Object && Check(value, rules, label, texts) is { } problem)
            {
                errors[key] = problem;
                continue;
            }

            try
            {
                variables[key] = VariableValues.Normalize(value.Clone());
            }
            catch (EngineException)
            {
                errors[key] = texts["Field_Required", label];
            }
        }

        return (variables, errors);
    }

    private static string? Check(JsonElement value, JsonElement rules, string label, IStringLocalizer texts)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString() ?? "";
            if (Number(rules, "minLength") is { } minLength && text.Length < minLength)
            {
                return texts["Field_MinLength", label, minLength];
            }

            if (Number(rules, "maxLength") is { } maxLength && text.Length > maxLength)
            {
                return texts["Field_MaxLength", label, maxLength];
            }

            if (rules.TryGetProperty("pattern", out var pattern) && pattern.GetString() is { Length: > 0 } regex)
            {
                try
                {
                    if (!Regex.IsMatch(text, "^(?:" + regex + ")$", RegexOptions.None, TimeSpan.FromMilliseconds(100)))
                    {
                        return texts["Field_Pattern", label];
                    }
                }
                catch (ArgumentException)
                {
                    // A pattern .NET cannot read is the form author's problem, not the focal point's: the browser checked it.
                }
                catch (RegexMatchTimeoutException)
                {
                    return texts["Field_Pattern", label];
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            var number = value.GetDouble();
            if (Number(rules, "min") is { } min && number < min)
            {
                return texts["Field_Min", label, min];
            }

            if (Number(rules, "max") is { } max && number > max)
            {
                return texts["Field_Max", label, max];
            }
        }

        return null;
    }

    private static void Walk(JsonElement node, List<(string, string, JsonElement)> fields)
    {
        if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty("components", out var components) || components.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var component in components.EnumerateArray())
        {
            var type = component.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
            if (!Display.Contains(type) && component.TryGetProperty("key", out var key) && key.GetString() is { Length: > 0 } name)
            {
                var label = component.TryGetProperty("label", out var l) && l.GetString() is { Length: > 0 } text ? text : name;
                fields.Add((name, label, component));
            }

            Walk(component, fields);
        }
    }

    private static JsonElement? Rule(JsonElement component, string name) =>
        component.TryGetProperty("validate", out var validate) && validate.ValueKind == JsonValueKind.Object && validate.TryGetProperty(name, out var rule) ? rule : null;

    private static bool Flag(JsonElement component, string name) =>
        component.TryGetProperty(name, out var flag) && flag.ValueKind == JsonValueKind.True;

    private static double? Number(JsonElement rules, string name) =>
        rules.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble()
        : rules.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String && double.TryParse(text.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : null;

    /// <summary>True when the text is a JSON object (what the viewer posts): anything else is never shown back or kept.</summary>
    public static bool IsObject(string? json)
    {
        using var document = TryParse(json);
        return document?.RootElement.ValueKind == JsonValueKind.Object;
    }

    private static JsonDocument? TryParse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = VariableValues.MaxDepth });
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
