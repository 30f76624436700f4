using System.Net;
using Kks.Workflow.Web.Tests.Infrastructure;

namespace Kks.Workflow.Web.Tests.Designer;

/// <summary>The Desainer pages open for admin and secretariat only.</summary>
[Collection(WebTests.Name)]
public sealed class DesignerPageAccessTests(WebFixture app)
{
    [Theory]
    [InlineData("/desainer")]
    [InlineData("/desainer/editor")]
    [InlineData("/desainer/formulir")]
    public async Task Secretariat_opens_and_others_are_refused(string path)
    {
        var secretariat = await app.UserAsync("dsg.hal.sekre", "sekretariat");
        var opd = await app.UserAsync("dsg.hal.opd", "opd", "dinkes");
        var leader = await app.UserAsync("dsg.hal.pimpinan", "pimpinan");
        var page = await secretariat.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("designer", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await opd.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Versi_of_an_unknown_definition_is_404()
    {
        var admin = app.Admin();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/desainer/versi?kunci=tidak_ada")).StatusCode);
    }
}
