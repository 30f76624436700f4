using Kks.Workflow.Engine.Timers;
using static Kks.Workflow.Engine.Tests.Timers.Zones;

namespace Kks.Workflow.Engine.Tests.Timers;

public sealed class CronExpressionTests
{
    private static CronExpression Cron(string text)
    {
        Assert.True(CronExpression.TryParse(text, out var cron, out var error), error?.ToString());
        return cron!;
    }

    private static DateTimeOffset? Next(string text, DateTimeOffset after, TimeZoneInfo? zone = null) =>
        Cron(text).NextAfter(after, zone ?? Wib);

    [Fact]
    public void Weekdays_FromFridayMorning_NextIsMonday()
    {
        // 2023-03-24 is a Friday.
        Assert.Equal(Wib7(2023, 3, 27, 9), Next("0 0 9 ? * MON-FRI", Wib7(2023, 3, 24, 10)));
        Assert.Equal(Wib7(2023, 3, 24, 9), Next("0 0 9 ? * MON-FRI", Wib7(2023, 3, 24, 8, 59, 59)));
    }

    [Fact]
    public void Weekdays_OverAFortnight_SkipSaturdayAndSunday()
    {
        var cron = Cron("0 0 9 ? * MON-FRI");
        var due = Wib7(2023, 3, 19, 12); // a Sunday
        var days = new List<DayOfWeek>();
        for (var i = 0; i < 10; i++)
        {
            due = cron.NextAfter(due, Wib)!.Value;
            Assert.Equal(new TimeSpan(9, 0, 0), due.TimeOfDay);
            days.Add(due.DayOfWeek);
        }

        Assert.DoesNotContain(DayOfWeek.Saturday, days);
        Assert.DoesNotContain(DayOfWeek.Sunday, days);
        Assert.Equal(Wib7(2023, 3, 31, 9), due);
    }

    [Fact]
    public void NextAfter_IsStrictlyAfter()
    {
        Assert.Equal(Wib7(2023, 3, 21, 9), Next("0 0 9 ? * MON-FRI", Wib7(2023, 3, 20, 9)));
        var fractional = Wib7(2023, 3, 20, 9).AddTicks(1);
        Assert.Equal(Wib7(2023, 3, 20, 9, 0, 1), Next("* * * * * ?", fractional));
    }

    [Theory]
    [InlineData("0 0 9 ? * 1", DayOfWeek.Sunday)]
    [InlineData("0 0 9 ? * 2", DayOfWeek.Monday)]
    [InlineData("0 0 9 ? * 7", DayOfWeek.Saturday)]
    [InlineData("0 0 9 ? * sun", DayOfWeek.Sunday)]
    [InlineData("0 0 9 ? * L", DayOfWeek.Saturday)]
    public void DayOfWeekNumbers_AreQuartzOneIsSunday(string text, DayOfWeek expected)
    {
        Assert.Equal(expected, Next(text, Wib7(2023, 3, 20, 12))!.Value.DayOfWeek);
    }

    [Fact]
    public void DailyAt0730_InWitaAndWit_IsLocalMorning()
    {
        var after = new DateTimeOffset(2023, 3, 20, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2023, 3, 21, 7, 30, 0, TimeSpan.FromHours(8)), Next("0 30 7 * * ?", after, Wita));
        Assert.Equal(new DateTimeOffset(2023, 3, 21, 7, 30, 0, TimeSpan.FromHours(9)), Next("0 30 7 * * ?", after, Wit));
        Assert.Equal(new DateTimeOffset(2023, 3, 20, 7, 30, 0, TimeSpan.FromHours(7)), Next("0 30 7 * * ?", after, Wib));
    }

    [Theory]
    [InlineData("0 */15 * * * ?", "2023-03-20T10:07:00+07:00", "2023-03-20T10:15:00+07:00")]
    [InlineData("0 5/20 * * * ?", "2023-03-20T10:46:00+07:00", "2023-03-20T11:05:00+07:00")]
    [InlineData("0 10-20/5 * * * ?", "2023-03-20T10:16:00+07:00", "2023-03-20T10:20:00+07:00")]
    [InlineData("30 0 8,12,16 * * ?", "2023-03-20T12:00:30+07:00", "2023-03-20T16:00:30+07:00")]
    [InlineData("0 0 22-2 * * ?", "2023-03-20T02:00:00+07:00", "2023-03-20T22:00:00+07:00")]
    [InlineData("0 0 1 * * ?", "2023-03-20T23:00:00+07:00", "2023-03-21T01:00:00+07:00")]
    [InlineData("0 0 9 ? * FRI-MON", "2023-03-21T00:00:00+07:00", "2023-03-24T09:00:00+07:00")]
    [InlineData("0 0 0 1 JAN,JUL ?", "2023-03-20T00:00:00+07:00", "2023-07-01T00:00:00+07:00")]
    [InlineData("0 0 0 1 1 ? 2030", "2023-03-20T00:00:00+07:00", "2030-01-01T00:00:00+07:00")]
    [InlineData("0 0 0 1 1 ? 2025-2026/1", "2025-06-01T00:00:00+07:00", "2026-01-01T00:00:00+07:00")]
    [InlineData("0 0 9 15 * ? *", "2023-03-20T00:00:00+07:00", "2023-04-15T09:00:00+07:00")]
    [InlineData("0 59 23 31 12 ?", "2023-12-31T23:59:00+07:00", "2024-12-31T23:59:00+07:00")]
    public void Fields_ListsRangesStepsAndNames_Match(string text, string after, string expected)
    {
        Assert.Equal(Parse(expected), Next(text, Parse(after)));
    }

    [Theory]
    [InlineData("0 0 12 L * ?", "2023-02-01", "2023-02-28T12:00:00+07:00")]
    [InlineData("0 0 12 L * ?", "2024-02-01", "2024-02-29T12:00:00+07:00")]
    [InlineData("0 0 12 L-2 * ?", "2023-04-01", "2023-04-28T12:00:00+07:00")]
    [InlineData("0 0 12 LW * ?", "2024-03-01", "2024-03-29T12:00:00+07:00")]
    [InlineData("0 0 12 15W * ?", "2023-04-01", "2023-04-14T12:00:00+07:00")]
    [InlineData("0 0 12 1W * ?", "2023-03-31", "2023-04-03T12:00:00+07:00")]
    [InlineData("0 0 12 31W * ?", "2023-12-01", "2023-12-29T12:00:00+07:00")]
    [InlineData("0 0 12 31 * ?", "2023-04-01", "2023-05-31T12:00:00+07:00")]
    [InlineData("0 0 12 ? * 6L", "2023-03-01", "2023-03-31T12:00:00+07:00")]
    [InlineData("0 0 12 ? * FRIL", "2023-03-01", "2023-03-31T12:00:00+07:00")]
    [InlineData("0 0 12 ? * 2#1", "2023-03-07", "2023-04-03T12:00:00+07:00")]
    [InlineData("0 0 12 ? * FRI#5", "2023-04-01", "2023-06-30T12:00:00+07:00")]
    public void LastNearestAndNthDays_FollowQuartz(string text, string after, string expected)
    {
        Assert.Equal(Parse(expected), Next(text, Parse(after + "T00:00:00+07:00")));
    }

    [Fact]
    public void LeapDayOnly_FindsTheNextLeapYearAndSkips2100()
    {
        Assert.Equal(Wib7(2024, 2, 29), Next("0 0 0 29 2 ?", Wib7(2023, 3, 1)));
        Assert.Equal(Wib7(2104, 2, 29), Next("0 0 0 29 2 ?", Wib7(2096, 3, 1)));
    }

    [Theory]
    [InlineData("0 0 0 30 2 ?")]
    [InlineData("0 0 0 31 4,6,9,11 ?")]
    [InlineData("0 0 0 1 1 ? 2020")]
    public void ImpossibleOrPastDate_ReturnsNullWithinTheBound(string text)
    {
        Assert.Null(Next(text, Wib7(2023, 3, 20)));
    }

    [Fact]
    public void NearTheEndOfTime_ReturnsNullInsteadOfThrowing()
    {
        var lastDay = new DateTimeOffset(9999, 12, 30, 0, 0, 0, TimeSpan.Zero);
        Assert.Null(Next("0 0 0 1 1 ?", lastDay));
        Assert.Null(Next("* * * * * ?", DateTimeOffset.MaxValue));
    }

    [Fact]
    public void SpringForwardGap_MovesTheFiringLaterByTheGap()
    {
        var saturday = new DateTimeOffset(2023, 3, 25, 12, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(new DateTimeOffset(2023, 3, 26, 3, 30, 0, TimeSpan.FromHours(2)), Next("0 30 2 * * ?", saturday, Berlin));
    }

    [Fact]
    public void FallBack_DailyJobInTheRepeatedHourFiresOnce()
    {
        var cron = Cron("0 30 2 * * ?");
        var first = cron.NextAfter(new DateTimeOffset(2023, 10, 28, 12, 0, 0, TimeSpan.FromHours(2)), Berlin)!.Value;
        Assert.Equal(new DateTimeOffset(2023, 10, 29, 2, 30, 0, TimeSpan.FromHours(2)), first);
        Assert.Equal(new DateTimeOffset(2023, 10, 30, 2, 30, 0, TimeSpan.FromHours(1)), cron.NextAfter(first, Berlin));
    }

    [Fact]
    public void FallBack_FrequentJobKeepsMovingForward()
    {
        var cron = Cron("0 */20 * * * ?");
        var due = new DateTimeOffset(2023, 10, 29, 1, 50, 0, TimeSpan.FromHours(2));
        for (var i = 0; i < 12; i++)
        {
            var next = cron.NextAfter(due, Berlin)!.Value;
            Assert.True(next > due);
            Assert.True(next - due <= TimeSpan.FromHours(1) + TimeSpan.FromMinutes(20));
            due = next;
        }

        // Starting inside the repeated hour (02:10 in winter time) still moves on, never back.
        var inside = new DateTimeOffset(2023, 10, 29, 2, 10, 0, TimeSpan.FromHours(1));
        Assert.Equal(new DateTimeOffset(2023, 10, 29, 2, 20, 0, TimeSpan.FromHours(1)), cron.NextAfter(inside, Berlin));
    }

    [Fact]
    public void StarBesideARealDayRestriction_IsReadAsQuestionMark()
    {
        Assert.Equal(Wib7(2023, 3, 27, 9), Next("0 0 9 * * MON", Wib7(2023, 3, 24)));
        Assert.Equal(Wib7(2023, 4, 1, 9), Next("0 0 9 1 * *", Wib7(2023, 3, 24)));
        Assert.Equal(Wib7(2023, 3, 24, 9), Next("0 0 9 * * *", Wib7(2023, 3, 24)));
    }

    [Theory]
    [InlineData("0 9 * * 1", "5 bagian")]
    [InlineData("0 0 9 ? * MON-FRI 2030 x", "8 bagian")]
    [InlineData("60 * * * * ?", "detik")]
    [InlineData("? * * * * *", "detik")]
    [InlineData("*/0 * * * * ?", "detik")]
    [InlineData("*/61 * * * * ?", "detik")]
    [InlineData("0 60 * * * ?", "menit")]
    [InlineData("0 0 24 * * ?", "jam")]
    [InlineData("0 0 -1 * * ?", "jam")]
    [InlineData("0 0 0 32 * ?", "tanggal")]
    [InlineData("0 0 0 0 * ?", "tanggal")]
    [InlineData("0 0 0 L-31 * ?", "tanggal")]
    [InlineData("0 0 0 0W * ?", "tanggal")]
    [InlineData("0 0 0 1,L * ?", "tanggal")]
    [InlineData("0 0 0 1,,2 * ?", "tanggal")]
    [InlineData("0 0 0 ? 13 *", "bulan")]
    [InlineData("0 0 0 ? FOO *", "bulan")]
    [InlineData("0 0 0 ? * 8", "hari")]
    [InlineData("0 0 0 ? * 0", "hari")]
    [InlineData("0 0 0 ? * MON-FOO", "hari")]
    [InlineData("0 0 0 ? * 2#6", "hari")]
    [InlineData("0 0 0 ? * 8L", "hari")]
    [InlineData("0 0 0 1 1 ? 1969", "tahun")]
    [InlineData("0 0 0 1 1 ? 2100", "tahun")]
    [InlineData("0 0 9 1 * MON", "sekaligus")]
    [InlineData("0 0 9 ? * ?", "hanya boleh")]
    [InlineData("0 0 9 ? * MON-FRI\u0000", "hari")]
    public void BadCron_IsRefusedNamingTheField(string text, string reason)
    {
        Assert.False(CronExpression.TryParse(text, out var cron, out var error));
        Assert.Null(cron);
        Assert.Contains(reason, error!.Indonesian, StringComparison.Ordinal);
        Assert.Contains("0 0 9 ? * MON-FRI", error.English, StringComparison.Ordinal);
        Assert.False(TimerSchedule.TryParse(TimerKind.Cycle, text, out _, out var viaSchedule));
        Assert.Equal(error, viaSchedule);
    }

    [Fact]
    public void CronCycle_IsUnboundedAndFollowsTheCron()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "0 0 9 ? * MON-FRI");
        Assert.True(schedule.IsCron);
        Assert.True(schedule.IsRepeating);
        Assert.Null(schedule.Repetitions);
        var first = schedule.FirstDue(Wib7(2023, 3, 24, 10), Wib)!.Value;
        Assert.Equal(Wib7(2023, 3, 27, 9), first);
        Assert.Equal(Wib7(2023, 3, 28, 9), schedule.NextDue(first, 1, Wib));
        Assert.Equal(Wib7(2023, 3, 29, 9), schedule.NextDue(Wib7(2023, 3, 28, 9), int.MaxValue, Wib));
    }

    [Fact]
    public void ImpossibleCronCycle_IsNeverDue()
    {
        Assert.Null(TimerSchedule.Parse(TimerKind.Cycle, "0 0 0 30 2 ?").FirstDue(Wib7(2023, 1, 1), Wib));
    }

    private static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
