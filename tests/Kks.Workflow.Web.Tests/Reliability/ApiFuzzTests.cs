using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Kks.Workflow.Web.Tests.Api.Tasks;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Kks.Workflow.Web.Tests.Reliability;

/// <summary>
/// Every endpoint under /engine-rest and /api, found from the app's own route table (a new endpoint is fuzzed without
/// touching this test), called as admin with hostile route values, query strings and bodies (wrong types, unknown
/// variables, missing members, deep nesting, invalid UTF-8, 50 MB) and hostile BPMN deployments. Every answer must be
/// below 500, a 4xx in Camunda's {type, message} shape, and /healthz must still answer 200.
/// </summary>
[Collection(ReliabilityTests.Name)]
public sealed class ApiFuzzTests(WebFixture app, ITestOutputHelper output)
{
    private static readonly string[] HostileRouteValues =
    [
        // No %00 here: the test server's client refuses a NUL in the path before sending it (Kestrel answers 400).
        "tidak-ada-123", "..%2F..%2Fetc%2Fpasswd", new string('9', 3000), "%E2%80%AEexe.pdf", "%27%20OR%201%3D1--", "2023-13-45",
    ];

    private static readonly string[] HostileQueries =
    [
        "?maxResults=abc&firstResult=-1&sortBy=x&sortOrder=sideways",
        "?maxResults=999999999999&firstResult=99999999999999&due=bukan-tanggal&dueBefore=2023-02-30T25:61:00.000%2B0700&priority=1e999",
        "?variables=a_eq_b,,,_zz_&processVariables=x_like_%25%25%25&active=maybe&sortBy=dueDate&sortOrder=desc&format=exe",
        "?nameLike=" + new string('%', 2000) + "&businessKey=%00&processInstanceId=" + new string('a', 4000),
    ];

    [Fact]
    public async Task EveryJsonEndpoint_AnswersHostileInputWith4xx_AndStaysHealthy()
    {
        var random = new Random(7);
        using var admin = app.Admin();
        var kit = new TaskKit(app);
        await kit.DeployAsync();
        var instanceId = await kit.StartAsync("FUZZ");
        var taskId = await kit.TaskOfAsync(instanceId);
        var endpoints = Endpoints();
        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} API endpoints found");
        var failures = new List<string>();
        var cases = 0;
        var hugeBodies = 0;
        var statuses = new SortedDictionary<int, int>();
        var hugeBody = new byte[50 * 1024 * 1024];
        Array.Fill(hugeBody, (byte)'[');
        var total = Stopwatch.StartNew();

        async Task SendAsync(HttpMethod method, string url, HttpContent? content, string what)
        {
            cases++;
            using var request = new HttpRequestMessage(method, url) { Content = content };
            using var response = await admin.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var text = await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                failures.Add($"{method} {Shorten(url)} [{what}]: {status} {Shorten(text)}");
            }
            else if (status >= 400 && !IsCamundaError(text))
            {
                failures.Add($"{method} {Shorten(url)} [{what}]: {status} without {{type, message}}: {Shorten(text)}");
            }

            if (cases % 250 == 0)
            {
                await AssertHealthyAsync();
            }
        }

        foreach (var (method, pattern) in endpoints)
        {
            var urls = HostileRouteValues.Select(value => Fill(pattern, value, taskId, instanceId)).Distinct().ToList();
            if (method == HttpMethod.Get || method == HttpMethod.Delete)
            {
                foreach (var url in urls.Take(4))
                {
                    await SendAsync(method, url, null, "route value");
                }

                foreach (var query in HostileQueries)
                {
                    await SendAsync(method, urls[random.Next(urls.Count)] + query, null, "query");
                }

                continue;
            }

            // A random third of the member names per endpoint (each wrong and nested-wrong): the seed fixes which.
            var members = HostileInput.Members.Where(_ => random.Next(3) == 0).ToArray();
            foreach (var (kind, body) in HostileInput.JsonBodies(random, members))
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                await SendAsync(method, urls[random.Next(urls.Count)], content, kind);
            }

            await SendAsync(method, urls[0], new StringContent("variables=1&userId=x", Encoding.UTF8, "application/x-www-form-urlencoded"), "form instead of JSON");
            await SendAsync(method, urls[0], new StringContent("{\"userId\": \"x\"}", Encoding.UTF8, "text/plain"), "text/plain");
            if (random.Next(4) == 0 || pattern.EndsWith("/complete", StringComparison.Ordinal) || pattern.EndsWith("/deployment/create", StringComparison.Ordinal))
            {
                // A quarter of the endpoints (and the two most exposed ones): 50 MB each costs a second on this machine.
                hugeBodies++;
                await SendAsync(method, urls[0], new ByteArrayContent(hugeBody) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }, "50 MB body");
            }
        }

        var deployments = await FuzzDeploymentsAsync(admin, random, failures);
        cases += deployments;
        await AssertHealthyAsync();
        Counts.Print(output, $"API fuzz: {endpoints.Count} endpoints, {cases} requests ({deployments} hostile deployments, {hugeBodies} bodies of 50 MB), statuses " +
            $"{string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}, {failures.Count} failures, {total.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
    }

    /// <summary>Hostile BPMN files under hostile names through the deployment endpoint: every one refused with a 400.</summary>
    private static async Task<int> FuzzDeploymentsAsync(HttpClient admin, Random random, List<string> failures)
    {
        var cases = 0;
        for (var i = 0; i < 60; i++)
        {
            var (kind, xml) = HostileInput.Bpmn(random);
            if (xml.Length > 4 * 1024 * 1024)
            {
                continue; // the huge-attribute files are covered by the engine fuzz; here they would only cost time
            }

            var name = HostileInput.FileNames[random.Next(HostileInput.FileNames.Length)];
            using var form = new MultipartFormDataContent
            {
                { new StringContent("fuzz-" + i), "deployment-name" },
            };
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(xml));
            file.Headers.ContentType = new MediaTypeHeaderValue(random.Next(2) == 0 ? "application/octet-stream" : "application/x-msdownload");
            // Raw, so the name reaches the server as written (a header cannot carry CR or LF at all).
            var headerName = name.Replace("\"", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
            Assert.True(file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"data\"; filename=\"{headerName}\""));
            form.Add(file);
            cases++;
            using var response = await admin.PostAsync("/engine-rest/deployment/create", form);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (status >= 500 || (status >= 400 && !IsCamundaError(text)))
            {
                failures.Add($"deployment {i} ({kind}, name {Shorten(name)}): {status} {Shorten(text)}");
            }
        }

        return cases;
    }

    private async Task AssertHealthyAsync()
    {
        using var client = app.CreateClient();
        using var health = await client.GetAsync("/healthz");
        Assert.True(health.StatusCode == HttpStatusCode.OK, await health.Content.ReadAsStringAsync());
    }

    /// <summary>(method, route pattern) of every API endpoint, from the app's route table.</summary>
    private List<(HttpMethod Method, string Pattern)> Endpoints() =>
        app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/engine-rest", StringComparison.Ordinal) || raw.StartsWith("/api", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (new HttpMethod(m), e.RoutePattern.RawText!)))
            .Distinct()
            .OrderBy(e => e.Item2, StringComparer.Ordinal)
            .ToList();

    /// <summary>The pattern with every {parameter} replaced: the real task or instance id for the first one where it fits, else the hostile value.</summary>
    private static string Fill(string pattern, string hostile, string taskId, string instanceId)
    {
        var real = pattern.StartsWith("/engine-rest/task/", StringComparison.Ordinal) ? taskId
            : pattern.StartsWith("/engine-rest/process-instance/", StringComparison.Ordinal) ? instanceId
            : null;
        var useReal = hostile == HostileRouteValues[0] && real is not null;
        return System.Text.RegularExpressions.Regex.Replace(pattern, "\\{[^}]+\\}", _ => useReal ? real! : hostile);
    }

    private static bool IsCamundaError(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                && document.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + $"... ({text.Length} chars)";
}
