using Kks.Workflow.Engine.Timers;
using static Kks.Workflow.Engine.Tests.Timers.Zones;

namespace Kks.Workflow.Engine.Tests.Timers;

/// <summary>
/// Seeded random texts built from the characters timers use: parsing must never throw, and a
/// schedule that parses must compute due times at any instant without throwing.
/// </summary>
public sealed class TimerFuzzTests
{
    private static readonly string[] Pieces =
    [
        "R", "R3", "R0", "/", "P", "T", "Y", "M", "W", "D", "H", "S", "-", "+", ".", ",", ":", "Z", "?", "*", "L", "#", " ",
        "0", "1", "7", "9", "12", "29", "31", "59", "99", "999999999", "2023-02-15", "T08:00:00", "+07:00", "9999-12-31",
        "0001-01-01", "MON", "FRI", "JAN", "LW", "P1M", "PT1S", "0 0 9 ? * ", "2099", "\u00A0", "\n",
    ];

    private static readonly DateTimeOffset[] Instants =
    [
        Wib7(2023, 2, 15, 8),
        new(2024, 2, 29, 23, 59, 59, TimeSpan.FromHours(9)),
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue,
        new(1, 1, 2, 0, 0, 0, TimeSpan.Zero),
        new(9999, 12, 30, 0, 0, 0, TimeSpan.Zero),
    ];

    [Theory]
    [InlineData(TimerKind.Date, 1)]
    [InlineData(TimerKind.Duration, 2)]
    [InlineData(TimerKind.Cycle, 3)]
    public void RandomText_NeverThrowsFromTryParseOrDueTimes(TimerKind kind, int seed)
    {
        var random = new Random(seed);
        var parsed = 0;
        for (var i = 0; i < 4000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 9)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            if (!TimerSchedule.TryParse(kind, text, out var schedule, out var error))
            {
                Assert.NotNull(error);
                Assert.False(string.IsNullOrWhiteSpace(error.Indonesian));
                Assert.False(string.IsNullOrWhiteSpace(error.English));
                continue;
            }

            parsed++;
            foreach (var instant in Instants)
            {
                foreach (var zone in new[] { Wib, Wit, Berlin })
                {
                    var first = schedule!.FirstDue(instant, zone);
                    if (first is { } due)
                    {
                        schedule.NextDue(due, 1, zone);
                    }
                }
            }
        }

        Assert.True(parsed > 0, "the generator should also produce some valid texts");
    }

    [Fact]
    public void RandomDurations_AddOrThrowOnlyEngineException()
    {
        var random = new Random(4);
        for (var i = 0; i < 4000; i++)
        {
            var text = "P" + string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            if (!IsoDuration.TryParse(text, out var duration))
            {
                Assert.Throws<EngineException>(() => IsoDuration.Parse(text));
                continue;
            }

            foreach (var instant in Instants)
            {
                try
                {
                    duration.AddTo(instant, Wib);
                    duration.SubtractFrom(instant, Wit);
                }
                catch (EngineException)
                {
                    // Leaving DateTime's range is reported, never crashes.
                }
            }
        }
    }
}
