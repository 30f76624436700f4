using System.Text;
using Kks.Workflow.Engine.Model;
using Xunit.Abstractions;

namespace Kks.Workflow.Engine.Tests.Parsing;

/// <summary>
/// Real files from modelling tools (bpmn.io, Camunda's Eclipse plugin, the MIWG reference models): every one parses
/// and validates without an exception, and what each one gets is pinned in CorpusExpectations.txt, so a change in
/// the parser or validator that alters a real file's outcome shows up here. After an intended change, run the
/// tests once with KKS_UPDATE_CORPUS_EXPECTATIONS=1 to rewrite the file, and review its diff.
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    private static readonly string ExpectationsPath = Path.Combine(
        Corpus.RepositoryRoot() ?? ".", "tests", "Kks.Workflow.Engine.Tests", "Parsing", "CorpusExpectations.txt");

    [CorpusFact]
    public void SharedCorpus_EveryFileParsesAndGetsItsExpectedProblems()
    {
        var folder = Corpus.CorpusFolder!;
        var outcomes = Files(folder).Select(f => Outcome.Of(folder, f)).ToList();

        Assert.NotEmpty(outcomes);
        Report(outcomes);
        var actual = string.Join("\n", outcomes.Select(o => o.Line)) + "\n";
        if (Environment.GetEnvironmentVariable("KKS_UPDATE_CORPUS_EXPECTATIONS") == "1")
        {
            File.WriteAllText(ExpectationsPath, actual);
        }

        var expected = File.Exists(ExpectationsPath) ? File.ReadAllText(ExpectationsPath).ReplaceLineEndings("\n") : string.Empty;
        Assert.True(
            expected == actual,
            $"The corpus outcomes differ from {ExpectationsPath}. If the change is intended, replace its content with:\n{actual}");
    }

    [ExtraCorpusFact]
    public void ExtraCorpus_EveryFileParsesOrIsRefusedClearly()
    {
        var folder = Corpus.ExtraCorpusFolder!;
        var outcomes = Files(folder).Select(f => Outcome.Of(folder, f)).ToList();

        Report(outcomes);
    }

    [BenchModelFact]
    public void BenchModel_ParsesAndValidatesClean()
    {
        using var stream = File.OpenRead(Corpus.BenchModel!);
        var defs = BpmnParser.Parse(stream);

        Assert.Empty(BpmnValidator.Validate(defs));
        var process = defs.ExecutableProcesses.Single();
        Assert.Equal("kks_opd", process.Id);
        var task = (UserTask)process.GetNode("Task_Lengkapi");
        Assert.Equal(("${opdList}", "opd"), (task.MultiInstance!.Collection!.Text, task.MultiInstance.ElementVariable));
        var reminder = Assert.Single(task.BoundaryEvents);
        Assert.False(reminder.CancelActivity);
        Assert.Equal("R/P2D", ((TimerEventDefinition)reminder.Definition!).Text.Text);
        Assert.Equal(180, process.HistoryTimeToLiveDays);
    }

    private static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*.bpmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    private void Report(List<Outcome> outcomes)
    {
        output.WriteLine(
            $"{outcomes.Count} files: {outcomes.Count(o => o.Parsed)} parsed, {outcomes.Count(o => o.Refused)} refused as not BPMN, " +
            $"{outcomes.Count(o => o.Parsed && o.Errors == 0)} without errors, " +
            $"{outcomes.Count(o => o.Parsed && o.ErrorCodes.SetEquals([ProblemCodes.NoExecutableProcess]))} whose only error is no-executable-process, " +
            $"{outcomes.Count(o => o.Unsupported > 0)} with unsupported constructs.");
    }

    /// <summary>What one file got: refused, or its problem codes by severity and its unsupported constructs.</summary>
    private sealed record Outcome(string Line, bool Parsed, bool Refused, int Errors, HashSet<string> ErrorCodes, int Unsupported)
    {
        public static Outcome Of(string folder, string file)
        {
            var name = Path.GetRelativePath(folder, file).Replace('\\', '/');
            BpmnDefinitions defs;
            try
            {
                using var stream = File.OpenRead(file);
                defs = BpmnParser.Parse(stream);
            }
            catch (BpmnParseException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Text.Indonesian));
                return new Outcome($"{name} | refused", false, true, 0, [], 0);
            }

            var problems = BpmnValidator.Validate(defs);
            CheckInvariants(name, defs, problems);
            var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
            var line = new StringBuilder(name);
            Append(line, "E", errors);
            Append(line, "W", problems.Where(p => p.Severity == ProblemSeverity.Warning).Select(p => p.Code));
            Append(line, "U", defs.Unsupported.Select(u => u.Construct));
            if (problems.Count == 0)
            {
                line.Append(" | clean");
            }

            return new Outcome(line.ToString(), true, false, problems.Count(p => p.Severity == ProblemSeverity.Error), errors, defs.Unsupported.Count);
        }

        private static void Append(StringBuilder line, string label, IEnumerable<string> items)
        {
            var distinct = items.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (distinct.Count > 0)
            {
                line.Append(" | ").Append(label).Append(": ").AppendJoin(",", distinct);
            }
        }

        /// <summary>Whatever the file, every problem is a full bilingual sentence and every unsupported construct is reported.</summary>
        private static void CheckInvariants(string name, BpmnDefinitions defs, IReadOnlyList<ModelProblem> problems)
        {
            foreach (var p in problems)
            {
                Assert.True(p.Text.Indonesian.EndsWith('.') && p.Text.English.EndsWith('.'), $"{name}: {p}");
                Assert.Matches("^[a-z]+(-[a-z]+)*$", p.Code);
            }

            Assert.Equal(defs.Unsupported.Count, problems.Count(p => p.Code == ProblemCodes.UnsupportedElement));
            foreach (var process in defs.Processes)
            {
                Assert.All(process.AllNodes.Values, n => Assert.Same(n, n.Scope.Nodes[n.Index]));
                Assert.All(process.AllFlows.Values, f => Assert.Contains(f, f.Source.Outgoing));
            }
        }
    }
}
