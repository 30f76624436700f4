using System.Text.RegularExpressions;
using Kks.Workflow.Web.Api;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Instruments;

namespace Kks.Workflow.Web.Readiness;

/// <summary>Province results sent as JSON: one line per indicator.</summary>
public sealed record ProvinceInput(IReadOnlyList<ProvinceInputLine>? Hasil);

public sealed record ProvinceInputLine(string? Kode, int? Nilai, string? Catatan);

/// <summary>
/// /api/kampanye/{id}/kesiapan (the readiness lines and the dashboard's figures), /hasil-provinsi (the province's
/// results: JSON, .xlsx or .csv), /ekspor/kesiapan.xlsx (the readiness report) and /paket-verifikasi (the ZIP, with
/// its progress under /paket-verifikasi/progres/{token}). Leaders, secretariat, admin and verifiers read; admin and
/// secretariat send the province's results.
/// </summary>
internal static partial class ReadinessEndpoints
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapReadiness(this RouteGroupBuilder api)
    {
        api.MapGet("/kampanye/{id}/kesiapan", async (string id, HttpContext http, ReadinessReader reader, CancellationToken ct) =>
        {
            AccessPolicy.RequireProgramReader(http.Caller());
            var readiness = await ReadAsync(reader, id, ct).ConfigureAwait(false);
            var figures = ReadinessFigures.Compute(readiness);
            return RestJson.Result(new
            {
                campaign = readiness.Campaign.Id,
                readiness.InstanceId,
                readiness.OdfPercent,
                readiness.ProvinceResultsAt,
                figures,
                overdue = readiness.Overdue,
                indicators = readiness.Indicators.Select(i => new
                {
                    i.Code, i.TatananNumber, i.Name, state = ReadinessFigures.StateWord(i.State), i.SelfScore, i.ProvinceScore, i.ProvinceNote,
                    evidence = i.Evidence.Select(e => new { e.Id, e.FileName, e.OpdCode, e.SizeBytes }),
                    parts = i.Parts.Select(p => new { opd = p.OpdCode, state = ReadinessFigures.StateWord(p.State), p.SelfScore, p.Revisions, p.ReviewNote }),
                }),
            });
        });
        api.MapPost("/kampanye/{id}/hasil-provinsi", ProvinceAsync);
        api.MapGet("/kampanye/{id}/ekspor/kesiapan.xlsx", async (string id, HttpContext http, ReadinessReader reader, CancellationToken ct) =>
        {
            AccessPolicy.RequireProgramReader(http.Caller());
            var readiness = await ReadAsync(reader, id, ct).ConfigureAwait(false);
            return Results.File(ReadinessWorkbook.Write(readiness, BaseUrl(http)), XlsxType, $"kesiapan-{id}.xlsx");
        });
        api.MapGet("/kampanye/{id}/paket-verifikasi", PackAsync);
        api.MapGet("/kampanye/{id}/paket-verifikasi/progres/{token}", (string id, string token, HttpContext http, PackProgressBoard board) =>
        {
            AccessPolicy.RequireProgramReader(http.Caller());
            return board.Get(token) is { } progress ? RestJson.Result(progress) : Results.Json(new { files = 0, totalFiles = 0, bytes = 0, totalBytes = 0, done = false }, RestJson.Options);
        });
        return api;
    }

    private static async Task<IResult> ProvinceAsync(string id, HttpContext http, ProvinceResults results, string? format, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireManager(http.Caller());
        var kind = (format ?? http.Request.ContentType?.Split(';')[0].Trim() ?? "").ToLowerInvariant() switch
        {
            "xlsx" or XlsxType => "xlsx",
            "csv" or "text/csv" => "csv",
            "json" or "application/json" => "json",
            var other => throw RestException.BadRequest(
                $"Jenis berkas '{other}' tidak dikenal: kirim .xlsx, .csv (text/csv) atau JSON (application/json).",
                $"Unknown file type '{other}': send .xlsx, .csv (text/csv) or JSON (application/json)."),
        };
        var problems = new List<ImportProblem>();
        IReadOnlyList<ProvinceLine> lines;
        if (kind == "json")
        {
            var input = await http.Request.ReadFromJsonAsync<ProvinceInput>(RestJson.Options, cancellationToken).ConfigureAwait(false);
            lines = (input?.Hasil ?? []).Select((l, n) => new ProvinceLine(l.Kode?.Trim() ?? "", l.Nilai, string.IsNullOrWhiteSpace(l.Catatan) ? null : l.Catatan.Trim())
            {
                Source = new SourceRow("hasil", n + 1),
            }).ToList();
        }
        else
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            buffer.Position = 0;
            lines = ProvinceResults.Parse(buffer, kind, problems);
        }

        var accepted = problems.Count == 0 ? await results.SubmitAsync(id, lines, problems, cancellationToken).ConfigureAwait(false) : 0;
        if (problems.Count > 0)
        {
            throw new RestException(400, "ProvinceResultsRejected", new(
                $"Hasil provinsi ditolak, tidak ada yang dikirim: {problems.Count} masalah. " + string.Join(" | ", problems.Select(p => p.Indonesian)),
                $"Province results refused, nothing sent: {problems.Count} problem(s). " + string.Join(" | ", problems.Select(p => p.English))))
            {
                Extra = new Dictionary<string, object?>
                {
                    ["problems"] = problems.Select(p => new { sheet = p.Sheet, row = p.Row, message = p.Text.Indonesian, messageEnglish = p.Text.English }).ToList(),
                },
            };
        }

        return RestJson.Result(new { campaign = id, accepted });
    }

    /// <summary>Streams the ZIP into the response; <c>?progres=token</c> (letters, digits, dashes) publishes progress.</summary>
    private static async Task PackAsync(string id, string? progres, HttpContext http, ReadinessReader reader, VerificationPack pack, PackProgressBoard board, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireProgramReader(http.Caller());
        var readiness = await ReadAsync(reader, id, cancellationToken).ConfigureAwait(false);
        var token = progres is not null && TokenPattern().IsMatch(progres) ? progres : null;
        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"paket-verifikasi-{id}.zip\"";
        // No buffering anywhere on the way out: the body goes to the client as each entry is written.
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await pack.WriteAsync(readiness, http.Response.Body, BaseUrl(http), p =>
            {
                if (token is not null)
                {
                    board.Set(token, p);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException failed) when (token is not null)
        {
            board.Set(token, new PackProgress(0, 0, 0, 0, true, failed.Message));
            throw;
        }
    }

    private static async Task<CampaignReadiness> ReadAsync(ReadinessReader reader, string id, CancellationToken cancellationToken) =>
        await reader.ReadAsync(id, cancellationToken).ConfigureAwait(false)
        ?? throw RestException.NotFound($"Kampanye '{id}' tidak ditemukan.", $"Campaign '{id}' was not found.");

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex TokenPattern();
}
