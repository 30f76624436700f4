using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Runtime;
using Kks.Workflow.Web.Identity;
using Microsoft.AspNetCore.Diagnostics;

namespace Kks.Workflow.Web.Api;

/// <summary>
/// Turns every failure under /engine-rest and /api into Camunda's error body with the right status: 400 bad input,
/// 401/403, 404, 409 for a lost race, 500 (with no internals) for a bug. The message is Bahasa Indonesia unless the
/// request prefers English (Accept-Language), because the people reading it are mostly the secretariat's.
/// </summary>
internal static partial class RestErrorHandling
{
    public static WebApplication UseEngineRestErrors(this WebApplication app)
    {
        // Camunda answers "application/json" exactly, and Camunda's JavaScript clients parse a body only then
        // (ASP.NET adds "; charset=utf-8"; JSON is UTF-8 by definition, so nothing is lost).
        app.Use((context, next) =>
        {
            if (IdentityRegistration.IsApi(context.Request.Path))
            {
                context.Response.OnStarting(() =>
                {
                    if (context.Response.ContentType?.StartsWith("application/json;", StringComparison.OrdinalIgnoreCase) == true)
                    {
                        context.Response.ContentType = "application/json";
                    }

                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = HandleAsync, StatusCodeSelector = _ => 500 });
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (IdentityRegistration.IsApi(http.Request.Path) && http.Response.ContentLength is null && !http.Response.HasStarted)
            {
                var (type, text) = http.Response.StatusCode switch
                {
                    401 => ("AuthenticationException", new BilingualText("Masuk dulu: kirim nama pengguna dan kata sandi (HTTP Basic) atau gunakan sesi login.", "Sign in first: send a user name and password (HTTP Basic) or use a login session.")),
                    403 => ("AuthorizationException", new BilingualText("Anda tidak berwenang melakukan ini.", "You are not allowed to do this.")),
                    404 => ("InvalidRequestException", new BilingualText("Alamat ini tidak ada di API.", "No such API resource.")),
                    405 => ("InvalidRequestException", new BilingualText("Metode HTTP ini tidak didukung untuk alamat ini.", "This HTTP method is not supported for this resource.")),
                    415 => ("InvalidRequestException", new BilingualText("Kirim badan permintaan sebagai application/json.", "Send the request body as application/json.")),
                    _ => ("RestException", new BilingualText("Permintaan gagal.", "The request failed.")),
                };
                await WriteAsync(http, http.Response.StatusCode, type, text, null).ConfigureAwait(false);
            }
        });
        return app;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, type, text, extra) = error switch
        {
            RestException rest => (rest.Status, rest.Type, rest.Text, rest.Extra),
            DeploymentRejectedException rejected => (400, "ParseException", rejected.Text, DeploymentDetails(rejected)),
            NotFoundException notFound => (404, "InvalidRequestException", notFound.Text, null),
            ConcurrencyConflictException conflict => (409, "OptimisticLockingException", conflict.Text, null),
            TaskConflictException conflict => (409, "TaskAlreadyClaimedException", conflict.Text, null),
            MismatchingMessageCorrelationException mismatch => (400, "MismatchingMessageCorrelationException", mismatch.Text, null),
            EngineException engine => (400, "ProcessEngineException", engine.Text, null),
            BadHttpRequestException bad => (bad.StatusCode, "InvalidRequestException", BadRequestText(bad), null),
            _ when Hosting.StorageHealth.IsStorageFault(error) => (503, "ProcessEngineException", new BilingualText(
                "Basis data sementara tidak dapat menyimpan (disk penuh, hanya-baca atau terkunci). Coba lagi sebentar lagi.",
                "The database cannot store anything right now (disk full, read-only or locked). Try again shortly."), null),
            JsonException json => (400, "InvalidRequestException", new BilingualText($"JSON tidak valid: {json.Message}", $"Invalid JSON: {json.Message}"), null),
            _ => (500, "ProcessEngineException", new BilingualText("Terjadi kesalahan di server; sudah dicatat di log.", "Server error; it was logged."), (IReadOnlyDictionary<string, object?>?)null),
        };
        if (status == 500 && error is not null)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Kks.Workflow.Web.Api");
            LogUnhandled(logger, error, context.Request.Method, context.Request.Path);
        }

        await WriteAsync(context, status, type, text, extra).ConfigureAwait(false);
    }

    public static async Task WriteAsync(HttpContext context, int status, string type, BilingualText text, IReadOnlyDictionary<string, object?>? extra)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(text);
        var body = new Dictionary<string, object?>
        {
            ["type"] = type,
            ["message"] = PrefersEnglish(context.Request) ? text.English : text.Indonesian,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            body[key] = value;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, RestJson.Options).ConfigureAwait(false);
    }

    public static bool PrefersEnglish(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var languages = request.GetTypedHeaders().AcceptLanguage;
        var best = languages.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault();
        return best is not null && best.Value.Value?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;
    }

    private static BilingualText BadRequestText(BadHttpRequestException bad) =>
        bad.InnerException is JsonException json
            ? new BilingualText($"JSON tidak valid: {json.Message}", $"Invalid JSON: {json.Message}")
            : new BilingualText($"Permintaan tidak valid: {bad.Message}", $"Invalid request: {bad.Message}");

    /// <summary>Camunda's parse error details: per resource, its errors with the element ids, so a designer can mark them.</summary>
    private static Dictionary<string, object?> DeploymentDetails(DeploymentRejectedException rejected) => new()
    {
        ["details"] = new Dictionary<string, object?>
        {
            // Keyed by the refused file's name, as Camunda's ParseException details are.
            [rejected.ResourceName ?? "resource"] = new Dictionary<string, object?>
            {
                ["errors"] = rejected.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => new Dictionary<string, object?>
                {
                    ["message"] = p.Text.Indonesian,
                    ["messageEnglish"] = p.Text.English,
                    ["code"] = p.Code,
                    ["mainElementId"] = p.ElementId,
                    ["elementIds"] = p.ElementId is null ? Array.Empty<string>() : new[] { p.ElementId },
                }).ToList(),
                ["warnings"] = rejected.Problems.Where(p => p.Severity == ProblemSeverity.Warning).Select(p => new Dictionary<string, object?>
                {
                    ["message"] = p.Text.Indonesian,
                    ["code"] = p.Code,
                    ["mainElementId"] = p.ElementId,
                }).ToList(),
            },
        },
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception error, string method, string path);
}
