using System.Text.RegularExpressions;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Tests.Api.Tasks;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kks.Workflow.Web.Tests.Pages;

/// <summary>Kotak Masuk: groups and counts, due dates in words, the late marker, search, OPD filter, sort, keyset pages, and who sees what.</summary>
[Collection(WebTests.Name)]
public sealed partial class InboxPageTests(WebFixture app)
{
    [Fact]
    public async Task OpdUser_GroupsCountsAndLateMarker()
    {
        var (kit, opd) = await DeployAsync();
        var now = app.Clock.GetUtcNow();
        var late = await kit.StartAsync(opd, due: now.AddDays(-2), businessKey: "bk-late-" + kit.Suffix);
        // Later today in WIB whatever hour the shared clock has reached (other tests move it: at 21.06 WIB, +3 h was
        // tomorrow and the row read "jatuh tempo besok").
        var wib = now.ToOffset(TimeSpan.FromHours(7));
        var untilMidnight = new DateTimeOffset(wib.Date.AddDays(1), wib.Offset) - wib;
        await kit.StartAsync(opd, due: now + (untilMidnight > TimeSpan.FromHours(6) ? TimeSpan.FromHours(3) : untilMidnight / 2), businessKey: "bk-today-" + kit.Suffix);
        await kit.StartAsync(opd, due: now.AddDays(30), businessKey: "bk-later-" + kit.Suffix);
        var mine = await kit.StartAsync(opd, due: now.AddDays(3), businessKey: "bk-mine-" + kit.Suffix);
        await kit.StartAsync("LAIN" + kit.Suffix[..3], due: now.AddDays(-5), businessKey: "bk-other-" + kit.Suffix);
        var user = "inbox-" + kit.Suffix;
        using var session = await PageSession.SignInAsync(app, user, "opd", opd);
        await app.Services.GetRequiredService<WorkflowRuntime>().ClaimTaskAsync(await kit.TaskOfAsync(mine), user);

        var html = await session.HtmlAsync("/kotak-masuk?kelompok=opd");
        Assert.Equal("1", Count(html, "saya"));
        Assert.Equal("3", Count(html, "opd"));
        Assert.Equal("1", Count(html, "terlambat"));
        Assert.Equal("4", Count(html, "semua"));
        Assert.Equal("0", Count(html, "selesai"));
        Assert.Contains("Terlambat: 1", html, StringComparison.Ordinal);
        Assert.Equal(3, Rows(html));
        Assert.Single(LateMarker().Matches(html));
        Assert.Contains("terlambat 2 hari", html, StringComparison.Ordinal);
        // The row and the clock in the message if it fails.
        var todayRow = html[html.LastIndexOf("<li", html.IndexOf("bk-today-" + kit.Suffix, StringComparison.Ordinal), StringComparison.Ordinal)..];
        todayRow = todayRow[..(todayRow.IndexOf("</li>", StringComparison.Ordinal) + 5)];
        Assert.True(todayRow.Contains("jatuh tempo hari ini pukul", StringComparison.Ordinal), $"now {now:o}, page at {app.Clock.GetUtcNow():o}: {todayRow}");
        Assert.Contains("bk-late-" + kit.Suffix, html, StringComparison.Ordinal);
        Assert.DoesNotContain("bk-other-", html, StringComparison.Ordinal);
        // Earliest due first: the late task leads.
        Assert.True(html.IndexOf("bk-late-", StringComparison.Ordinal) < html.IndexOf("bk-today-", StringComparison.Ordinal));
        Assert.Contains($"/tugas/{await kit.TaskOfAsync(late)}", html, StringComparison.Ordinal);

        html = await session.HtmlAsync("/kotak-masuk?kelompok=saya");
        Assert.Equal(1, Rows(html));
        Assert.Contains("bk-mine-" + kit.Suffix, html, StringComparison.Ordinal);
        Assert.Contains("jatuh tempo 3 hari lagi", html, StringComparison.Ordinal);

        html = await session.HtmlAsync("/kotak-masuk?kelompok=terlambat");
        Assert.Equal(1, Rows(html));

        // A focal point's OPD filter is ignored: they never see another OPD's tasks by asking.
        html = await session.HtmlAsync($"/kotak-masuk?kelompok=semua&opd=LAIN{kit.Suffix[..3]}");
        Assert.DoesNotContain("bk-other-", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_ByBusinessKeyAndName()
    {
        var (kit, opd) = await DeployAsync();
        var now = app.Clock.GetUtcNow();
        await kit.StartAsync(opd, due: now.AddDays(5), businessKey: "T2.3-" + kit.Suffix);
        await kit.StartAsync(opd, due: now.AddDays(5), businessKey: "T4.1-" + kit.Suffix);
        using var session = await PageSession.SignInAsync(app, "cari-" + kit.Suffix, "opd", opd);
        var html = await session.HtmlAsync("/kotak-masuk?kelompok=semua&cari=t2.3");
        Assert.Equal(1, Rows(html));
        Assert.Contains("T2.3-" + kit.Suffix, html, StringComparison.Ordinal);
        html = await session.HtmlAsync("/kotak-masuk?kelompok=semua&cari=ISI%20BUKTI");
        Assert.Equal(2, Rows(html));
        html = await session.HtmlAsync("/kotak-masuk?kelompok=semua&cari=tidak-ada-yang-cocok");
        Assert.Contains("data-testid=\"inbox-empty\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysetPages_WalkEveryTaskOnce_InEachSort()
    {
        var (kit, opd) = await DeployAsync();
        var now = app.Clock.GetUtcNow();
        for (var i = 0; i < 30; i++)
        {
            // Some share a due date, some have none: ties and the undated tail must still page exactly once.
            await kit.StartAsync(opd, priority: i % 4 * 10, due: i % 7 == 0 ? now.AddDays(50) : now.AddDays(i % 5), businessKey: $"pg-{i:00}-{kit.Suffix}");
        }

        using var session = await PageSession.SignInAsync(app, "halaman-" + kit.Suffix, "opd", opd);
        foreach (var sort in new[] { "tenggat", "prioritas", "dibuat" })
        {
            var seen = new List<string>();
            var url = $"/kotak-masuk?kelompok=opd&urut={sort}";
            var pages = 0;
            while (url is not null)
            {
                var html = await session.HtmlAsync(url);
                seen.AddRange(BusinessKeys().Matches(html).Select(m => m.Value));
                url = NextLink().Match(html) is { Success: true } next ? System.Net.WebUtility.HtmlDecode(next.Groups[1].Value) : null;
                pages++;
            }

            Assert.Equal(2, pages);
            Assert.Equal(30, seen.Count);
            Assert.Equal(30, seen.Distinct().Count());
        }
    }

    [Fact]
    public async Task Secretariat_SeesAllOpds_FiltersByOpd_AndDoneGroup()
    {
        var (kit, opd) = await DeployAsync();
        var other = "SEK" + kit.Suffix[..4].ToUpperInvariant();
        var now = app.Clock.GetUtcNow();
        await kit.StartAsync(opd, due: now.AddDays(1), businessKey: "sek-a-" + kit.Suffix);
        var done = await kit.StartAsync(other, due: now.AddDays(1), businessKey: "sek-b-" + kit.Suffix);
        var runtime = app.Services.GetRequiredService<WorkflowRuntime>();
        await runtime.CompleteTaskAsync(await kit.TaskOfAsync(done), userId: "petugas-" + kit.Suffix);

        using var session = await PageSession.SignInAsync(app, "sekretariat-" + kit.Suffix, "sekretariat");
        var html = await session.HtmlAsync($"/kotak-masuk?kelompok=semua&cari={kit.Suffix}");
        Assert.Contains("sek-a-" + kit.Suffix, html, StringComparison.Ordinal);
        Assert.Contains("sek-b-" + kit.Suffix, html, StringComparison.Ordinal); // its second task, Periksa bukti
        html = await session.HtmlAsync($"/kotak-masuk?kelompok=semua&opd={opd}&cari={kit.Suffix}");
        Assert.Equal(1, Rows(html));
        html = await session.HtmlAsync($"/kotak-masuk?kelompok=selesai&cari={kit.Suffix}");
        Assert.Equal(1, Rows(html));
        Assert.Contains("diselesaikan oleh petugas-" + kit.Suffix, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verifier_SeesNoTasks()
    {
        var (kit, opd) = await DeployAsync();
        await kit.StartAsync(opd, due: app.Clock.GetUtcNow().AddDays(1), businessKey: "ver-" + kit.Suffix);
        using var session = await PageSession.SignInAsync(app, "verifikator-" + kit.Suffix, "verifikator");
        var html = await session.HtmlAsync("/kotak-masuk?kelompok=semua");
        Assert.DoesNotContain("ver-" + kit.Suffix, html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"inbox-empty\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_DueWords()
    {
        var (kit, opd) = await DeployAsync();
        await kit.StartAsync(opd, due: app.Clock.GetUtcNow().AddDays(-3), businessKey: "en-" + kit.Suffix);
        using var session = await PageSession.SignInAsync(app, "english-" + kit.Suffix, "opd", opd);
        (await session.PostFormAsync("/kotak-masuk", "/bahasa", new() { ["bahasa"] = "en", ["kembali"] = "/kotak-masuk" })).Dispose();
        var html = await session.HtmlAsync("/kotak-masuk?kelompok=semua");
        Assert.Contains("3 days overdue", html, StringComparison.Ordinal);
        Assert.Contains("OVERDUE", html, StringComparison.Ordinal);
    }

    private async Task<(TaskKit Kit, string Opd)> DeployAsync()
    {
        var kit = new TaskKit(app);
        await kit.DeployAsync();
        return (kit, "IN" + kit.Suffix[..6].ToUpperInvariant());
    }

    private static string Count(string html, string group) =>
        Regex.Match(html, $"data-testid=\"group-{group}\">[^<]*<span class=\"count\">(\\d+)</span>").Groups[1].Value;

    private static int Rows(string html) => Regex.Count(html, "data-testid=\"task-row\"");

    [GeneratedRegex("data-testid=\"late-marker\"")]
    private static partial Regex LateMarker();

    [GeneratedRegex(@"pg-\d\d-[0-9a-f]+")]
    private static partial Regex BusinessKeys();

    [GeneratedRegex("href=\"([^\"]+)\" rel=\"next\"")]
    private static partial Regex NextLink();
}
