using System.Text.Json;
using Kks.Workflow.Web.Api;
using Kks.Workflow.Web.Api.Access;
using Kks.Workflow.Web.Instruments.Exchange;

namespace Kks.Workflow.Web.Instruments;

/// <summary>
/// /api/instrumen: list, read, export (xlsx, csv, json) and import (PUT with the file as the body) instruments, and
/// look an indicator up. Admin and secretariat write; leaders and verifiers read; OPD users have no access.
/// </summary>
internal static class InstrumentEndpoints
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>An instrument workbook is well under 1 MB; 10 MB leaves room for long definitions.</summary>
    public const long MaxImportBytes = 10 * 1024 * 1024;

    public static RouteGroupBuilder MapInstruments(this RouteGroupBuilder api)
    {
        api.MapGet("/instrumen", ListAsync);
        api.MapGet("/instrumen/{id}", GetAsync);
        api.MapGet("/instrumen/{id}/ekspor", ExportAsync);
        api.MapGet("/instrumen/{id}/indikator/{code}", IndicatorAsync);
        api.MapPut("/instrumen/{id}", ImportAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, InstrumentStore store, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireProgramReader(http.Caller());
        return RestJson.Result(await store.ListAsync(cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, InstrumentStore store, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireProgramReader(http.Caller());
        var document = await store.LoadAsync(id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        return Results.Json(document, InstrumentFiles.Json, "application/json");
    }

    private static async Task<IResult> ExportAsync(string id, string? format, HttpContext http, InstrumentStore store, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireProgramReader(http.Caller());
        var document = await store.LoadAsync(id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        return (format ?? "xlsx").ToLowerInvariant() switch
        {
            "xlsx" => Results.File(InstrumentXlsx.Write(document), XlsxType, $"instrumen-{id}.xlsx"),
            "csv" => Results.File(InstrumentCsv.Write(document), "text/csv; charset=utf-8", $"instrumen-{id}.csv"),
            "json" => Results.File(JsonSerializer.SerializeToUtf8Bytes(document, InstrumentFiles.Json), "application/json", $"{id}.json"),
            _ => throw RestException.BadRequest($"Format '{format}' tidak dikenal: pakai xlsx, csv atau json.", $"Unknown format '{format}': use xlsx, csv or json."),
        };
    }

    private static async Task<IResult> IndicatorAsync(string id, string code, HttpContext http, IndicatorCatalog catalog, CancellationToken cancellationToken)
    {
        AccessPolicy.RequireProgramReader(http.Caller());
        var indicator = await catalog.FindAsync(id, code, cancellationToken).ConfigureAwait(false)
                        ?? throw RestException.NotFound($"Indikator {code} tidak ada di instrumen '{id}'.", $"Indicator {code} is not in instrument '{id}'.");
        return RestJson.Result(indicator);
    }

    /// <summary>
    /// PUT /api/instrumen/{id} with an .xlsx (whole instrument), .csv (tatanan and indicators; with ?siklus=&amp;nama= to
    /// create) or JSON body. 400 with every problem (sheet, row, reason) when anything is wrong; nothing is stored then.
    /// </summary>
    private static async Task<IResult> ImportAsync(string id, HttpContext http, InstrumentImporter importer, int? siklus, string? nama, string? format, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        AccessPolicy.RequireManager(caller);
        if (http.Request.ContentLength > MaxImportBytes)
        {
            throw RestException.BadRequest("Berkas lebih dari 10 MB: instrumen tidak sebesar itu; periksa berkasnya.", "The file is over 10 MB: an instrument is not that large; check the file.");
        }

        var kind = FormatOf(format, http.Request.ContentType);
        try
        {
            var document = await importer.ImportAsync(id, kind, http.Request.Body, caller.UserId, siklus, nama, cancellationToken).ConfigureAwait(false);
            return RestJson.Result(new { id, tatanan = document.Tatanan.Count, indicators = document.Indicators().Count(), format = kind.ToString().ToLowerInvariant() });
        }
        catch (InstrumentImportException refused)
        {
            throw new RestException(400, "InstrumentImportException", new(
                $"Impor ditolak, tidak ada yang disimpan: {refused.Problems.Count} masalah. " + string.Join(" | ", refused.Problems.Select(p => p.Indonesian)),
                $"Import refused, nothing stored: {refused.Problems.Count} problem(s). " + string.Join(" | ", refused.Problems.Select(p => p.English))))
            {
                Extra = new Dictionary<string, object?>
                {
                    ["problems"] = refused.Problems.Select(p => new { sheet = p.Sheet, row = p.Row, message = p.Text.Indonesian, messageEnglish = p.Text.English }).ToList(),
                },
            };
        }
    }

    private static InstrumentFormat FormatOf(string? format, string? contentType)
    {
        var kind = (format ?? contentType?.Split(';')[0].Trim() ?? "").ToLowerInvariant();
        return kind switch
        {
            "xlsx" or XlsxType => InstrumentFormat.Xlsx,
            "csv" or "text/csv" => InstrumentFormat.Csv,
            "json" or "application/json" => InstrumentFormat.Json,
            _ => throw RestException.BadRequest(
                $"Jenis berkas '{kind}' tidak dikenal: kirim .xlsx ({XlsxType}), .csv (text/csv) atau JSON (application/json).",
                $"Unknown file type '{kind}': send .xlsx ({XlsxType}), .csv (text/csv) or JSON (application/json)."),
        };
    }

    private static RestException NotFound(string id) => RestException.NotFound($"Instrumen '{id}' tidak ditemukan.", $"Instrument '{id}' was not found.");
}
