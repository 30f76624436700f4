using Kks.Workflow.Engine.Timers;
using static Kks.Workflow.Engine.Tests.Timers.Zones;

namespace Kks.Workflow.Engine.Tests.Timers;

public sealed class TimerScheduleCycleTests
{
    private static readonly DateTimeOffset ArmedAt = Wib7(2023, 2, 10, 9, 30);

    /// <summary>Fires the schedule as an engine would: first due, then next due after each firing.</summary>
    private static List<DateTimeOffset> Firings(TimerSchedule schedule, DateTimeOffset armedAt, TimeZoneInfo zone, int max = 50)
    {
        var firings = new List<DateTimeOffset>();
        var due = schedule.FirstDue(armedAt, zone);
        while (due is { } value && firings.Count < max)
        {
            firings.Add(value);
            due = schedule.NextDue(value, firings.Count, zone);
        }

        return firings;
    }

    [Fact]
    public void R3_FiresThreeTimesFromArmingThenIsExhausted()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R3/PT10H");
        Assert.True(schedule.IsRepeating);
        Assert.False(schedule.IsCron);
        Assert.Equal(3, schedule.Repetitions);
        Assert.Equal(
            [Wib7(2023, 2, 10, 19, 30), Wib7(2023, 2, 11, 5, 30), Wib7(2023, 2, 11, 15, 30)],
            Firings(schedule, ArmedAt, Wib));
        Assert.Null(schedule.NextDue(Wib7(2023, 2, 11, 15, 30), 3, Wib));
    }

    [Fact]
    public void UnboundedCycle_KeepsFiringEveryInterval()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R/P2D");
        Assert.Null(schedule.Repetitions);
        var firings = Firings(schedule, ArmedAt, Wib, max: 200);
        Assert.Equal(200, firings.Count);
        Assert.Equal(Wib7(2023, 2, 12, 9, 30), firings[0]);
        Assert.Equal(ArmedAt.AddDays(400), firings[^1]);
        Assert.NotNull(schedule.NextDue(firings[^1], int.MaxValue - 1, Wib));
    }

    [Fact]
    public void StartGiven_FirstFiringIsAtTheStart()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R3/2023-02-15T08:00:00+07:00/P1D");
        Assert.Equal(
            [Wib7(2023, 2, 15, 8), Wib7(2023, 2, 16, 8), Wib7(2023, 2, 17, 8)],
            Firings(schedule, ArmedAt, Wib));
    }

    [Fact]
    public void DailyRepeatFromStart_StaysAt0800WibWithoutDrift()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R/2023-02-15T08:00:00+07:00/P1D");
        var firings = Firings(schedule, ArmedAt, Wib, max: 500);
        Assert.Equal(500, firings.Count);
        for (var n = 0; n < firings.Count; n++)
        {
            Assert.Equal(Wib7(2023, 2, 15, 8).AddDays(n), firings[n]);
        }
    }

    [Fact]
    public void DailyRepeatFromLocalStart_StaysAt0800InEachZone()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R/2023-02-15T08:00:00/P1D");
        foreach (var zone in new[] { Wib, Wita, Wit, Berlin })
        {
            foreach (var due in Firings(schedule, ArmedAt, zone, max: 400))
            {
                var local = TimeZoneInfo.ConvertTime(due, zone);
                Assert.Equal(new TimeSpan(8, 0, 0), local.TimeOfDay);
                Assert.Equal(zone.GetUtcOffset(due), due.Offset);
            }
        }
    }

    [Fact]
    public void MonthlyRepeatFromJanuary31_ReturnsToTheMonthEndInsteadOfDrifting()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R5/2023-01-31T09:00:00+07:00/P1M");
        Assert.Equal(
            [Wib7(2023, 1, 31, 9), Wib7(2023, 2, 28, 9), Wib7(2023, 3, 31, 9), Wib7(2023, 4, 30, 9), Wib7(2023, 5, 31, 9)],
            Firings(schedule, Wib7(2023, 1, 1), Wib));
    }

    [Fact]
    public void YearlyRepeatFromLeapDay_FallsBackToFebruary28AndReturnsInLeapYears()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R5/2024-02-29T00:00:00+07:00/P1Y");
        Assert.Equal(
            [Wib7(2024, 2, 29), Wib7(2025, 2, 28), Wib7(2026, 2, 28), Wib7(2027, 2, 28), Wib7(2028, 2, 29)],
            Firings(schedule, Wib7(2024, 1, 1), Wib));
    }

    [Fact]
    public void StartInThePast_SkipsMissedRepeatsButKeepsTheGrid()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R5/2023-02-01T08:00:00+07:00/P1D");
        // Armed on Feb 3 at 09:30: Feb 1-3 are gone; Feb 4 and 5 remain of the five.
        Assert.Equal([Wib7(2023, 2, 4, 8), Wib7(2023, 2, 5, 8)], Firings(schedule, Wib7(2023, 2, 3, 9, 30), Wib));
        // Armed exactly on a repeat: that one is due now.
        Assert.Equal(Wib7(2023, 2, 3, 8), schedule.FirstDue(Wib7(2023, 2, 3, 8), Wib));
        // Armed after the last repeat: never due.
        Assert.Null(schedule.FirstDue(Wib7(2023, 2, 6), Wib));
    }

    [Fact]
    public void StartFarInThePast_FindsTheNextRepeatWithoutWalkingEveryOne()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R/2000-01-31T08:00:00+07:00/P1M");
        Assert.Equal(Wib7(2023, 3, 31, 8), schedule.FirstDue(Wib7(2023, 3, 1), Wib));
        Assert.Equal(Wib7(2023, 4, 30, 8), schedule.NextDue(Wib7(2023, 3, 31, 8), 1, Wib));
        var seconds = TimerSchedule.Parse(TimerKind.Cycle, "R/2000-01-01T00:00:00Z/PT1S");
        Assert.Equal(new DateTimeOffset(2023, 3, 1, 0, 0, 1, TimeSpan.Zero), seconds.NextDue(new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero), 1, TimeZoneInfo.Utc));
    }

    [Fact]
    public void EndGiven_NoFiringAfterTheEnd()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R/PT1H/2023-03-24T00:00:00+07:00");
        var firings = Firings(schedule, Wib7(2023, 3, 23, 20, 30), Wib);
        Assert.Equal([Wib7(2023, 3, 23, 21, 30), Wib7(2023, 3, 23, 22, 30), Wib7(2023, 3, 23, 23, 30)], firings);
    }

    [Fact]
    public void EndGiven_AFiringExactlyAtTheEndStillHappens()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R/PT1H/2023-03-24T00:00:00+07:00");
        Assert.Equal(Wib7(2023, 3, 24), Firings(schedule, Wib7(2023, 3, 23, 22), Wib)[^1]);
        Assert.Null(schedule.FirstDue(Wib7(2023, 3, 24), Wib));
    }

    [Fact]
    public void EndAndCount_WhicheverComesFirstStops()
    {
        var byCount = TimerSchedule.Parse(TimerKind.Cycle, "R2/PT1H/2023-03-24T00:00:00+07:00");
        Assert.Equal([Wib7(2023, 3, 23, 13), Wib7(2023, 3, 23, 14)], Firings(byCount, Wib7(2023, 3, 23, 12), Wib));
        Assert.Equal([Wib7(2023, 3, 23, 23, 30)], Firings(byCount, Wib7(2023, 3, 23, 22, 30), Wib));
    }

    [Fact]
    public void LocalEnd_IsReadInTheZone()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R/PT1H/2023-03-24T00:00:00");
        var armed = new DateTimeOffset(2023, 3, 23, 14, 30, 0, TimeSpan.Zero); // 21:30 WIB, 23:30 WIT
        Assert.Equal(2, Firings(schedule, armed, Wib).Count);
        Assert.Empty(Firings(schedule, armed, Wit));
    }

    [Fact]
    public void SpacesAroundParts_AreIgnored()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "\n  R3 / PT10H  \n");
        Assert.Equal(3, schedule.Repetitions);
        Assert.Equal(Wib7(2023, 2, 10, 19, 30), schedule.FirstDue(ArmedAt, Wib));
        Assert.Equal("R3 / PT10H", schedule.Text);
    }

    [Fact]
    public void R0_NeverFires()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R0/PT1H");
        Assert.Equal(0, schedule.Repetitions);
        Assert.Null(schedule.FirstDue(ArmedAt, Wib));
        Assert.Null(TimerSchedule.Parse(TimerKind.Cycle, "R0/2023-02-15T08:00:00+07:00/P1D").FirstDue(ArmedAt, Wib));
    }

    [Fact]
    public void NegativeFiredSoFar_IsAProgrammingError()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R3/PT1H");
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.NextDue(ArmedAt, -1, Wib));
        Assert.Throws<ArgumentNullException>(() => schedule.FirstDue(ArmedAt, null!));
    }

    [Theory]
    [InlineData("PT10H", "diawali R")]
    [InlineData("R3", "tidak valid")]
    [InlineData("R3/", "bukan durasi")]
    [InlineData("R3/PT10H/", "bukan durasi")]
    [InlineData("R3/PT10H/PT5H", "bukan durasi")]
    [InlineData("R3/P3X", "bukan durasi")]
    [InlineData("R3/2023-02-15T08:00:00+07:00", "tidak valid")]
    [InlineData("R3/2023-02-15/2023-02-20", "tidak didukung")]
    [InlineData("R3/PT10H/2023-02-15/P1D", "tidak valid")]
    [InlineData("Rx/PT10H", "Jumlah ulang")]
    [InlineData("R-1/PT10H", "Jumlah ulang")]
    [InlineData("R12345678901/PT10H", "Jumlah ulang")]
    [InlineData("R/PT0S", "paling sedikit 1 detik")]
    [InlineData("R/PT0.5S", "paling sedikit 1 detik")]
    [InlineData("R/-P1D", "paling sedikit 1 detik")]
    [InlineData("R/PT1H/tomorrow", "bukan durasi")]
    [InlineData("r3/pt10h", "Jumlah ulang")]
    [InlineData("R3/pt10h", "bukan durasi")]
    public void BadIsoCycle_IsRefusedWithTheReason(string text, string reason)
    {
        Assert.False(TimerSchedule.TryParse(TimerKind.Cycle, text, out var schedule, out var error));
        Assert.Null(schedule);
        Assert.Contains(reason, error!.Indonesian, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.English));
        Assert.Equal(error, Assert.Throws<EngineException>(() => TimerSchedule.Parse(TimerKind.Cycle, text)).Text);
    }
}
