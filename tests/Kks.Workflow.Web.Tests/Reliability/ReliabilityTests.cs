using Kks.Workflow.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Kks.Workflow.Web.Tests.Reliability;

/// <summary>
/// The reliability tests' own app (a second <see cref="WebFixture"/>): the fuzzer writes hostile data through every
/// endpoint as admin (OPDs, leaders, holidays, drafts...), which must not leak into the shared web collection.
/// </summary>
// Alone, after the parallel collections: 50 MB bodies and 50 racing clients would otherwise starve the browser
// tests running beside them into their timeouts.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityTests : ICollectionFixture<WebFixture>
{
    public const string Name = "reliability";
}

/// <summary>
/// Counts go to the test output and to the console (both shown by dotnet test only with a detailed console logger),
/// and, when KKS_RELIABILITY_COUNTS names a file, are appended to it: .ci/run prints that file after the test run, so
/// CI's log shows the counts of passing tests too.
/// </summary>
internal static class Counts
{
    private static readonly Lock FileLock = new();

    public static void Print(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        Console.WriteLine("[reliability] " + line);
        if (Environment.GetEnvironmentVariable("KKS_RELIABILITY_COUNTS") is { Length: > 0 } file)
        {
            lock (FileLock)
            {
                File.AppendAllText(file, line + Environment.NewLine);
            }
        }
    }
}
