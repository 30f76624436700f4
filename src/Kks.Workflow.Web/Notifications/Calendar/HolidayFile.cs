using System.Globalization;
using System.Text.Json;

namespace Kks.Workflow.Web.Notifications.Calendar;

/// <summary>One day off from the calendar file: a national holiday (libur) or a cuti bersama day.</summary>
public sealed record HolidayEntry(DateOnly Date, string Kind, string Name);

/// <summary>
/// The repository's calendar of Indonesian national holidays and cuti bersama (hari-libur.json, embedded in the
/// assembly so every node reads the same list). Weekends are off by rule and are not in the file.
/// </summary>
public static class HolidayFile
{
    public const string Holiday = "libur";

    public const string CollectiveLeave = "cuti-bersama";

    public static IReadOnlyList<HolidayEntry> Load()
    {
        using var stream = typeof(HolidayFile).Assembly.GetManifestResourceStream("hari-libur.json")
            ?? throw new InvalidOperationException("The embedded calendar hari-libur.json is missing from the build.");
        using var document = JsonDocument.Parse(stream);
        var entries = new List<HolidayEntry>();
        foreach (var year in document.RootElement.GetProperty("years").EnumerateObject())
        {
            foreach (var day in year.Value.GetProperty("days").EnumerateArray())
            {
                entries.Add(new HolidayEntry(
                    DateOnly.ParseExact(day.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    day.GetProperty("kind").GetString()!,
                    day.GetProperty("name").GetString()!));
            }
        }

        return entries;
    }

    public static bool IsKind(string? kind) => kind is Holiday or CollectiveLeave;
}
