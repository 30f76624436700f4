using System.Globalization;

namespace Kks.Workflow.Benchmarks;

/// <summary>
/// The CPU time one local PostgreSQL server has used so far, from /proc: its postmaster (the pid durable-pg.sh passes
/// in KKS_BENCH_PG_PID, from postmaster.pid) with what it collected from children that already exited (cutime +
/// cstime, so a backend ending during a run still counts), plus its live children (backends, WAL writer,
/// checkpointer). Null when unknown (no pid given, no /proc). Only that server: another cluster on the machine
/// (the tests') is not counted.
/// </summary>
internal static class PostgresServerCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static TimeSpan? Now()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("KKS_BENCH_PG_PID"), NumberStyles.None, CultureInfo.InvariantCulture, out var postmaster)
            || !Directory.Exists("/proc"))
        {
            return null;
        }

        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || Stat(directory) is not { } stat)
            {
                continue;
            }

            if (pid == postmaster)
            {
                ticks += stat.Own + stat.Children;
            }
            else if (stat.Parent == postmaster)
            {
                ticks += stat.Own;
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static (int Parent, long Own, long Children)? Stat(string directory)
    {
        string text;
        try
        {
            text = File.ReadAllText(Path.Combine(directory, "stat"));
        }
        catch (IOException)
        {
            return null; // ended meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // pid (comm) state ppid ... utime(14) stime(15) cutime(16) cstime(17); comm may hold spaces and parentheses.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return ((int)Field(4), Field(14) + Field(15), Field(16) + Field(17));
    }
}
