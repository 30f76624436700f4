namespace Kks.Workflow.Engine.Tests.Parsing;

/// <summary>Locates the shared BPMN corpus: ../shared/corpus beside the repository (the folder holding Kks.Workflow.sln).</summary>
internal static class Corpus
{
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kks.Workflow.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    public static string? SharedFolder(string name) =>
        RepositoryRoot() is { } root && Path.GetFullPath(Path.Combine(root, "..", "shared", name)) is var path && Directory.Exists(path)
            ? path
            : null;

    public static string? CorpusFolder => SharedFolder("corpus");

    public static string? BenchModel =>
        SharedFolder("bench") is { } bench && File.Exists(Path.Combine(bench, "kks-opd.bpmn")) ? Path.Combine(bench, "kks-opd.bpmn") : null;

    public static string? ExtraCorpusFolder =>
        Environment.GetEnvironmentVariable("KKS_BPMN_CORPUS") is { Length: > 0 } path && Directory.Exists(path) ? path : null;
}

/// <summary>A fact that is skipped, with the reason, when the shared corpus folder is not there (e.g. on a fresh clone).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (Corpus.CorpusFolder is null)
        {
            Skip = "The shared BPMN corpus (../shared/corpus beside the repository) is not present.";
        }
    }
}

/// <summary>Skipped unless KKS_BPMN_CORPUS names a folder of .bpmn files.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ExtraCorpusFactAttribute : FactAttribute
{
    public ExtraCorpusFactAttribute()
    {
        if (Corpus.ExtraCorpusFolder is null)
        {
            Skip = "KKS_BPMN_CORPUS is not set to an existing folder.";
        }
    }
}

/// <summary>Skipped when the shared benchmark model (../shared/bench/kks-opd.bpmn) is not present.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class BenchModelFactAttribute : FactAttribute
{
    public BenchModelFactAttribute()
    {
        if (Corpus.BenchModel is null)
        {
            Skip = "The shared benchmark model (../shared/bench/kks-opd.bpmn) is not present.";
        }
    }
}
