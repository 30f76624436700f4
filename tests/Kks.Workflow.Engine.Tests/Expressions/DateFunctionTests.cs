using Kks.Workflow.Engine.Expressions;
using static Kks.Workflow.Engine.Tests.Expressions.ExpressionTestKit;

namespace Kks.Workflow.Engine.Tests.Expressions;

public sealed class DateFunctionTests
{
    private static DateTimeOffset EvalDate(string text, IWorkingCalendar? calendar = null, TimeZoneInfo? zone = null)
    {
        var environment = Env with { Calendar = calendar ?? Env.Calendar, TimeZone = zone ?? Env.TimeZone };
        return Assert.IsType<DateTimeOffset>(Eval(text, environment: environment));
    }

    [Fact]
    public void NowAndToday_ComeFromTheEnvironment()
    {
        Assert.Equal(Now, EvalDate("${now()}"));
        Assert.Equal(TimeSpan.FromHours(7), EvalDate("${now()}").Offset);
        Assert.Equal(Wib7(2024, 3, 1), EvalDate("${today()}"));
        Assert.Equal(TimeSpan.FromHours(7), EvalDate("${today()}").Offset);

        // 20:00 UTC on 29 Feb is already 1 March in WIB.
        var lateUtc = Env with { Now = new DateTimeOffset(2024, 2, 29, 20, 0, 0, TimeSpan.Zero) };
        Assert.Equal(Wib7(2024, 3, 1), Eval("${today()}", environment: lateUtc));
    }

    [Theory]
    [InlineData("${date('2024-03-24')}", "2024-03-24T00:00:00+07:00")]
    [InlineData("${date('2024-03-24T08:00')}", "2024-03-24T08:00:00+07:00")]
    [InlineData("${date('2024-03-24T08:00:00')}", "2024-03-24T08:00:00+07:00")]
    [InlineData("${date('2024-03-24 08:00:30')}", "2024-03-24T08:00:30+07:00")]
    [InlineData("${date('2024-03-24T08:00:00.25')}", "2024-03-24T08:00:00.25+07:00")]
    [InlineData("${date('2024-03-24T08:00:00+07:00')}", "2024-03-24T08:00:00+07:00")]
    [InlineData("${date('2024-03-24T08:00:00+09:00')}", "2024-03-24T08:00:00+09:00")]
    [InlineData("${date('2024-03-24T01:00Z')}", "2024-03-24T01:00:00+00:00")]
    [InlineData("${date(deadlineText)}", "2024-03-08T16:00:00+07:00")]
    [InlineData("${date(deadline)}", "2024-03-08T16:00:00+07:00")]
    [InlineData("${addDuration(date('2024-01-31'), 'P1M')}", "2024-02-29T00:00:00+07:00")]
    [InlineData("${addDuration(now(), 'PT2H')}", "2024-03-01T12:30:00+07:00")]
    [InlineData("${addDuration(deadlineText, 'P3D')}", "2024-03-11T16:00:00+07:00")]
    [InlineData("${addDuration(now(), '-P1D')}", "2024-02-29T10:30:00+07:00")]
    [InlineData("${subtractDuration(deadline, 'P1DT1H')}", "2024-03-07T15:00:00+07:00")]
    [InlineData("${addDuration(deadline, 'P' + n + 'D')}", "2024-03-13T16:00:00+07:00")]
    // Friday 10:30 plus working days: the weekend is skipped, the time of day kept.
    [InlineData("${addWorkingDays(now(), 1)}", "2024-03-04T10:30:00+07:00")]
    [InlineData("${addWorkingDays(now(), 5)}", "2024-03-08T10:30:00+07:00")]
    [InlineData("${addWorkingDays(now(), 6)}", "2024-03-11T10:30:00+07:00")]
    [InlineData("${addWorkingDays(now(), -1)}", "2024-02-29T10:30:00+07:00")]
    [InlineData("${addWorkingDays(date('2024-03-02T09:00'), 1)}", "2024-03-04T09:00:00+07:00")]
    [InlineData("${addWorkingDays(date('2024-03-04T09:00'), -1)}", "2024-03-01T09:00:00+07:00")]
    [InlineData("${addWorkingDays(date('2024-03-03'), -1)}", "2024-03-01T00:00:00+07:00")]
    [InlineData("${addWorkingDays(date('2024-03-02'), 0)}", "2024-03-02T00:00:00+07:00")]
    [InlineData("${addWorkingDays(today(), 10)}", "2024-03-15T00:00:00+07:00")]
    [InlineData("${addWorkingDays(deadlineText, n)}", "2024-03-15T16:00:00+07:00")]
    [InlineData("${addWorkingDays(now(), 2.0)}", "2024-03-05T10:30:00+07:00")]
    public void DateFunctions_ComputeInTheZone(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), EvalDate(text));

    [Theory]
    [InlineData("${date('2024-03-24T08:00:00+09:00')}", 9)]
    [InlineData("${date('2024-03-24T01:00Z')}", 0)]
    [InlineData("${addWorkingDays(date('2024-03-24T01:00Z'), 1)}", 7)]
    public void Dates_KeepTheirOffsetUntilMovedInTheZone(string text, int offsetHours) =>
        Assert.Equal(TimeSpan.FromHours(offsetHours), EvalDate(text).Offset);

    [Theory]
    [InlineData("${workingDaysBetween(now(), deadline)}", 5)]
    [InlineData("${workingDaysBetween(deadline, now())}", -5)]
    [InlineData("${workingDaysBetween(now(), now())}", 0)]
    [InlineData("${workingDaysBetween(date('2024-03-02'), date('2024-03-03'))}", 0)]
    [InlineData("${workingDaysBetween(date('2024-03-01'), date('2024-03-04'))}", 1)]
    [InlineData("${workingDaysBetween(date('2024-03-01'), date('2024-03-31'))}", 20)]
    [InlineData("${workingDaysBetween(today(), deadlineText)}", 5)]
    [InlineData("${daysBetween(now(), deadline)}", 7)]
    [InlineData("${daysBetween(deadline, now())}", -7)]
    [InlineData("${daysBetween(date('2024-03-01T23:59'), date('2024-03-02T00:01'))}", 1)]
    [InlineData("${daysBetween(today(), date('2024-03-01T20:00Z'))}", 1)]
    [InlineData("${daysBetween(date('2024-02-01'), date('2024-03-01'))}", 29)]
    [InlineData("${daysBetween(now(), deadline) > 3}", true)]
    public void DayCounts_UseLocalDays(string text, object expected) => AssertValue(expected, Eval(text));

    [Fact]
    public void AddWorkingDays_InvertsWorkingDaysBetween()
    {
        var start = Wib7(2024, 2, 20, 9, 15);
        for (var day = 0; day < 40; day++)
        {
            var target = Wib7(2024, 2, 20, 9, 15).AddDays(day - 10);
            if (!WeekendCalendar.Instance.IsWorkingDay(DateOnly.FromDateTime(target.DateTime)))
            {
                continue;
            }

            var variables = new Dictionary<string, object?> { ["a"] = start, ["b"] = target };
            Assert.Equal(target, Eval("${addWorkingDays(a, workingDaysBetween(a, b))}", variables));
        }
    }

    [Fact]
    public void WorkingDays_SkipTheCalendarsHolidays()
    {
        // Nyepi fell on Monday 11 March 2024.
        var calendar = new HolidayCalendar(new DateOnly(2024, 3, 11));
        Assert.Equal(Wib7(2024, 3, 12, 16, 0), EvalDate("${addWorkingDays(deadline, 1)}", calendar));
        Assert.Equal(Wib7(2024, 3, 8, 16, 0), EvalDate("${addWorkingDays(date('2024-03-12T16:00'), -1)}", calendar));
        var environment = Env with { Calendar = calendar };
        Assert.Equal(1L, Eval("${workingDaysBetween(deadline, date('2024-03-12'))}", environment: environment));
    }

    [Fact]
    public void AddWorkingDays_KeepsTheWallClockAcrossDaylightSaving()
    {
        // Europe/Berlin moved from +01:00 to +02:00 on Sunday 31 March 2024.
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var friday = new DateTimeOffset(2024, 3, 29, 9, 0, 0, TimeSpan.FromHours(1));
        var environment = Env with { TimeZone = berlin, Now = friday };
        Assert.Equal(new DateTimeOffset(2024, 4, 1, 9, 0, 0, TimeSpan.FromHours(2)), Eval("${addWorkingDays(now(), 1)}", environment: environment));
        Assert.Equal(new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.FromHours(2)), Eval("${date('2024-04-01')}", environment: environment));
    }

    [Theory]
    [InlineData("${format(deadline, 'yyyy-MM-dd HH:mm')}", "2024-03-08 16:00")]
    [InlineData("${format(date('2024-03-01T01:00Z'), 'HH:mm')}", "08:00")]
    [InlineData("${format(deadline, 'dddd, d MMMM yyyy', 'id')}", "Jumat, 8 Maret 2024")]
    [InlineData("${format(deadline, 'dddd, d MMMM yyyy', 'en')}", "Friday, 8 March 2024")]
    [InlineData("${format(deadline, 'd MMMM yyyy')}", "8 March 2024")]
    [InlineData("${format(deadlineText, 'dd/MM/yyyy')}", "08/03/2024")]
    [InlineData("Tenggat ${format(addWorkingDays(today(), 3), 'd MMMM', 'id')}", "Tenggat 6 Maret")]
    public void Format_WritesTheDateInTheZone(string text, string expected) => Assert.Equal(expected, Eval(text));

    [Fact]
    public void DateComparisons_WorkWithFunctions()
    {
        Assert.Equal(true, Eval("${now() > addWorkingDays(deadline, -6) && now() < addWorkingDays(deadline, -5)}"));
        Assert.Equal(true, Eval("${date('2024-03-01') == today()}"));
        Assert.Equal(true, Eval("${date('2024-03-01T03:00Z') == now() || date('2024-03-01T03:30Z') == now()}"));
    }

    private sealed class HolidayCalendar(params DateOnly[] holidays) : IWorkingCalendar
    {
        public bool IsWorkingDay(DateOnly day) => WeekendCalendar.Instance.IsWorkingDay(day) && !holidays.Contains(day);
    }
}
