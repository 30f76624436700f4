namespace Kks.Workflow.Web.Tests.Designer;

/// <summary>The repository's workflows/ folder and the shared BPMN corpus (../shared/corpus beside the repository).</summary>
internal static class RepositoryFiles
{
    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Kks.Workflow.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Kks.Workflow.sln not found above " + AppContext.BaseDirectory);
    }

    public static IReadOnlyList<string> WorkflowFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "workflows"), "*.bpmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

    /// <summary>The models Camunda Modeler / bpmn.io saved (the MIWG suite as exported by bpmn.io 18.6.1), or null without the corpus.</summary>
    public static string? ModelerCorpus()
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "corpus", "miwg", "bpmn.io-18.6.1"));
        return Directory.Exists(path) ? path : null;
    }
}
