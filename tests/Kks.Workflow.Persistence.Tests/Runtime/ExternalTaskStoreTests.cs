using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Persistence.Tests.Infrastructure;

namespace Kks.Workflow.Persistence.Tests.Runtime;

/// <summary>The fetch-and-lock statement on both providers: topics, business key, maxTasks, no double lock, expiry, extend and unlock.</summary>
public abstract class ExternalTaskStoreTests : RuntimeSuite
{
    private static string Model(string key, string topic) => Models.Process(key, $"""
        <bpmn:startEvent id="s"/>
        <bpmn:serviceTask id="x" camunda:type="external" camunda:topic="{topic}"/>
        <bpmn:endEvent id="e"/>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="x"/>
        <bpmn:sequenceFlow id="f2" sourceRef="x" targetRef="e"/>
        """);

    [DatabaseFact]
    public async Task FetchAndLock_ByTopicAndBusinessKey_NeverTwice_ExpiredLockReclaimable()
    {
        await Deployments.DeployAsync(Model("kirim", "surat"));
        await Deployments.DeployAsync(Model("arsip", "arsip"));
        for (var i = 0; i < 3; i++)
        {
            await Runtime.StartAsync("kirim", businessKey: $"bk-{i}");
        }

        await Runtime.StartAsync("arsip");
        var store = new ExternalTaskStore(Database.ContextOptions, Clock);
        var minute = TimeSpan.FromMinutes(1);

        var byKey = await store.FetchAndLockAsync("w1", [new ExternalTaskTopic("surat", minute) { BusinessKey = "bk-1", ProcessDefinitionKey = "kirim" }], 10, true, default);
        Assert.Single(byKey);
        var two = await store.FetchAndLockAsync("w2", [new ExternalTaskTopic("surat", minute)], 2, false, default);
        Assert.Equal(2, two.Count);
        Assert.DoesNotContain(byKey[0], two);
        Assert.Empty(await store.FetchAndLockAsync("w3", [new ExternalTaskTopic("surat", minute)], 10, true, default));
        Assert.Single(await store.FetchAndLockAsync("w3", [new ExternalTaskTopic("surat", minute), new ExternalTaskTopic("arsip", minute)], 10, true, default));

        Assert.True(await store.ExtendLockAsync(byKey[0], "w1", TimeSpan.FromMinutes(5), default));
        Assert.False(await store.ExtendLockAsync(byKey[0], "w2", TimeSpan.FromMinutes(5), default));
        Clock.Advance(TimeSpan.FromMinutes(2));
        // w2's locks ran out; w1's was extended.
        var reclaimed = await store.FetchAndLockAsync("w4", [new ExternalTaskTopic("surat", minute)], 10, true, default);
        Assert.Equal(two.Order(StringComparer.Ordinal), reclaimed.Order(StringComparer.Ordinal));
        Assert.Equal(LockViolation.OtherWorker, ExternalTaskStore.Check(await store.FindAsync(two[0], default), "w2", Clock.GetUtcNow()));

        Assert.True(await store.UnlockAsync(byKey[0], default));
        Assert.Equal(LockViolation.NotLocked, ExternalTaskStore.Check(await store.FindAsync(byKey[0], default), "w1", Clock.GetUtcNow()));
        Assert.Equal([byKey[0]], await store.FetchAndLockAsync("w5", [new ExternalTaskTopic("surat", minute)], 10, true, default));
    }
}

public sealed class SqliteExternalTaskStoreTests : ExternalTaskStoreTests
{
    protected override TestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class PostgresExternalTaskStoreTests : ExternalTaskStoreTests, IPostgresSuite
{
    protected override TestDatabase CreateDatabase() => new PostgresTestDatabase();
}
