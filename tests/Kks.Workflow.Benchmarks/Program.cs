namespace Kks.Workflow.Benchmarks;

/// <summary>
/// On-demand performance figures (never asserted in tests). Each mode prints one JSON line per measurement.
///   dotnet run -c Release --project tests/Kks.Workflow.Benchmarks -- engine [instances]
///   dotnet run -c Release --project tests/Kks.Workflow.Benchmarks -- memory [instances]
///   dotnet run -c Release --project tests/Kks.Workflow.Benchmarks -- state-json [calls]   (instance state JSON: by hand vs the serializer)
///   dotnet run -c Release --project tests/Kks.Workflow.Benchmarks -- parse-validate [elements]
///   dotnet run -c Release --project tests/Kks.Workflow.Benchmarks -- durable [tasks] [clients,clients...]   (default 1,8)
///   dotnet run -c Release --project tests/Kks.Workflow.Benchmarks -- durable-pg <connection string> [tasks] [clients,...] [pgbench tps,...]   (used by durable-pg.sh)
///   dotnet run -c Release --project tests/Kks.Workflow.Benchmarks -- inbox [tasks]
///   dotnet run -c Release --project tests/Kks.Workflow.Benchmarks -- scale [instances]   (steps 1, 10, 100, ... up to it; default 10,000)
///   dotnet run -c Release --project tests/Kks.Workflow.Benchmarks -- timers-burst [timers]   (default 100,000 due in the same second)
///   dotnet run -c Release --project tests/Kks.Workflow.Benchmarks -- timers-steady [per minute] [minutes]   (default 10,000 a minute for 3 minutes)
///   dotnet run -c Release --project tests/Kks.Workflow.Benchmarks -- seed-http <data directory> [tasks]   (used by http-load.sh)
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "engine";
        var count = args.Length > 1 && mode is not ("seed-http" or "durable-pg") ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
        switch (mode)
        {
            case "engine":
                EngineBenchmark.Run(count > 0 ? count : 20_000);
                return 0;
            case "state-json":
                EngineBenchmark.StateJson(count > 0 ? count : 20_000);
                return 0;
            case "memory":
                EngineBenchmark.Memory(count > 0 ? count : 2_000);
                return 0;
            case "durable":
                await DurableBenchmark.RunAsync(count > 0 ? count : 4_000,
                    args.Length > 2 ? args[2].Split(',').Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : [1, 8]);
                return 0;
            case "durable-pg":
                await DurableBenchmark.RunPostgresAsync(args[1],
                    args.Length > 2 ? Int(args[2]) : 2_000,
                    args.Length > 3 ? args[3].Split(',').Select(Int).ToArray() : [1, 8, 16],
                    args.Length > 4 ? args[4].Split(',').Select(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : []);
                return 0;
            case "scale":
                await ScaleBenchmark.RunAsync(count > 0 ? count : 10_000);
                return 0;
            case "timers-burst":
                await TimerBenchmark.BurstAsync(count > 0 ? count : 100_000);
                return 0;
            case "timers-steady":
                await TimerBenchmark.SteadyAsync(count > 0 ? count : 10_000, args.Length > 2 ? Int(args[2]) : 3);
                return 0;
            case "inbox":
                await InboxBenchmark.RunAsync(count > 0 ? count : 1_000_000);
                return 0;
            case "seed-http":
                await HttpSeed.RunAsync(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
                return 0;
            case "parse-validate":
                return ParseValidateBenchmark.Run(args[1..]);
            default:
                Console.Error.WriteLine($"Unknown mode '{mode}'. Modes: engine [n], memory [n], parse-validate [elements], durable [tasks] [clients,...], durable-pg <connection string> [tasks] [clients,...], inbox [tasks], scale [instances], timers-burst [timers], timers-steady [per minute] [minutes].");
                return 2;
        }
    }

    private static int Int(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
