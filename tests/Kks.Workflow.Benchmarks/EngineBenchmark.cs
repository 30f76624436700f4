using System.Diagnostics;
using System.Globalization;
using Kks.Workflow.Engine;

namespace Kks.Workflow.Benchmarks;

/// <summary>
/// The peer benchmark's workload on our engine in memory, one process: start kks_opd with 18 OPDs, complete
/// the rakor, the 18 multi-instance OPD tasks (each with a variable) and the review (approved), to the end.
/// The npm bpmn-engine does about 67 instances/s (1,350 user tasks/s) on this model on these machines: that
/// figure is quoted from ../shared/bench/README.md, not measured here (running both in one script is issue 9).
/// </summary>
internal static class EngineBenchmark
{
    private const int TasksPerInstance = 20;

    public static void Run(int instances)
    {
        var runtime = NewRuntime();
        RunInstances(runtime, Math.Min(500, instances)); // warm-up: JIT and caches
        runtime = NewRuntime();
        var stopwatch = Stopwatch.StartNew();
        RunInstances(runtime, instances);
        stopwatch.Stop();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"mode\":\"engine\",\"instances\":{instances},\"seconds\":{seconds:F3},\"instancesPerSecond\":{instances / seconds:F0},\"userTasksPerSecond\":{instances * TasksPerInstance / seconds:F0},\"peerQuotedInstancesPerSecond\":67,\"ratioToQuotedPeer\":{instances / seconds / 67:F1}}}"));
    }

    /// <summary>Memory of instances waiting at their 18 OPD tasks (the widest wait state), per instance.</summary>
    public static void Memory(int instances)
    {
        var runtime = NewRuntime();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < instances; i++)
        {
            var id = runtime.Start("kks_opd", Variables());
            runtime.CompleteTask(runtime.Tasks(id)[0].Id);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var waitingTasks = runtime.Tasks().Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"mode\":\"memory\",\"instances\":{instances},\"waitingTasks\":{waitingTasks},\"bytesPerInstance\":{(after - before) / instances}}}"));
        GC.KeepAlive(runtime);
    }

    /// <summary>
    /// Serialising one instance state waiting at its 18 OPD tasks (what the durable runtime writes per command), by
    /// hand (InstanceStateJson.Serialize) and through the reflection serializer, alternately, CPU per call.
    /// </summary>
    public static void StateJson(int calls)
    {
        var runtime = NewRuntime();
        var id = runtime.Start("kks_opd", Variables());
        runtime.CompleteTask(runtime.Tasks(id)[0].Id);
        var state = runtime.Instance(id);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(InstanceStateJson.Serialize(state));
        var (hand, serializer) = (0.0, 0.0);
        for (var round = 0; round < 6; round++)
        {
            hand += Cpu(() => InstanceStateJson.Serialize(state), calls) * (round > 0 ? 1 : 0);
            serializer += Cpu(() => InstanceStateJson.SerializeWithSerializer(state), calls) * (round > 0 ? 1 : 0);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"mode\":\"state-json\",\"bytes\":{bytes},\"handWrittenMicroseconds\":{hand / 5:F1},\"serializerMicroseconds\":{serializer / 5:F1}}}"));
    }

    private static double Cpu(Func<string> serialize, int calls)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < calls; i++)
        {
            serialize();
        }

        return (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds * 1000 / calls;
    }

    private static InMemoryRuntime NewRuntime()
    {
        var runtime = new InMemoryRuntime(TimeProvider.System) { KeepHistory = false };
        runtime.Deploy(File.ReadAllText(BenchModel.Path()));
        return runtime;
    }

    private static Dictionary<string, object?> Variables() =>
        new() { ["opdList"] = BenchModel.OpdCodes.Cast<object?>().ToList() };

    private static void RunInstances(InMemoryRuntime runtime, int instances)
    {
        var approved = new Dictionary<string, object?> { ["approved"] = true };
        for (var i = 0; i < instances; i++)
        {
            var id = runtime.Start("kks_opd", Variables());
            var rakor = runtime.Tasks(id);
            runtime.CompleteTask(rakor[0].Id);
            foreach (var task in runtime.Tasks(id))
            {
                runtime.CompleteTask(task.Id, new Dictionary<string, object?> { ["dokumen"] = task.Id + ".pdf" });
            }

            var review = runtime.Tasks(id);
            if (review.Count != 1 || review[0].NodeId != "Task_Review")
            {
                throw new InvalidOperationException($"Instance {id} should wait at the review, waits at {string.Join(",", review.Select(t => t.NodeId))}.");
            }

            runtime.CompleteTask(review[0].Id, approved);
            if (!runtime.Instance(id).IsEnded)
            {
                throw new InvalidOperationException($"Instance {id} did not end.");
            }
        }
    }
}
