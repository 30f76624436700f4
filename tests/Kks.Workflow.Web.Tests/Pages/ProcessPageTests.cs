using System.Net;
using Kks.Workflow.Web.Tests.Api.Tasks;
using Kks.Workflow.Web.Tests.Infrastructure;

namespace Kks.Workflow.Web.Tests.Pages;

/// <summary>Proses: the list of running and finished instances and one instance's page, for the secretariat and leaders only.</summary>
[Collection(WebTests.Name)]
public sealed class ProcessPageTests(WebFixture app)
{
    [Fact]
    public async Task Secretariat_ListsRunningAndFinished_AndOpensOne()
    {
        var kit = new TaskKit(app);
        await kit.DeployAsync();
        var running = await kit.StartAsync("PR" + kit.Suffix[..4], businessKey: "proses-jalan-" + kit.Suffix, more: new() { ["indikatorKode"] = "T1.1" });
        using var session = await PageSession.SignInAsync(app, "sek-proses-" + kit.Suffix, "sekretariat");
        var html = await session.HtmlAsync($"/proses?proses={kit.Key}");
        Assert.Contains("proses-jalan-" + kit.Suffix, html, StringComparison.Ordinal);
        html = await session.HtmlAsync($"/proses?status=selesai&proses={kit.Key}");
        Assert.Contains("data-testid=\"process-empty\"", html, StringComparison.Ordinal);

        html = await session.HtmlAsync($"/proses/{running}");
        Assert.Contains("data-testid=\"diagram\"", html, StringComparison.Ordinal);
        Assert.Contains("\"active\":[\"isi\"]", html, StringComparison.Ordinal);
        Assert.Contains("<td>indikatorKode</td>", html, StringComparison.Ordinal);
        Assert.Contains("Tugas &quot;Isi bukti&quot; dibuat.", html, StringComparison.Ordinal);
        Assert.Contains("/dist/viewer.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leader_Reads_FocalPointIsRefused()
    {
        var kit = new TaskKit(app);
        await kit.DeployAsync();
        var opd = "PQ" + kit.Suffix[..4];
        var instance = await kit.StartAsync(opd, businessKey: "proses-pimpinan-" + kit.Suffix);
        using var leader = await PageSession.SignInAsync(app, "pimpinan-proses-" + kit.Suffix, "pimpinan");
        Assert.Contains("proses-pimpinan-" + kit.Suffix, await leader.HtmlAsync($"/proses?proses={kit.Key}"), StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Retry", await leader.HtmlAsync($"/proses/{instance}"), StringComparison.Ordinal);

        using var focal = await PageSession.SignInAsync(app, "opd-proses-" + kit.Suffix, "opd", opd);
        using (var list = await focal.GetAsync("/proses"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        }

        using var detail = await focal.GetAsync($"/proses/{instance}");
        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
    }
}
