using Xunit.Abstractions;
using Xunit.Sdk;

namespace Kks.Workflow.Persistence.Tests.Infrastructure;

/// <summary>Marks a test class of the shared suite as running on PostgreSQL (skipped without KKS_TEST_POSTGRES).</summary>
public interface IPostgresSuite;

/// <summary>
/// A fact of the shared persistence suite. The suite's methods live in an abstract base class and run once per
/// provider subclass; on a PostgreSQL subclass they are skipped, with the reason, when KKS_TEST_POSTGRES is
/// unset, so `dotnet test` passes on a machine without PostgreSQL. The attribute alone cannot know the
/// subclass, hence the discoverer.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Kks.Workflow.Persistence.Tests.Infrastructure.DatabaseFactDiscoverer", "Kks.Workflow.Persistence.Tests")]
public sealed class DatabaseFactAttribute : FactAttribute;

public sealed class DatabaseFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public const string SkipReason = "KKS_TEST_POSTGRES is not set: run `eval \"$(.ci/start-postgres.sh)\"` first.";

    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        var testClass = testMethod.TestClass.Class.ToRuntimeType();
        if (typeof(IPostgresSuite).IsAssignableFrom(testClass) && PostgresTestDatabase.ConnectionString is null)
        {
            return [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, SkipReason)];
        }

        return base.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
