using System.Net;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Tests.Infrastructure;

namespace Kks.Workflow.Web.Tests.Pages;

/// <summary>The layout's "Admin" link: an entry page for administrators listing the admin areas, refused to others.</summary>
[Collection(WebTests.Name)]
public sealed class AdminIndexPageTests(WebFixture app)
{
    [Fact]
    public async Task Admin_SeesTheAdminAreas_OthersAreRefused()
    {
        using (var admin = await PageSession.SignInAsync(app, "halaman-admin", Roles.Admin))
        {
            var html = await admin.HtmlAsync("/admin");
            Assert.Contains("href=\"/admin/surat\"", html, StringComparison.Ordinal);
            Assert.Contains("href=\"/admin/tenggat\"", html, StringComparison.Ordinal);
            Assert.Contains("href=\"/admin/instrumen\"", html, StringComparison.Ordinal);
            Assert.Contains("Administrasi", html, StringComparison.Ordinal);
        }

        using var focal = await PageSession.SignInAsync(app, "halaman-admin-opd", Roles.Opd, "dinkes");
        using var refused = await focal.GetAsync("/admin");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain("/admin/surat", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
