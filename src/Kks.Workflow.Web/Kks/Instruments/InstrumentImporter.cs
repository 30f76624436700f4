using System.Text;
using System.Text.Json;
using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Instruments.Exchange;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Instruments;

public enum InstrumentFormat
{
    Xlsx,
    Csv,
    Json,
}

/// <summary>
/// Imports an instrument from Excel (the whole instrument), CSV (its tatanan and indicators; the rest is kept) or
/// JSON (the shipped files' form). All or nothing: every problem of every row is collected first, and when there is
/// any, nothing is stored and all of them are reported.
/// </summary>
public sealed class InstrumentImporter(WorkflowDbContext db, InstrumentStore store)
{
    /// <param name="cycle">For a CSV file that creates a new instrument: its cycle.</param>
    /// <param name="name">For a CSV file that creates a new instrument: its name.</param>
    public async Task<InstrumentDocument> ImportAsync(string id, InstrumentFormat format, Stream content, string user, int? cycle, string? name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var problems = new List<ImportProblem>();
        InstrumentDocument document;
        switch (format)
        {
            case InstrumentFormat.Xlsx:
                using (var buffer = new MemoryStream())
                {
                    // The Open XML SDK needs a seekable stream; a request body is not one.
                    await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                    buffer.Position = 0;
                    document = InstrumentXlsx.Read(buffer, id, problems);
                }

                break;
            case InstrumentFormat.Csv:
                using (var reader = new StreamReader(content, Encoding.UTF8))
                {
                    document = InstrumentCsv.Read(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false), id, problems);
                }

                await KeepTheRestAsync(document, cycle, name, problems, cancellationToken).ConfigureAwait(false);
                break;
            default:
                document = await ReadJsonAsync(content, id, problems, cancellationToken).ConfigureAwait(false);
                break;
        }

        document.Id = id;
        InstrumentTemplates.FillMissing(document);
        var opds = await db.Opds.AsNoTracking().Select(o => o.Code).ToListAsync(cancellationToken).ConfigureAwait(false);
        problems.AddRange(InstrumentValidator.Validate(document, opds.Count == 0 ? null : opds.ToHashSet(StringComparer.Ordinal)));
        if (problems.Count > 0)
        {
            throw new InstrumentImportException(problems);
        }

        await store.SaveAsync(document, format.ToString().ToLowerInvariant(), user, null, cancellationToken).ConfigureAwait(false);
        return document;
    }

    /// <summary>A CSV file carries indicators only: the instrument's name, cycle, prerequisites and checklist stay as stored.</summary>
    private async Task KeepTheRestAsync(InstrumentDocument document, int? cycle, string? name, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        var existing = await store.LoadAsync(document.Id, cancellationToken).ConfigureAwait(false);
        if (existing is null && (cycle is null || string.IsNullOrWhiteSpace(name)))
        {
            problems.Add(ImportProblem.At(null, $"Instrumen '{document.Id}' belum ada: untuk membuatnya dari CSV sertakan ?siklus=2027&nama=... (atau impor Excel lengkap).",
                $"Instrument '{document.Id}' does not exist: to create it from CSV add ?siklus=2027&nama=... (or import a full Excel workbook)."));
            return;
        }

        document.Cycle = cycle ?? existing!.Cycle;
        document.Name = string.IsNullOrWhiteSpace(name) ? existing!.Name : name.Trim();
        document.Official = existing?.Official ?? false;
        document.Provenance = existing?.Provenance;
        foreach (var tatanan in document.Tatanan)
        {
            var known = existing?.Tatanan.FirstOrDefault(t => t.Number == tatanan.Number);
            tatanan.SheetName ??= known?.SheetName;
            tatanan.ExpectedIndicatorCount ??= known?.ExpectedIndicatorCount;
            tatanan.Name = string.IsNullOrWhiteSpace(tatanan.Name) ? known?.Name ?? "" : tatanan.Name;
        }

        foreach (var prerequisite in existing?.Prerequisites ?? [])
        {
            document.Prerequisites.Add(prerequisite);
        }

        foreach (var item in existing?.Kelembagaan ?? [])
        {
            document.Kelembagaan.Add(item);
        }
    }

    private static async Task<InstrumentDocument> ReadJsonAsync(Stream content, string id, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        try
        {
            var document = await JsonSerializer.DeserializeAsync<InstrumentDocument>(content, InstrumentFiles.Json, cancellationToken).ConfigureAwait(false) ?? new InstrumentDocument();
            if (!string.IsNullOrEmpty(document.Id) && document.Id != id)
            {
                problems.Add(ImportProblem.At(null, $"Id '{document.Id}' di berkas berbeda dengan alamat ('{id}'): samakan.", $"The file's id '{document.Id}' differs from the address ('{id}')."));
            }

            return document;
        }
        catch (JsonException e)
        {
            problems.Add(ImportProblem.At(null, $"JSON tidak sah ({e.Message}): perbaiki berkasnya.", $"Invalid JSON ({e.Message}): fix the file."));
            return new InstrumentDocument { Id = id };
        }
    }
}
