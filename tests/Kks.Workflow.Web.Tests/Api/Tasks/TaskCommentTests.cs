using System.Net;
using Kks.Workflow.Web.Tests.Infrastructure;

namespace Kks.Workflow.Web.Tests.Api.Tasks;

[Collection(WebTests.Name)]
public sealed class TaskCommentTests(WebFixture app)
{
    private readonly TaskKit _kit = new(app);

    [Fact]
    public async Task Thread_OpdAndSecretariat_InOrderInCamundaShape()
    {
        await _kit.DeployAsync();
        var opdCode = $"tasks-k-{_kit.Suffix}";
        var user = $"tasks-k-opd-{_kit.Suffix}";
        using var opd = await app.UserAsync(user, "opd", opdCode);
        using var secretariat = await app.UserAsync($"tasks-k-sekre-{_kit.Suffix}", "sekretariat");
        var instance = await _kit.StartAsync(opdCode);
        var id = await _kit.TaskOfAsync(instance);

        var created = await TaskKit.PostAsync(opd, $"/engine-rest/task/{id}/comment/create", new { message = "Bukti sudah diunggah." }, HttpStatusCode.OK);
        await TaskKit.PostAsync(secretariat, $"/engine-rest/task/{id}/comment/create", new { message = "Terima kasih, sedang diperiksa." }, HttpStatusCode.OK);
        var thread = await TaskKit.GetJsonAsync(opd, $"/engine-rest/task/{id}/comment");
        var one = await TaskKit.GetJsonAsync(secretariat, $"/engine-rest/task/{id}/comment/{created.GetProperty("id").GetString()}");

        Assert.Equal(user, created.GetProperty("userId").GetString());
        Assert.Equal(id, created.GetProperty("taskId").GetString());
        Assert.Equal(instance, created.GetProperty("processInstanceId").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0700$", created.GetProperty("time").GetString());
        // The shared fixture's clock stands still here, so both comments carry the same time: compare as a set.
        Assert.Equal(
            [(user, "Bukti sudah diunggah."), ($"tasks-k-sekre-{_kit.Suffix}", "Terima kasih, sedang diperiksa.")],
            thread.EnumerateArray().Select(c => (c.GetProperty("userId").GetString(), c.GetProperty("message").GetString())).OrderBy(c => c.Item2, StringComparer.Ordinal).ToList());
        Assert.Equal("Bukti sudah diunggah.", one.GetProperty("message").GetString());
        await TaskKit.GetJsonAsync(opd, $"/engine-rest/task/{id}/comment/tidak-ada", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{}", "message")]
    [InlineData("{\"message\": \"   \"}", "message")]
    [InlineData("{\"message\": 5}", "message")]
    [InlineData("{\"message\": ", "JSON")]
    [InlineData("", "JSON")]
    public async Task Create_BadBody_400(string body, string named)
    {
        await _kit.DeployAsync();
        var id = await _kit.TaskOfAsync(await _kit.StartAsync($"tasks-kb-{_kit.Suffix}"));
        using var admin = app.Admin();

        var error = await TaskKit.PostJsonAsync(admin, $"/engine-rest/task/{id}/comment/create", body, HttpStatusCode.BadRequest);

        TaskKit.AssertError(error, "InvalidRequestException", named);
    }
}
