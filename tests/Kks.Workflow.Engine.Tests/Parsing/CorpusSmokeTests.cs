namespace Kks.Workflow.Engine.Tests.Parsing;

public sealed class CorpusSmokeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [CorpusFact]
    public void Dump()
    {
        foreach (var file in Directory.EnumerateFiles(Corpus.CorpusFolder!, "*.bpmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(file);
            var defs = BpmnParser.Parse(stream);
            var problems = BpmnValidator.Validate(defs);
            output.WriteLine($"== {Path.GetRelativePath(Corpus.CorpusFolder!, file)}  exec={defs.ExecutableProcesses.Count()} errors={problems.Count(p => p.Severity == ProblemSeverity.Error)}");
            foreach (var p in problems)
            {
                output.WriteLine($"   {p.Severity} {p.Code} {p.ElementId}: {p.Text.Indonesian}");
            }
        }
    }
}
