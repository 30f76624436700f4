using static Kks.Workflow.Engine.Tests.Deadlines.LadderKit;

namespace Kks.Workflow.Engine.Tests.Deadlines;

public sealed class WorkingDaysTests
{
    private static string Step(string due, int days, TimeZoneInfo? zone = null) =>
        WorkingDays.StepTime(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture), days, Calendar2023, zone ?? Zones.Jakarta, WorkingHours.Default)
            .ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2023-03-24T16:00:00+07:00", 0, "2023-03-24 16:00 +07:00")] // 16:00 is still office hours
    [InlineData("2023-03-24T16:30:00+07:00", 0, "2023-03-27 07:30 +07:00")] // after hours on Friday: Monday morning
    [InlineData("2023-03-24T06:00:00+07:00", 0, "2023-03-24 07:30 +07:00")] // before hours: that morning
    [InlineData("2023-03-24T00:00:00+07:00", -1, "2023-03-21 07:30 +07:00")] // a date-only due: mornings
    [InlineData("2023-03-25T10:00:00+07:00", 0, "2023-03-27 07:30 +07:00")] // due on a Saturday: the next working morning
    [InlineData("2023-03-25T10:00:00+07:00", -1, "2023-03-24 10:00 +07:00")]
    [InlineData("2023-03-21T22:00:00+07:00", 0, "2023-03-24 07:30 +07:00")] // after hours before Nyepi and its cuti bersama
    [InlineData("2023-03-24T09:00:00Z", 0, "2023-03-24 16:00 +07:00")] // 09:00Z is 16:00 WIB
    [InlineData("2023-03-24T16:00:00Z", 0, "2023-03-27 07:30 +07:00")] // 16:00Z is 23:00 WIB
    public void StepTime_KeepsOfficeHoursAndWorkingDays(string due, int days, string expected) =>
        Assert.Equal(expected, Step(due, days));

    [Fact]
    public void StepTime_InWita_UsesTheRegencysOwnClock()
    {
        // 16:00 WIB is 17:00 WITA: after office hours in Makassar, so Monday 07:30 WITA.
        Assert.Equal("2023-03-27 07:30 +08:00", Step("2023-03-24T16:00:00+07:00", 0, Zones.Makassar));
        Assert.Equal("2023-03-24 15:00 +09:00", Step("2023-03-24T06:00:00Z", 0, Zones.Jayapura));
    }

    [Fact]
    public void Overdue_CountsWorkingDaysAfterTheDueDay()
    {
        var due = new DateOnly(2023, 3, 24);
        Assert.Equal(0, WorkingDays.Overdue(due, due, Calendar2023));
        Assert.Equal(0, WorkingDays.Overdue(due, new DateOnly(2023, 3, 26), Calendar2023));
        Assert.Equal(1, WorkingDays.Overdue(due, new DateOnly(2023, 3, 27), Calendar2023));
        Assert.Equal(9, WorkingDays.Overdue(due, new DateOnly(2023, 4, 7), Calendar2023)); // Good Friday not counted
    }
}
