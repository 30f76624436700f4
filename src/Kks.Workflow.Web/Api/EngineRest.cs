using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Api.Definitions;
using Kks.Workflow.Web.Api.Deployments;
using Kks.Workflow.Web.Api.ExternalTasks;
using Kks.Workflow.Web.Api.History;
using Kks.Workflow.Web.Api.Instances;
using Kks.Workflow.Web.Api.Jobs;
using Kks.Workflow.Web.Api.Messages;
using Kks.Workflow.Web.Api.Tasks;
using Kks.Workflow.Web.Hosting;
using System.Threading.RateLimiting;

namespace Kks.Workflow.Web.Api;

/// <summary>The Camunda 7 REST subset under /engine-rest: every route needs a signed-in caller; each slice checks the rest through <see cref="AccessPolicy"/>.</summary>
internal static class EngineRest
{
    public const string BasePath = "/engine-rest";

    /// <summary>The Camunda 7 REST API release whose documentation this subset follows.</summary>
    public const string CamundaApiVersion = "7.22.0";

    /// <summary>The rate-limiting policy that queues engine-rest requests beyond <see cref="ApiOptions.MaxConcurrentRequests"/>.</summary>
    public const string ConcurrencyPolicy = "engine-rest";

    public static IServiceCollection AddEngineRest(this IServiceCollection services, ApiOptions api)
    {
        ArgumentNullException.ThrowIfNull(api);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.AddPolicy(ConcurrencyPolicy, _ => api.MaxConcurrentRequests <= 0
                ? RateLimitPartition.GetNoLimiter("all")
                : RateLimitPartition.GetConcurrencyLimiter("all", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = api.MaxConcurrentRequests,
                    QueueLimit = 100_000,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                }));
        });
        services.AddSingleton<TaskGroupPage>();
        services.ConfigureHttpJsonOptions(json => RestJson.Configure(json.SerializerOptions));
        // A body or parameter that cannot be bound throws BadHttpRequestException, which the error handler turns
        // into a 400 that says what was wrong (otherwise outside Development the answer is an empty 400).
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddOpenApi("v1");
        // A 50 MB body is refused before it is read into memory; deployments and uploads set their own limits.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = 20 * 1024 * 1024);
        return services;
    }

    public static WebApplication MapEngineRest(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "swagger";
            ui.SwaggerEndpoint("/openapi/v1.json", "Kks.Workflow engine-rest v1");
        });

        app.UseRateLimiter();
        var rest = app.MapGroup(BasePath).RequireAuthorization().WithTags("engine-rest");
        // Without a limit the policy is not attached at all: its partitioned limiter takes a lock on every request.
        if ((app.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions()).MaxConcurrentRequests > 0)
        {
            rest.RequireRateLimiting(ConcurrencyPolicy);
        }

        // What Camunda clients ask first: the API version it follows and the one engine's name.
        rest.MapGet("/version", () => Results.Json(new { version = CamundaApiVersion }));
        rest.MapGet("/engine", () => Results.Json(new[] { new { name = "default" } }));
        rest.MapDeployments();
        rest.MapProcessDefinitions();
        rest.MapProcessInstances();
        rest.MapTasks();
        rest.MapMessages();
        rest.MapExternalTasks();
        rest.MapHistory();
        rest.MapJobs();
        return app;
    }

    /// <summary>The signed-in caller of this request.</summary>
    public static Caller Caller(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Access.Caller.From(context.User);
    }

    /// <summary>Camunda's absolute link to a resource of this API.</summary>
    public static object Link(HttpRequest request, string method, string path, string rel)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new
        {
            method,
            href = $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}/{path}",
            rel,
        };
    }
}
