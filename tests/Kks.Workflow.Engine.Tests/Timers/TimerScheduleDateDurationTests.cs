using Kks.Workflow.Engine.Timers;
using static Kks.Workflow.Engine.Tests.Timers.Zones;

namespace Kks.Workflow.Engine.Tests.Timers;

public sealed class TimerScheduleDateDurationTests
{
    private static readonly DateTimeOffset ArmedAt = Wib7(2023, 3, 20, 10, 15);

    [Theory]
    [InlineData("2023-03-24T08:00:00+07:00", "2023-03-24T08:00:00+07:00")]
    [InlineData("2023-03-24T01:00:00Z", "2023-03-24T08:00:00+07:00")]
    [InlineData("2023-03-24T09:00:00+0800", "2023-03-24T08:00:00+07:00")]
    [InlineData("2023-03-24T10:00+09", "2023-03-24T08:00:00+07:00")]
    [InlineData("2023-03-24T08:00:00", "2023-03-24T08:00:00+07:00")]
    [InlineData("2023-03-24T08:00", "2023-03-24T08:00:00+07:00")]
    [InlineData("2023-03-24T08", "2023-03-24T08:00:00+07:00")]
    [InlineData("2023-03-24", "2023-03-24T00:00:00+07:00")]
    [InlineData(" 2023-03-24T08:00:00.250+07:00 ", "2023-03-24T08:00:00.25+07:00")]
    [InlineData("2024-02-29T12:00:00+07:00", "2024-02-29T12:00:00+07:00")]
    public void DateText_IsDueAtThatInstant(string text, string expected)
    {
        var schedule = TimerSchedule.Parse(TimerKind.Date, text);
        Assert.Equal(TimerKind.Date, schedule.Kind);
        Assert.Equal(1, schedule.Repetitions);
        Assert.False(schedule.IsRepeating);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), schedule.FirstDue(ArmedAt, Wib));
    }

    [Fact]
    public void LocalDate_IsReadInTheGivenZone()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Date, "2023-03-24T08:00:00");
        Assert.Equal(new DateTimeOffset(2023, 3, 24, 8, 0, 0, TimeSpan.FromHours(8)), schedule.FirstDue(ArmedAt, Wita));
        Assert.Equal(new DateTimeOffset(2023, 3, 24, 8, 0, 0, TimeSpan.FromHours(9)), schedule.FirstDue(ArmedAt, Wit));
        Assert.Equal(new DateTimeOffset(2023, 3, 24, 1, 0, 0, TimeSpan.Zero), schedule.FirstDue(ArmedAt, Wib));
    }

    [Fact]
    public void DateWithOffset_IsTheSameInstantInEveryZoneButShownInTheZone()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Date, "2023-03-24T08:00:00+07:00");
        var inWit = schedule.FirstDue(ArmedAt, Wit)!.Value;
        Assert.Equal(new DateTimeOffset(2023, 3, 24, 1, 0, 0, TimeSpan.Zero), inWit);
        Assert.Equal(TimeSpan.FromHours(9), inWit.Offset);
    }

    [Fact]
    public void PastDate_IsDueImmediatelyAtTheDateItself()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Date, "2023-01-02T08:00:00+07:00");
        Assert.Equal(Wib7(2023, 1, 2, 8), schedule.FirstDue(ArmedAt, Wib));
        Assert.Null(schedule.NextDue(Wib7(2023, 1, 2, 8), 1, Wib));
    }

    [Fact]
    public void LocalTimeInDaylightSavingGap_MovesLaterByTheGap()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Date, "2023-03-26T02:30:00");
        Assert.Equal(new DateTimeOffset(2023, 3, 26, 3, 30, 0, TimeSpan.FromHours(2)), schedule.FirstDue(ArmedAt, Berlin));
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2023-13-01")]
    [InlineData("2023-03-24T24:00:00")]
    [InlineData("2023-03-24T08:60")]
    [InlineData("2023-03-24 08:00:00")]
    [InlineData("24-03-2023")]
    [InlineData("2023-3-24")]
    [InlineData("2023-03-24T08:00:00+15:00")]
    [InlineData("2023-03-24T08:00:00+07:0")]
    [InlineData("2023-03-24Z")]
    [InlineData("2023-03-24T08:00.5")]
    [InlineData("0001-01-01T00:00:00+07:00")]
    [InlineData("9999-12-31T23:59:59-07:00")]
    [InlineData("P3D")]
    [InlineData("${dueDate}")]
    [InlineData("tomorrow")]
    public void BadDate_IsRefusedWithBilingualError(string text)
    {
        Assert.False(TimerSchedule.TryParse(TimerKind.Date, text, out var schedule, out var error));
        Assert.Null(schedule);
        Assert.NotNull(error);
        Assert.Contains("Tanggal timer", error.Indonesian, StringComparison.Ordinal);
        Assert.Contains("Timer date", error.English, StringComparison.Ordinal);
        Assert.Contains("2023-03-24T08:00:00+07:00", error.English, StringComparison.Ordinal);
        var thrown = Assert.Throws<EngineException>(() => TimerSchedule.Parse(TimerKind.Date, text));
        Assert.Equal(error, thrown.Text);
    }

    [Theory]
    [InlineData(TimerKind.Date)]
    [InlineData(TimerKind.Duration)]
    [InlineData(TimerKind.Cycle)]
    public void EmptyOrHugeText_IsRefusedForEveryKind(TimerKind kind)
    {
        Assert.False(TimerSchedule.TryParse(kind, null, out _, out var empty));
        Assert.Contains("kosong", empty!.Indonesian, StringComparison.Ordinal);
        Assert.False(TimerSchedule.TryParse(kind, "  \n ", out _, out _));
        Assert.False(TimerSchedule.TryParse(kind, new string('1', 100_000), out _, out var huge));
        Assert.Contains("256", huge!.English, StringComparison.Ordinal);
        Assert.True(huge.English.Length < 400);
    }

    [Fact]
    public void Duration_IsDueThatLongAfterArming()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Duration, "PT10H");
        Assert.Equal(Wib7(2023, 3, 20, 20, 15), schedule.FirstDue(ArmedAt, Wib));
        Assert.Null(schedule.NextDue(Wib7(2023, 3, 20, 20, 15), 1, Wib));
        Assert.False(schedule.IsRepeating);
        Assert.Equal(1, schedule.Repetitions);
    }

    [Fact]
    public void MonthDuration_FromJanuary31_EndsOnTheLastDayOfFebruary()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Duration, "P1M");
        Assert.Equal(Wib7(2023, 2, 28, 9), schedule.FirstDue(Wib7(2023, 1, 31, 9), Wib));
        Assert.Equal(Wib7(2024, 2, 29, 9), schedule.FirstDue(Wib7(2024, 1, 31, 9), Wib));
    }

    [Fact]
    public void DayDuration_InWitaAndWit_KeepsTheLocalTimeOfDay()
    {
        var armedUtc = new DateTimeOffset(2023, 3, 20, 0, 30, 0, TimeSpan.Zero);
        var schedule = TimerSchedule.Parse(TimerKind.Duration, "P3D");
        Assert.Equal(new DateTimeOffset(2023, 3, 23, 8, 30, 0, TimeSpan.FromHours(8)), schedule.FirstDue(armedUtc, Wita));
        Assert.Equal(new DateTimeOffset(2023, 3, 23, 9, 30, 0, TimeSpan.FromHours(9)), schedule.FirstDue(armedUtc, Wit));
    }

    [Fact]
    public void ZeroDuration_IsDueAtTheArmingInstant()
    {
        Assert.Equal(ArmedAt, TimerSchedule.Parse(TimerKind.Duration, "PT0S").FirstDue(ArmedAt, Wib));
    }

    [Fact]
    public void DurationBeyondYear9999_IsNeverDue()
    {
        Assert.Null(TimerSchedule.Parse(TimerKind.Duration, "P999999999Y").FirstDue(ArmedAt, Wib));
    }

    [Fact]
    public void NegativeDuration_IsRefused()
    {
        Assert.False(TimerSchedule.TryParse(TimerKind.Duration, "-P1D", out _, out var error));
        Assert.Contains("negatif", error!.Indonesian, StringComparison.Ordinal);
        Assert.Contains("negative", error.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P3X", "tidak valid")]
    [InlineData("P", "tidak valid")]
    [InlineData("2023-03-24", "tidak valid")]
    [InlineData("P12345678901D", "terlalu besar")]
    [InlineData("PT1111111111111111111111111111111111111111111111111111111111111111111H", "terlalu panjang")]
    public void BadDuration_IsRefusedWithTheReason(string text, string reason)
    {
        Assert.False(TimerSchedule.TryParse(TimerKind.Duration, text, out var schedule, out var error));
        Assert.Null(schedule);
        Assert.Contains(reason, error!.Indonesian, StringComparison.Ordinal);
        Assert.Throws<EngineException>(() => TimerSchedule.Parse(TimerKind.Duration, text));
    }

    [Fact]
    public void UnknownKind_IsAProgrammingError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TimerSchedule.TryParse((TimerKind)42, "P1D", out _, out _));
    }
}
