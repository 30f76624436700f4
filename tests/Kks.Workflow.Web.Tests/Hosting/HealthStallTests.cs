using System.Net;
using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence.Hosting;
using Kks.Workflow.Web.Hosting;
using Kks.Workflow.Web.Tests.Infrastructure;

namespace Kks.Workflow.Web.Tests.Hosting;

/// <summary>
/// /healthz and stalled dispatchers: each dispatcher says whether it is stalled, a quiet spell that only a clock move
/// made is not a stall (the probe answers), and the text for a real one reads in Bahasa Indonesia first, in WIB. A
/// real stall (a wedged scheduler, a handler that never returns) is shown in the persistence tests'
/// DispatcherWatchTests, on a host of its own: the shared app here must stay healthy.
/// </summary>
[Collection(WebTests.Name)]
public sealed class HealthStallTests(WebFixture app)
{
    [Fact]
    public async Task Healthz_ClockMovedFarAhead_DispatchersAnswerTheProbe_OkAndNotStalled()
    {
        // Five minutes later by the app's clock (past every threshold) and nothing ran meanwhile: Quartz skips its
        // polls as misfired, so every dispatcher looks stalled until probed.
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        using var client = app.CreateClient();
        var response = await client.GetAsync("/healthz");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        var dispatchers = json.RootElement.GetProperty("dispatchers");
        foreach (var name in new[] { "timers", "jobs", "outbox" })
        {
            var dispatcher = dispatchers.GetProperty(name);
            Assert.False(dispatcher.GetProperty("stalled").GetBoolean(), body);
            Assert.True(dispatcher.GetProperty("stalledAfterSeconds").GetDouble() >= 30, body);
            Assert.Equal(JsonValueKind.String, dispatcher.GetProperty("lastActivity").ValueKind);
        }
    }

    [Fact]
    public void StallText_IndonesianFirstInWib_EnglishSecond()
    {
        var quietSince = new DateTimeOffset(2023, 3, 24, 9, 0, 0, TimeSpan.Zero); // 16.00 WIB
        var text = HealthEndpoint.StallText(new DispatcherStall(DispatcherKind.Timers, quietSince, TimeSpan.FromSeconds(30), Running: false), Zones.Jakarta);
        Assert.StartsWith("Dispatcher pengatur waktu (timer) tidak berjalan lagi: tidak ada kegiatan sejak Jumat, 24 Maret 2023 pukul 16.00 WIB (lebih dari 30 detik).", text, StringComparison.Ordinal);
        Assert.Contains("/ timers dispatcher stalled (no longer runs): no activity since Friday, 24 March 2023 at 16:00 WIB (over 30 s).", text, StringComparison.Ordinal);

        var stuck = HealthEndpoint.StallText(new DispatcherStall(DispatcherKind.Jobs, quietSince, TimeSpan.FromSeconds(30), Running: true), Zones.Jakarta);
        Assert.StartsWith("Dispatcher tugas layanan (job) macet di tengah satu putaran", stuck, StringComparison.Ordinal);
    }
}
