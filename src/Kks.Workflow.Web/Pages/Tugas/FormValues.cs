using System.Globalization;
using Kks.Workflow.Engine.Model;
using Microsoft.Extensions.Localization;

namespace Kks.Workflow.Web.Pages.Tugas;

/// <summary>
/// camunda:formData fields between HTML inputs and engine values: string, long, boolean, date (yyyy-MM-dd, midnight in the
/// engine's zone), enum (one of its values); constraints required, minlength, maxlength, min, max, readonly.
/// </summary>
public static class FormValues
{
    /// <summary>A variable's value as the input's text.</summary>
    public static string? ToText(object? value, string type) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        DateTimeOffset d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string s when type == "Date" && s.Length >= 10 => s[..10],
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Checks the posted texts and turns them into variables; every problem is one message per field.</summary>
    public static (Dictionary<string, object?> Variables, Dictionary<string, string> Errors) Read(
        IReadOnlyList<FormField> fields, IReadOnlyDictionary<string, string?> posted, TimeZoneInfo zone, IStringLocalizer texts)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(texts);
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var view = new FieldView(field, null, null);
            if (view.ReadOnly)
            {
                continue;
            }

            var text = posted.GetValueOrDefault(field.Id)?.Trim();
            var type = field.Type.ToUpperInvariant();
            var label = field.Label ?? field.Id;
            if (string.IsNullOrEmpty(text))
            {
                if (type == "BOOLEAN")
                {
                    variables[field.Id] = false;
                }
                else if (view.Required)
                {
                    errors[field.Id] = texts["Field_Required", label];
                }
                else
                {
                    variables[field.Id] = null;
                }

                continue;
            }

            switch (type)
            {
                case "LONG":
                    if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                    {
                        errors[field.Id] = texts["Field_Number", label];
                    }
                    else if (Bound(view, "min") is { } min && number < min)
                    {
                        errors[field.Id] = texts["Field_Min", label, min];
                    }
                    else if (Bound(view, "max") is { } max && number > max)
                    {
                        errors[field.Id] = texts["Field_Max", label, max];
                    }
                    else
                    {
                        variables[field.Id] = number;
                    }

                    break;
                case "BOOLEAN":
                    variables[field.Id] = text is "true" or "on";
                    break;
                case "DATE":
                    if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        variables[field.Id] = new DateTimeOffset(date, zone.GetUtcOffset(date));
                    }
                    else
                    {
                        errors[field.Id] = texts["Field_Date", label];
                    }

                    break;
                case "ENUM":
                    if (field.Options.Any(o => o.Id == text))
                    {
                        variables[field.Id] = text;
                    }
                    else
                    {
                        errors[field.Id] = texts["Field_Choice", label];
                    }

                    break;
                default:
                    if (Bound(view, "minlength") is { } minLength && text.Length < minLength)
                    {
                        errors[field.Id] = texts["Field_MinLength", label, minLength];
                    }
                    else if (Bound(view, "maxlength") is { } maxLength && text.Length > maxLength)
                    {
                        errors[field.Id] = texts["Field_MaxLength", label, maxLength];
                    }
                    else
                    {
                        variables[field.Id] = text;
                    }

                    break;
            }
        }

        return (variables, errors);
    }

    private static long? Bound(FieldView view, string name) =>
        long.TryParse(view.Constraint(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}
