using System.Diagnostics;
using System.Globalization;
using Kks.Workflow.Engine;

namespace Kks.Workflow.Benchmarks;

/// <summary>
/// Parse and validate time of a valid model of a given size (the target: validating 200 elements in under 5 ms).
/// A plain Stopwatch loop: enough to see the order of magnitude; run "dotnet run -c Release -- parse-validate [elements]".
/// </summary>
public static class ParseValidateBenchmark
{
    public static (double ParseMicroseconds, double ValidateMicroseconds) Measure(int elements, int iterations)
    {
        var xml = SampleModels.Linear(elements);
        var definitions = BpmnParser.Parse(xml);
        if (BpmnValidator.Validate(definitions).Count != 0)
        {
            throw new InvalidOperationException("The sample model is expected to validate clean.");
        }

        // Warm-up so the measurement sees jitted code.
        for (var i = 0; i < iterations / 10; i++)
        {
            BpmnParser.Parse(xml);
            BpmnValidator.Validate(definitions);
        }

        var parse = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            BpmnParser.Parse(xml);
        }

        parse.Stop();
        var validate = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            BpmnValidator.Validate(definitions);
        }

        validate.Stop();
        return (parse.Elapsed.TotalMicroseconds / iterations, validate.Elapsed.TotalMicroseconds / iterations);
    }

    public static int Run(string[] args)
    {
        var elements = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var (parse, validate) = Measure(elements, iterations: 2000);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"elements\":{elements},\"parseMicroseconds\":{parse:F1},\"validateMicroseconds\":{validate:F1}}}"));
        return 0;
    }
}
