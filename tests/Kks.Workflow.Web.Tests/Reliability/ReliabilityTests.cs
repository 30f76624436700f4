using Kks.Workflow.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Kks.Workflow.Web.Tests.Reliability;

/// <summary>
/// The reliability tests' own app (a second <see cref="WebFixture"/>): the fuzzer writes hostile data through every
/// endpoint as admin (OPDs, leaders, holidays, drafts...), which must not leak into the shared web collection.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityTests : ICollectionFixture<WebFixture>
{
    public const string Name = "reliability";
}

/// <summary>Counts go to the test output and to the console, so CI's log shows them for a passing test too.</summary>
internal static class Counts
{
    public static void Print(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        Console.WriteLine("[reliability] " + line);
    }
}
