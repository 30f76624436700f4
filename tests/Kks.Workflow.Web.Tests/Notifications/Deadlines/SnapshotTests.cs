using Kks.Workflow.Engine;
using Kks.Workflow.Web.Hosting;
using Kks.Workflow.Web.Notifications.Calendar;
using Microsoft.Extensions.Configuration;

namespace Kks.Workflow.Web.Tests.Notifications.Deadlines;

public sealed class SnapshotTests
{
    [Fact]
    public void OlderLoad_FinishingLast_DoesNotUndoANewerOne()
    {
        var calendar = new HolidayCalendar();
        var nyepi = new DateOnly(2023, 3, 22);
        var refresh = calendar.StartLoad(); // a periodic refresh reads the table before the admin's edit...
        var edit = calendar.StartLoad();    // ...the edit commits and reloads
        calendar.Replace(edit, [nyepi]);
        calendar.Replace(refresh, []);      // the refresh finishes last with what it read before

        Assert.False(calendar.IsWorkingDay(nyepi));
    }

    [Theory]
    [InlineData(null, 7)]
    [InlineData("WIB", 7)]
    [InlineData("wita", 8)]
    [InlineData("WIT", 9)]
    [InlineData("Asia/Makassar", 8)]
    public void EngineTimeZone_AcceptsTheIndonesianShortNames(string? zone, int hours)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Engine:TimeZone"] = zone }).Build();
        var options = EngineSettings.Read(configuration);
        Assert.Equal(TimeSpan.FromHours(hours), options.TimeZone.GetUtcOffset(new DateTime(2023, 3, 24, 12, 0, 0, DateTimeKind.Utc)));
    }
}
