namespace Kks.Workflow.Engine.Tests.Timers;

/// <summary>The zones the tests use, found by IANA id (the test machines run Linux with tzdata).</summary>
internal static class Zones
{
    public static readonly TimeZoneInfo Wib = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
    public static readonly TimeZoneInfo Wita = TimeZoneInfo.FindSystemTimeZoneById("Asia/Makassar");
    public static readonly TimeZoneInfo Wit = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jayapura");
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static DateTimeOffset Wib7(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.FromHours(7));
}
