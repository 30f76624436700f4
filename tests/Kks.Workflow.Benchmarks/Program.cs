namespace Kks.Workflow.Benchmarks;

public static class Program
{
    public static int Main(string[] args) => args switch
    {
        ["parse-validate", .. var rest] => ParseValidateBenchmark.Run(rest),
        _ => 0,
    };
}
