using System.Text.RegularExpressions;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Tests.Api.Tasks;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Pages;

/// <summary>
/// The inbox's tab counts are kept until the database changes (TaskCountCache): a new task, a claim or a completion
/// shows at the next reload, and a task that falls due counts as late once the clock has passed it (at most the cache's
/// lifetime later).
/// </summary>
[Collection(WebTests.Name)]
public sealed class InboxCountCacheTests(WebFixture app)
{
    [Fact]
    public async Task KeptCounts_FollowEveryChange_AndTheClock()
    {
        var kit = new TaskKit(app);
        await kit.DeployAsync();
        var opd = "CC" + kit.Suffix[..6].ToUpperInvariant();
        var now = app.Clock.GetUtcNow();
        await kit.StartAsync(opd, due: now.AddDays(10));
        using var session = await PageSession.SignInAsync(app, "hitung-" + kit.Suffix, "opd", opd);
        var html = await session.HtmlAsync("/kotak-masuk?kelompok=opd");
        Assert.Equal("1", Count(html, "opd"));
        Assert.Equal("1", Count(await session.HtmlAsync("/kotak-masuk?kelompok=opd"), "opd"));

        // A new task offered to the OPD, then one completed by someone: each shows at the next reload.
        var soon = await kit.StartAsync(opd, due: now.AddMinutes(5));
        html = await session.HtmlAsync("/kotak-masuk?kelompok=opd");
        Assert.Equal("2", Count(html, "opd"));
        Assert.Equal("0", Count(html, "terlambat"));
        await app.Services.GetRequiredService<WorkflowRuntime>().CompleteTaskAsync(await kit.TaskOfAsync(soon), userId: "admin");
        Assert.Equal("2", Count(await session.HtmlAsync("/kotak-masuk?kelompok=opd"), "opd")); // its second task, Periksa bukti

        // A task due in two minutes is not late; with nothing else changed, the clock passes its due time.
        await kit.StartAsync(opd, due: now.AddMinutes(2));
        html = await session.HtmlAsync("/kotak-masuk?kelompok=opd");
        Assert.Equal("3", Count(html, "opd"));
        Assert.Equal("0", Count(html, "terlambat"));
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal("1", Count(await session.HtmlAsync("/kotak-masuk?kelompok=opd"), "terlambat"));
    }

    [Fact]
    public async Task NearTheEndOfItsLife_OneRequestRecomputes_WhileTheOthersGetTheKeptValue()
    {
        var cache = app.Services.GetRequiredService<Kks.Workflow.Web.Pages.KotakMasuk.TaskCountCache>();
        var key = "refresh-test|" + Guid.NewGuid().ToString("N");
        const long version = 7; // given, so no commit elsewhere can change what is compared
        Assert.Equal(1, await cache.GetAsync(key, () => Task.FromResult(1), version));
        app.Clock.Advance(Kks.Workflow.Web.Pages.KotakMasuk.TaskCountCache.RefreshAfter + TimeSpan.FromSeconds(1));

        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var refreshing = cache.GetAsync(key, () => release.Task, version);
        Assert.False(refreshing.IsCompleted);
        Assert.Equal(1, await cache.GetAsync<int>(key, () => throw new InvalidOperationException("a second recount"), version));
        release.SetResult(2);
        Assert.Equal(2, await refreshing);
        Assert.Equal(2, await cache.GetAsync<int>(key, () => throw new InvalidOperationException("recounted again"), version));

        // Past the lifetime nothing old is handed out: the next reader recomputes and the others wait for it.
        app.Clock.Advance(Kks.Workflow.Web.Pages.KotakMasuk.TaskCountCache.Lifetime);
        Assert.Equal(3, await cache.GetAsync(key, () => Task.FromResult(3), version));
    }

    private static string Count(string html, string group) =>
        Regex.Match(html, $"data-testid=\"group-{group}\">[^<]*<span class=\"count\">(\\d+)</span>").Groups[1].Value;
}
