using System.Net;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Kks.Workflow.Web.Tests.Notifications.Deadlines.DeadlineKit;

namespace Kks.Workflow.Web.Tests.Notifications.Deadlines;

[Collection(WebTests.Name)]
public sealed class DeadlinePolicyApiTests(WebFixture app)
{
    private IDeadlinePolicies Policies => app.Services.GetRequiredService<EngineOptions>().DeadlinePolicies!;

    [Fact]
    public async Task StandardPolicy_IsSeeded_AsTheIssueDescribesIt()
    {
        using var leader = await app.UserAsync("pimpinan-tenggat", "pimpinan");
        var standar = await SendAsync(leader, HttpMethod.Get, "/api/admin/tenggat/kebijakan/standar", null, HttpStatusCode.OK);

        var steps = standar.GetProperty("steps").EnumerateArray()
            .Select(s => $"{s.GetProperty("workingDaysFromDue").GetInt32()} {s.GetProperty("step").GetString()} {string.Join("+", s.GetProperty("to").EnumerateArray().Select(t => t.GetString()))}")
            .ToList();
        Assert.Equal(
        [
            "-3 pengingat candidate-group", "-1 pengingat candidate-group", "0 pengingat candidate-group",
            "1 eskalasi kepala-opd", "5 eskalasi leader:kadis-kesehatan", "10 eskalasi leader:sekda",
        ], steps);
        Assert.Equal(DeadlinePolicyCatalog.Standard.Steps.Select(s => s.WorkingDaysFromDue), Policies.Find("standar")!.Steps.Select(s => s.WorkingDaysFromDue));
    }

    [Fact]
    public async Task AdminCreatesAPolicy_AModelMayNameIt_AndAnUnknownNameIsRefusedAtDeployment()
    {
        using var admin = app.Admin();
        var name = Unique("kilat-");
        var saved = await SendAsync(admin, HttpMethod.Put, $"/api/admin/tenggat/kebijakan/{name}",
            """{"description": "Uji", "steps": [{"workingDaysFromDue": -1, "to": ["candidate-group"]}, {"workingDaysFromDue": 2, "to": ["kepala-opd", "leader:sekda"]}]}""", HttpStatusCode.OK);
        Assert.Equal("eskalasi", saved.GetProperty("steps")[1].GetProperty("step").GetString());
        Assert.Equal(2, Policies.Find(name)!.Steps.Count);

        var deployments = app.Services.GetRequiredService<DeploymentService>();
        var key = Unique("ladder_");
        await deployments.DeployAsync(LadderProcess(key, name), key);
        var refused = await Assert.ThrowsAsync<DeploymentRejectedException>(() => deployments.DeployAsync(LadderProcess(Unique("ladder_"), "tidak-ada"), "x"));
        var problem = Assert.Single(refused.Problems);
        Assert.Equal(ProblemCodes.DeadlinePolicyUnknown, problem.Code);

        await SendAsync(admin, HttpMethod.Delete, $"/api/admin/tenggat/kebijakan/{name}", null, HttpStatusCode.NoContent);
        Assert.Null(Policies.Find(name));
        await SendAsync(admin, HttpMethod.Get, $"/api/admin/tenggat/kebijakan/{name}", null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BadPolicies_AreRefusedWithWhatToFix()
    {
        using var admin = app.Admin();
        var audience = await SendAsync(admin, HttpMethod.Put, "/api/admin/tenggat/kebijakan/salah",
            """{"steps": [{"workingDaysFromDue": 1, "to": ["bupati"]}]}""", HttpStatusCode.BadRequest);
        Assert.Contains("'bupati'", audience.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("leader:", audience.GetProperty("message").GetString(), StringComparison.Ordinal);

        var twice = await SendAsync(admin, HttpMethod.Put, "/api/admin/tenggat/kebijakan/salah",
            """{"steps": [{"workingDaysFromDue": 1, "to": ["kepala-opd"]}, {"workingDaysFromDue": 1, "to": ["leader:sekda"]}]}""", HttpStatusCode.BadRequest);
        Assert.Contains("Dua langkah", twice.GetProperty("message").GetString(), StringComparison.Ordinal);
        await SendAsync(admin, HttpMethod.Put, "/api/admin/tenggat/kebijakan/Bukan%20Nama", """{"steps": []}""", HttpStatusCode.BadRequest);
        await SendAsync(admin, HttpMethod.Put, "/api/admin/tenggat/kebijakan/salah", """{"steps": []}""", HttpStatusCode.BadRequest);

        using var sekretariat = await app.UserAsync("sekretariat-tenggat", "sekretariat");
        await SendAsync(sekretariat, HttpMethod.Delete, "/api/admin/tenggat/kebijakan/standar", null, HttpStatusCode.Forbidden);
    }
}
