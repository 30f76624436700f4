using System.Diagnostics;
using Kks.Workflow.Engine;
using Kks.Workflow.Engine.Expressions;
using Xunit.Abstractions;

namespace Kks.Workflow.Web.Tests.Reliability;

/// <summary>
/// The BPMN parser/validator and the expression language under a seeded, bounded loop of hostile input: each case
/// is either accepted or refused with an <see cref="EngineException"/> (which the API turns into a 400); any other
/// exception, or a case that takes seconds, is a failure.
/// </summary>
public sealed class EngineFuzzTests(ITestOutputHelper output)
{
    private const int BpmnCases = 200;
    private const int ExpressionCases = 4000;
    private static readonly TimeSpan SlowCase = TimeSpan.FromSeconds(10); // generous: CI shares 2 cores

    [Fact]
    public void BpmnParserAndValidator_RefuseHostileFilesCleanly()
    {
        var random = new Random(20230206);
        var failures = new List<string>();
        var refused = 0;
        var byKind = new Dictionary<string, int>();
        var slowest = (Kind: "", Chars: 0, Time: TimeSpan.Zero);
        var total = Stopwatch.StartNew();
        for (var i = 0; i < BpmnCases; i++)
        {
            var (kind, xml) = HostileInput.Bpmn(random);
            byKind[kind] = byKind.GetValueOrDefault(kind) + 1;
            var watch = Stopwatch.StartNew();
            try
            {
                var definitions = BpmnParser.Parse(xml);
                _ = BpmnValidator.Validate(definitions);
            }
            catch (EngineException)
            {
                refused++;
            }
#pragma warning disable CA1031 // The point: any other exception is a finding, recorded with its case.
            catch (Exception error)
#pragma warning restore CA1031
            {
                failures.Add($"case {i} ({kind}, {xml.Length} chars): {error.GetType().Name}: {error.Message}");
            }

            if (watch.Elapsed > slowest.Time)
            {
                slowest = (kind, xml.Length, watch.Elapsed);
            }

            if (watch.Elapsed > SlowCase)
            {
                failures.Add($"case {i} ({kind}, {xml.Length} chars) took {watch.Elapsed.TotalSeconds:0.0} s");
            }
        }

        Counts.Print(output, $"BPMN fuzz: {BpmnCases} cases tried ({string.Join(", ", byKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))}), " +
            $"{refused} refused with a clear error, {BpmnCases - refused - failures.Count} accepted, {failures.Count} failures, {total.Elapsed.TotalSeconds:0.0} s " +
            $"(slowest: {slowest.Kind}, {slowest.Chars} chars, {slowest.Time.TotalSeconds:0.00} s)");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void ExpressionParserAndEvaluator_RefuseHostileTextCleanly()
    {
        var random = new Random(20230324);
        var variables = new DictionaryVariableResolver(new Dictionary<string, object?>
        {
            ["x"] = 1L,
            ["s"] = "teks",
            ["nothing"] = null,
            ["flag"] = true,
        });
        var environment = new ExpressionEnvironment(new DateTimeOffset(2023, 2, 6, 8, 0, 0, TimeSpan.FromHours(7)), TimeZoneInfo.Utc, WeekendCalendar.Instance);
        var failures = new List<string>();
        int parseRefused = 0, evaluationRefused = 0, evaluated = 0;
        var total = Stopwatch.StartNew();
        for (var i = 0; i < ExpressionCases; i++)
        {
            var text = HostileInput.Expression(random);
            var watch = Stopwatch.StartNew();
            try
            {
                if (!Expression.TryParse(text, out var expression, out _))
                {
                    parseRefused++;
                    continue;
                }

                try
                {
                    _ = expression.Evaluate(variables, environment);
                    evaluated++;
                }
                catch (EngineException)
                {
                    evaluationRefused++;
                }
            }
#pragma warning disable CA1031 // Any other exception is a finding.
            catch (Exception error)
#pragma warning restore CA1031
            {
                failures.Add($"case {i} ({Shorten(text)}): {error.GetType().Name}: {error.Message}");
            }

            if (watch.Elapsed > SlowCase)
            {
                failures.Add($"case {i} ({Shorten(text)}) took {watch.Elapsed.TotalSeconds:0.0} s");
            }
        }

        Counts.Print(output, $"Expression fuzz: {ExpressionCases} cases tried, {parseRefused} refused by the parser, {evaluationRefused} refused at evaluation, " +
            $"{evaluated} evaluated, {failures.Count} failures, {total.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + $"... ({text.Length} chars)";
}
