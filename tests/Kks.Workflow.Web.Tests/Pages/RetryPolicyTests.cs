using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Identity;
using Kks.Workflow.Web.Tests.Api.Tasks;
using Kks.Workflow.Web.Tests.Infrastructure;

namespace Kks.Workflow.Web.Tests.Pages;

/// <summary>Coba lagi on the Proses page is decided by AccessPolicy.MayRetryIncidents: admin and secretariat only.</summary>
[Collection(WebTests.Name)]
public sealed class RetryPolicyTests(WebFixture app)
{
    [Theory]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Sekretariat, true)]
    [InlineData(Roles.Pimpinan, false)]
    [InlineData(Roles.Opd, false)]
    [InlineData(Roles.Verifikator, false)]
    public void MayRetryIncidents_ByRole(string role, bool allowed) =>
        Assert.Equal(allowed, AccessPolicy.MayRetryIncidents(new Caller("x", new HashSet<string> { role }, role == Roles.Opd ? "DLH" : null)));

    [Fact]
    public async Task RetryPost_SecretariatPassesThePolicy_LeaderIsRefused()
    {
        var kit = new TaskKit(app);
        await kit.DeployAsync();
        var instance = await kit.StartAsync("RT" + kit.Suffix[..4], businessKey: "coba-lagi-" + kit.Suffix);
        var page = $"/proses/{instance}";
        using var secretariat = await PageSession.SignInAsync(app, "sek-coba-" + kit.Suffix, Roles.Sekretariat);
        using (var post = await secretariat.PostFormAsync(page, page + "?handler=Retry", new() { ["insiden"] = "tidak-ada" }))
        {
            // Past the policy: the page looks for the incident (there is none) instead of refusing the role.
            var html = await post.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Hanya sekretariat", html, StringComparison.Ordinal);
            Assert.Contains("Gangguan itu sudah tidak ada", html, StringComparison.Ordinal);
        }

        using var leader = await PageSession.SignInAsync(app, "pimpinan-coba-" + kit.Suffix, Roles.Pimpinan);
        using var refused = await leader.PostFormAsync(page, page + "?handler=Retry", new() { ["insiden"] = "tidak-ada" });
        Assert.Contains(RetryNotAllowed, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private const string RetryNotAllowed = "Hanya sekretariat atau administrator yang dapat mencoba ulang.";
}
