using System.Net;
using System.Text.Json;
using Kks.Workflow.Web.Tests.Infrastructure;

namespace Kks.Workflow.Web.Tests.Hosting;

[Collection(WebTests.Name)]
public sealed class StartupTests(WebFixture app)
{
    [Fact]
    public async Task Healthz_DatabaseAndDispatchersUp_Ok()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/healthz");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("ok", json.RootElement.GetProperty("database").GetString());
    }

    [Fact]
    public async Task EngineRest_WithoutCredentials_401InCamundaShape()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/engine-rest/version");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("AuthenticationException", json.RootElement.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task EngineRest_WrongPassword_401()
    {
        using var client = app.ClientFor("admin", "salah-sama-sekali");
        var response = await client.GetAsync("/engine-rest/version");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeededAdmin_SignsInWithConfiguredPassword()
    {
        using var client = app.Admin();
        var response = await client.GetAsync("/engine-rest/no-such-resource");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("InvalidRequestException", json.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task OpenApiDocumentAndSwaggerUi_Served()
    {
        using var client = app.CreateClient();
        var document = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        using var json = JsonDocument.Parse(await document.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.TryGetProperty("openapi", out _));
        var ui = await client.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }
}
