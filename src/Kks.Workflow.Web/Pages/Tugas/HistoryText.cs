using System.Globalization;
using System.Text.Json;
using Kks.Workflow.Persistence.Entities;
using Microsoft.Extensions.Localization;

namespace Kks.Workflow.Web.Pages.Tugas;

/// <summary>One history line as a sentence: who did what to which step, with the reason of a changed due date.</summary>
public static class HistoryText
{
    public static string Describe(HistoryRecord line, TimeZoneInfo zone, IStringLocalizer texts)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(texts);
        var who = line.UserId ?? texts["H_System"];
        var step = line.NodeName ?? line.NodeId ?? "";
        var sentence = texts["H_" + line.Kind, who, step];
        if (sentence.ResourceNotFound)
        {
            return $"{line.Kind} {step} ({who})";
        }

        var text = sentence.Value;
        if (line.DataJson is { Length: > 0 } json)
        {
            try
            {
                using var data = JsonDocument.Parse(json);
                var root = data.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    if (Text(root, "dueDate") is { } due && DateTimeOffset.TryParse(due, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                    {
                        text += " " + texts["H_NewDue", DueWords.LongDate(at, zone) + " " + TimeZoneInfo.ConvertTime(at, zone).ToString("HH.mm", CultureInfo.CurrentCulture)];
                    }

                    if (Text(root, "assignee") is { } assignee && line.Kind == "TaskAssigned")
                    {
                        text += " " + texts["H_To", assignee];
                    }

                    if (Text(root, "reason") is { Length: > 0 } reason && !reason.StartsWith("PUT ", StringComparison.Ordinal))
                    {
                        text += " " + texts["H_Reason", reason];
                    }
                }
            }
            catch (JsonException)
            {
                // A line whose data is not JSON reads as its sentence alone.
            }
        }

        return text;
    }

    private static string? Text(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Object when value.TryGetProperty("value", out var inner) && inner.ValueKind == JsonValueKind.String => inner.GetString(),
            _ => null,
        };
    }
}
