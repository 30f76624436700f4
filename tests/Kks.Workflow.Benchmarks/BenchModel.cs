namespace Kks.Workflow.Benchmarks;

/// <summary>Finds the peer benchmark's model (../shared/bench/kks-opd.bpmn beside the repository).</summary>
internal static class BenchModel
{
    public static readonly string[] OpdCodes =
    [
        "DINKES", "DISDIK", "DPUPR", "BAPPEDA", "DLH", "DISHUB", "DINSOS", "DPMPTSP", "DISPERKIM",
        "DKP", "DISPORA", "DISKOMINFO", "SATPOLPP", "BPBD", "DP3A", "DISNAKER", "DISPARBUD", "DPMD",
    ];

    public static string Path()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Kks.Workflow.sln")))
            {
                var file = System.IO.Path.Combine(dir.FullName, "..", "shared", "bench", "kks-opd.bpmn");
                return File.Exists(file)
                    ? System.IO.Path.GetFullPath(file)
                    : throw new FileNotFoundException("The peer model ../shared/bench/kks-opd.bpmn is not beside the repository.", file);
            }
        }

        throw new DirectoryNotFoundException("Run from inside the repository (Kks.Workflow.sln not found above the binary).");
    }
}
