using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Tests.Runtime;

public abstract class DeploymentTests : RuntimeSuite
{
    [DatabaseFact]
    public async Task DeploySameContentTwice_SecondIsNoOp()
    {
        var first = await Deployments.DeployAsync(Models.Review(), "review.bpmn", "admin");
        var second = await Deployments.DeployAsync(Models.Review(), "review.bpmn", "admin");
        Assert.Equal("review:1", Assert.Single(first.Definitions).Id);
        Assert.True(second.IsNoOp);
        Assert.Equal("review:1", Assert.Single(second.Definitions).Id);
        await using var context = Database.NewContext();
        Assert.Equal(1, await context.Deployments.CountAsync());
        var definition = await context.ProcessDefinitions.SingleAsync();
        Assert.Equal(64, definition.ContentHash.Length);
    }

    [DatabaseFact]
    public async Task DeployChangedContent_NewVersion_RunningInstanceStaysOnItsVersion()
    {
        await Deployments.DeployAsync(Models.Review("Satu"));
        var old = await Runtime.StartAsync("review");
        var second = await Deployments.DeployAsync(Models.Review("Dua"));
        Assert.Equal(("review:2", 2), (second.Definitions[0].Id, second.Definitions[0].Version));
        var fresh = await Runtime.StartAsync("review");
        await using var context = Database.NewContext();
        Assert.Equal("review:1", (await context.ProcessInstances.FindAsync(old.InstanceId))!.DefinitionId);
        Assert.Equal("review:2", (await context.ProcessInstances.FindAsync(fresh.InstanceId))!.DefinitionId);
    }

    [DatabaseFact]
    public async Task DeployInvalid_RefusedWithProblems_NothingStored()
    {
        var error = await Assert.ThrowsAsync<DeploymentRejectedException>(() => Deployments.DeployAsync(Models.Invalid()));
        Assert.NotEmpty(error.Problems);
        await using var context = Database.NewContext();
        Assert.Equal(0, await context.Deployments.CountAsync());
    }
}

public sealed class SqliteDeploymentTests : DeploymentTests
{
    protected override TestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class PostgresDeploymentTests : DeploymentTests, IPostgresSuite
{
    protected override TestDatabase CreateDatabase() => new PostgresTestDatabase();
}
