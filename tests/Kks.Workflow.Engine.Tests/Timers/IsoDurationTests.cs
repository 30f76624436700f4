using Kks.Workflow.Engine.Timers;
using static Kks.Workflow.Engine.Tests.Timers.Zones;

namespace Kks.Workflow.Engine.Tests.Timers;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("P3D", 0, 0, 0, 3, 0, 0, "0", false)]
    [InlineData("PT10H", 0, 0, 0, 0, 10, 0, "0", false)]
    [InlineData("P1Y2M3DT4H5M6.5S", 1, 2, 0, 3, 4, 5, "6.5", false)]
    [InlineData("P2W", 0, 0, 2, 0, 0, 0, "0", false)]
    [InlineData("-P1D", 0, 0, 0, 1, 0, 0, "0", true)]
    [InlineData("PT1,5S", 0, 0, 0, 0, 0, 0, "1.5", false)]
    [InlineData("  PT5M\n", 0, 0, 0, 0, 0, 5, "0", false)]
    [InlineData("P1M", 0, 1, 0, 0, 0, 0, "0", false)]
    [InlineData("PT1M", 0, 0, 0, 0, 0, 1, "0", false)]
    [InlineData("P999999999D", 0, 0, 0, 999999999, 0, 0, "0", false)]
    public void ValidText_ParsesEveryPart(string text, int y, int mo, int w, int d, int h, int mi, string s, bool negative)
    {
        Assert.True(IsoDuration.TryParse(text, out var value));
        Assert.Equal(new IsoDuration(y, mo, w, d, h, mi, decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture), negative), value);
        Assert.Equal(value, IsoDuration.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("P3X")]
    [InlineData("3D")]
    [InlineData("p3d")]
    [InlineData("P1D2Y")]
    [InlineData("P1D1D")]
    [InlineData("PT1H2H")]
    [InlineData("P1H")]
    [InlineData("PT1D")]
    [InlineData("P1.5D")]
    [InlineData("PT1.S")]
    [InlineData("PT.5S")]
    [InlineData("P-1D")]
    [InlineData("--P1D")]
    [InlineData("P1DX")]
    [InlineData("PT1HT2M")]
    [InlineData("P１D")] // a full-width digit is not an ASCII digit
    [InlineData("banana")]
    public void BadText_IsRefusedWithBilingualMessage(string? text)
    {
        Assert.False(IsoDuration.TryParse(text, out var value));
        Assert.Equal(default, value);
        var error = Assert.Throws<EngineException>(() => IsoDuration.Parse(text));
        Assert.Contains("Durasi", error.Text.Indonesian, StringComparison.Ordinal);
        Assert.Contains("Duration", error.Text.English, StringComparison.Ordinal);
        Assert.Contains("P3D", error.Text.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P1234567890D")]
    [InlineData("PT99999999999H")]
    [InlineData("PT1.1234567890S")]
    public void OverflowingNumber_IsRefusedAsTooLarge(string text)
    {
        Assert.False(IsoDuration.TryParse(text, out _));
        var error = Assert.Throws<EngineException>(() => IsoDuration.Parse(text));
        Assert.Contains("terlalu besar", error.Text.Indonesian, StringComparison.Ordinal);
        Assert.Contains("too large", error.Text.English, StringComparison.Ordinal);
    }

    [Fact]
    public void VeryLongText_IsRefusedWithoutEchoingItAll()
    {
        var text = "P" + new string('1', 5000) + "D";
        Assert.False(IsoDuration.TryParse(text, out _));
        var error = Assert.Throws<EngineException>(() => IsoDuration.Parse(text));
        Assert.Contains("64", error.Text.English, StringComparison.Ordinal);
        Assert.True(error.Text.English.Length < 300);
    }

    [Theory]
    [InlineData("P3D", "P3D")]
    [InlineData("P1Y2M3DT4H5M6.50S", "P1Y2M3DT4H5M6.5S")]
    [InlineData("P2W", "P2W")]
    [InlineData("-P1D", "-P1D")]
    [InlineData("+PT90M", "PT90M")]
    [InlineData("PT0S", "PT0S")]
    [InlineData("-P0D", "PT0S")]
    [InlineData("P0Y0M0DT0H0M0S", "PT0S")]
    [InlineData("PT0.000001S", "PT0.000001S")]
    public void ToString_IsCanonical(string text, string canonical)
    {
        var value = IsoDuration.Parse(text);
        Assert.Equal(canonical, value.ToString());
        Assert.Equal(value, IsoDuration.Parse(value.ToString()));
    }

    [Fact]
    public void SpanOfALargerText_ParsesWithoutCopying()
    {
        var expression = "dueIn('P1Y2M3DT4H5M6.5S')";
        Assert.True(IsoDuration.TryParse(expression.AsSpan(7, 16), out var value));
        Assert.Equal(IsoDuration.Parse("P1Y2M3DT4H5M6.5S"), value);
        Assert.False(IsoDuration.TryParse(expression.AsSpan(0, 6), out _));
    }

    [Fact]
    public void ZeroInAnySign_IsZeroAndEqual()
    {
        Assert.True(IsoDuration.Parse("-PT0S").IsZero);
        Assert.Equal(IsoDuration.Parse("P0D"), IsoDuration.Parse("-PT0S"));
        Assert.True(default(IsoDuration).IsZero);
        Assert.False(IsoDuration.Parse("PT0.1S").IsZero);
    }

    [Fact]
    public void NegativeComponent_IsAProgrammingError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsoDuration(days: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsoDuration(seconds: -0.5m));
    }

    [Fact]
    public void MonthAddedToJanuary31_ClampsToFebruaryEnd()
    {
        var jan31 = Wib7(2023, 1, 31, 8);
        Assert.Equal(Wib7(2023, 2, 28, 8), IsoDuration.Parse("P1M").AddTo(jan31, Wib));
        Assert.Equal(Wib7(2024, 2, 29, 8), IsoDuration.Parse("P1Y1M").AddTo(jan31, Wib));
    }

    [Fact]
    public void YearAddedToLeapDay_ClampsToFebruary28()
    {
        var leapDay = Wib7(2024, 2, 29, 9);
        Assert.Equal(Wib7(2025, 2, 28, 9), IsoDuration.Parse("P1Y").AddTo(leapDay, Wib));
        Assert.Equal(Wib7(2028, 2, 29, 9), IsoDuration.Parse("P4Y").AddTo(leapDay, Wib));
        Assert.Equal(Wib7(2024, 2, 29, 9), IsoDuration.Parse("P1D").AddTo(Wib7(2024, 2, 28, 9), Wib));
        Assert.Equal(Wib7(2023, 3, 1, 9), IsoDuration.Parse("P1D").AddTo(Wib7(2023, 2, 28, 9), Wib));
    }

    [Fact]
    public void CalendarDay_IsComputedOnTheZoneWallClock()
    {
        // 23:30 WIB is already the next day in WIT; the month ends on different local days.
        var instant = new DateTimeOffset(2023, 1, 30, 16, 30, 0, TimeSpan.Zero); // 23:30 WIB, 01:30 WIT on Jan 31
        Assert.Equal(new DateTimeOffset(2023, 2, 28, 23, 30, 0, TimeSpan.FromHours(7)), IsoDuration.Parse("P1M").AddTo(instant, Wib));
        Assert.Equal(new DateTimeOffset(2023, 2, 28, 1, 30, 0, TimeSpan.FromHours(9)), IsoDuration.Parse("P1M").AddTo(instant, Wit));
        Assert.Equal(TimeSpan.FromHours(8), IsoDuration.Parse("P1D").AddTo(instant, Wita).Offset);
    }

    [Fact]
    public void DayAcrossDaylightSavingChange_KeepsWallClockWhileHoursAreElapsed()
    {
        var beforeSpringForward = new DateTimeOffset(2023, 3, 25, 9, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(new DateTimeOffset(2023, 3, 26, 9, 0, 0, TimeSpan.FromHours(2)), IsoDuration.Parse("P1D").AddTo(beforeSpringForward, Berlin));
        Assert.Equal(new DateTimeOffset(2023, 3, 26, 10, 0, 0, TimeSpan.FromHours(2)), IsoDuration.Parse("PT24H").AddTo(beforeSpringForward, Berlin));
    }

    [Fact]
    public void FractionalSecondsAndMixedParts_AddExactly()
    {
        var start = Wib7(2023, 3, 1);
        var expected = new DateTimeOffset(2024, 5, 4, 4, 5, 6, 500, TimeSpan.FromHours(7));
        Assert.Equal(expected, IsoDuration.Parse("P1Y2M3DT4H5M6.5S").AddTo(start, Wib));
        Assert.Equal(Wib7(2023, 3, 15), IsoDuration.Parse("P2W").AddTo(start, Wib));
    }

    [Fact]
    public void SubtractFrom_AndNegativeDuration_GoBackInTime()
    {
        var start = Wib7(2023, 3, 31, 10);
        Assert.Equal(Wib7(2023, 2, 28, 10), IsoDuration.Parse("P1M").SubtractFrom(start, Wib));
        Assert.Equal(Wib7(2023, 3, 30, 10), IsoDuration.Parse("-P1D").AddTo(start, Wib));
        Assert.Equal(Wib7(2023, 4, 1, 10), IsoDuration.Parse("-P1D").SubtractFrom(start, Wib));
    }

    [Fact]
    public void ResultInTheZoneOffset_EvenForTimeOnlyDurations()
    {
        var utc = new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var result = IsoDuration.Parse("PT2H").AddTo(utc, Wita);
        Assert.Equal(new DateTimeOffset(2023, 3, 1, 10, 0, 0, TimeSpan.FromHours(8)), result);
        Assert.Equal(TimeSpan.FromHours(8), result.Offset);
    }

    [Fact]
    public void ResultBeyondYear9999_ThrowsEngineException()
    {
        var error = Assert.Throws<EngineException>(() => IsoDuration.Parse("P999999999Y").AddTo(Wib7(2023, 1, 1), Wib));
        Assert.Contains("rentang", error.Text.Indonesian, StringComparison.Ordinal);
        Assert.Throws<EngineException>(() => IsoDuration.Parse("PT999999999H").SubtractFrom(Wib7(2023, 1, 1), Wib));
        Assert.Throws<EngineException>(() => IsoDuration.Parse("P999999999D").AddTo(Wib7(2023, 1, 1), Wib));
    }
}
