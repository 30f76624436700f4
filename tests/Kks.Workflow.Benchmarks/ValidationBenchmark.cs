using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kks.Workflow.Engine;

namespace Kks.Workflow.Benchmarks;

/// <summary>Parse and validate a valid model of about 200 elements (a long chain of tasks and gateways); goal under 5 ms.</summary>
internal static class ValidationBenchmark
{
    public static void Run()
    {
        var xml = Model(tasks: 100);
        var definitions = BpmnParser.Parse(xml);
        var elements = definitions.Processes[0].AllNodes.Count + definitions.Processes[0].AllFlows.Count;
        var problems = BpmnValidator.Validate(definitions);
        if (problems.Any(p => p.Severity == ProblemSeverity.Error))
        {
            throw new InvalidOperationException("Benchmark model is invalid: " + problems[0].Text.English);
        }

        for (var i = 0; i < 200; i++)
        {
            BpmnValidator.Validate(BpmnParser.Parse(xml));
        }

        const int Rounds = 1000;
        var validate = Stopwatch.StartNew();
        for (var i = 0; i < Rounds; i++)
        {
            BpmnValidator.Validate(definitions);
        }

        validate.Stop();
        var parse = Stopwatch.StartNew();
        for (var i = 0; i < Rounds; i++)
        {
            BpmnParser.Parse(xml);
        }

        parse.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"mode\":\"validate\",\"elements\":{elements},\"validateMs\":{validate.Elapsed.TotalMilliseconds / Rounds:F3},\"parseMs\":{parse.Elapsed.TotalMilliseconds / Rounds:F3}}}"));
    }

    private static string Model(int tasks)
    {
        var body = new StringBuilder("<bpmn:startEvent id=\"s\" />");
        var previous = "s";
        for (var i = 0; i < tasks; i++)
        {
            body.Append(CultureInfo.InvariantCulture, $"<bpmn:userTask id=\"t{i}\" name=\"Tugas {i}\" camunda:candidateGroups=\"DINKES\" camunda:dueDate=\"${{addWorkingDays(now(), 5)}}\" />");
            body.Append(CultureInfo.InvariantCulture, $"<bpmn:sequenceFlow id=\"f{i}\" sourceRef=\"{previous}\" targetRef=\"t{i}\" />");
            previous = $"t{i}";
        }

        body.Append(CultureInfo.InvariantCulture, $"<bpmn:endEvent id=\"e\" /><bpmn:sequenceFlow id=\"fe\" sourceRef=\"{previous}\" targetRef=\"e\" />");
        return $"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="x">
              <bpmn:process id="big" isExecutable="true">{body}</bpmn:process>
            </bpmn:definitions>
            """;
    }
}
