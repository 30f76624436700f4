using Kks.Workflow.Web.Api;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Evidence;
using Kks.Workflow.Web.Instruments;

namespace Kks.Workflow.Web.Campaigns;

/// <summary>
/// /api/kampanye: campaigns, their ODF share entries and kelembagaan answers, and the indicator lookups the workflow
/// and pages use (an indicator in the campaign's instrument; who owns what). Admin and secretariat write; leaders and
/// verifiers read.
/// </summary>
internal static class CampaignEndpoints
{
    public static RouteGroupBuilder MapCampaigns(this RouteGroupBuilder api)
    {
        api.MapGet("/kampanye", async (HttpContext http, CampaignService campaigns, CancellationToken ct) =>
        {
            AccessPolicy.RequireProgramReader(http.Caller());
            return RestJson.Result(await campaigns.ListAsync(ct).ConfigureAwait(false));
        });
        api.MapGet("/kampanye/{id}", async (string id, HttpContext http, CampaignService campaigns, CancellationToken ct) =>
        {
            AccessPolicy.RequireProgramReader(http.Caller());
            return RestJson.Result(await campaigns.GetAsync(id, ct).ConfigureAwait(false) ?? throw NotFound(id));
        });
        api.MapPost("/kampanye", async (CampaignInput input, HttpContext http, CampaignService campaigns, CancellationToken ct) =>
        {
            var caller = http.Caller();
            AccessPolicy.RequireManager(caller);
            var created = await campaigns.CreateAsync(input, caller.UserId, ct).ConfigureAwait(false);
            return Results.Json(created, RestJson.Options, "application/json", StatusCodes.Status201Created);
        });
        api.MapPut("/kampanye/{id}", async (string id, CampaignInput input, HttpContext http, CampaignService campaigns, CancellationToken ct) =>
        {
            var caller = http.Caller();
            AccessPolicy.RequireManager(caller);
            return RestJson.Result(await campaigns.UpdateAsync(id, input, caller.UserId, ct).ConfigureAwait(false));
        });
        api.MapPost("/kampanye/{id}/odf", async (string id, OdfShareInput input, HttpContext http, CampaignService campaigns, CancellationToken ct) =>
        {
            var caller = http.Caller();
            AccessPolicy.RequireManager(caller);
            return RestJson.Result(await campaigns.AddOdfShareAsync(id, input, caller.UserId, ct).ConfigureAwait(false));
        });
        api.MapPut("/kampanye/{id}/kelembagaan/{code}", async (string id, string code, KelembagaanInput input, HttpContext http, CampaignService campaigns, CancellationToken ct) =>
        {
            var caller = http.Caller();
            AccessPolicy.RequireManager(caller);
            return RestJson.Result(await campaigns.SetKelembagaanAsync(id, code, input, caller.UserId, ct).ConfigureAwait(false));
        });
        api.MapPost("/kampanye/{id}/mulai", async (string id, HttpContext http, CampaignStart start, CancellationToken ct) =>
        {
            var caller = http.Caller();
            AccessPolicy.RequireManager(caller);
            var instanceId = await start.StartAsync(id, caller.UserId, ct).ConfigureAwait(false);
            return RestJson.Result(new { processInstanceId = instanceId });
        });
        api.MapPost("/kampanye/{id}/kelembagaan/{code}/berkas", async (string id, string code, string? nama, HttpContext http, KelembagaanEvidence evidence, CancellationToken ct) =>
        {
            var caller = http.Caller();
            AccessPolicy.RequireManager(caller);
            try
            {
                var file = await evidence.AddAsync(id, code, nama ?? "berkas", http.Request.Body, caller.UserId, ct).ConfigureAwait(false);
                return Results.Json(file, RestJson.Options, "application/json", StatusCodes.Status201Created);
            }
            catch (EvidenceRejectedException rejected)
            {
                throw RestException.BadRequest(rejected.Indonesian, rejected.English);
            }
        });
        api.MapGet("/kampanye/{id}/kelembagaan-berkas/{fileId}", async (string id, string fileId, HttpContext http, KelembagaanEvidence evidence, CancellationToken ct) =>
        {
            AccessPolicy.RequireProgramReader(http.Caller());
            var found = await evidence.OpenAsync(id, fileId, ct).ConfigureAwait(false)
                        ?? throw RestException.NotFound($"Berkas bukti kelembagaan '{fileId}' tidak ada di kampanye '{id}'.", $"Kelembagaan evidence file '{fileId}' is not in campaign '{id}'.");
            // As for task evidence: never let a browser render an uploaded file as a page of this site.
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "sandbox";
            return Results.File(found.Path, found.File.ContentType, fileDownloadName: found.File.FileName);
        });
        api.MapGet("/kampanye/{id}/indikator/{code}", async (string id, string code, HttpContext http, IndicatorCatalog catalog, CancellationToken ct) =>
        {
            AccessPolicy.RequireProgramReader(http.Caller());
            return RestJson.Result(await catalog.FindForCampaignAsync(id, code, ct).ConfigureAwait(false)
                                   ?? throw RestException.NotFound($"Indikator {code} tidak ada di instrumen kampanye '{id}'.", $"Indicator {code} is not in campaign '{id}''s instrument."));
        });
        api.MapGet("/kampanye/{id}/penugasan", async (string id, HttpContext http, CampaignService campaigns, IndicatorCatalog catalog, CancellationToken ct) =>
        {
            AccessPolicy.RequireProgramReader(http.Caller());
            _ = await campaigns.GetAsync(id, ct).ConfigureAwait(false) ?? throw NotFound(id);
            return RestJson.Result(await catalog.AssignmentsAsync(id, ct).ConfigureAwait(false));
        });
        return api;
    }

    private static RestException NotFound(string id) => RestException.NotFound($"Kampanye '{id}' tidak ditemukan.", $"Campaign '{id}' was not found.");
}
