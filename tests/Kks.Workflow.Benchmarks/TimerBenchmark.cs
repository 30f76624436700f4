namespace Kks.Workflow.Benchmarks;

internal static class TimerBenchmark
{
    public static Task BurstAsync(int timers) => throw new NotImplementedException(timers.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static Task SteadyAsync(int perMinute, int minutes) => throw new NotImplementedException($"{perMinute} {minutes}");
}
