using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Instruments;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Readiness;

/// <summary>
/// The province's results as the secretariat types them on the page, indicator by indicator, before sending. A draft is
/// only a draft: "Kirim hasil provinsi" sends every drafted line through <see cref="ProvinceResults.SubmitAsync"/>, the
/// code path of the upload (the same checks, all or nothing), and the drafts are cleared once the workflow took them.
/// </summary>
public sealed class ProvinceDrafts(WorkflowDbContext db, ProvinceResults results, TimeProvider clock)
{
    /// <summary>Longest province note kept (a paragraph or two; the workbook cell holds more, but a note is not a report).</summary>
    public const int MaxNoteLength = 4000;

    public async Task<IReadOnlyDictionary<string, ProvinceLine>> ReadAsync(string campaignId, CancellationToken cancellationToken)
    {
        var drafts = await db.ProvinceDrafts.AsNoTracking().Where(d => d.CampaignId == campaignId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return drafts.ToDictionary(d => d.IndicatorCode, d => new ProvinceLine(d.IndicatorCode, d.Score, d.Note), StringComparer.Ordinal);
    }

    /// <summary>
    /// Saves the lines shown on the page (a line with neither score nor note removes its draft). Checks every line first
    /// and saves nothing when one is bad; the problems name the indicator.
    /// </summary>
    public async Task SaveAsync(string campaignId, IReadOnlyCollection<string> indicatorCodes, IReadOnlyList<ProvinceLine> lines, string user, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(indicatorCodes);
        foreach (var line in lines)
        {
            if (!indicatorCodes.Contains(line.Code))
            {
                problems.Add(ImportProblem.At(null, $"kode '{line.Code}' bukan indikator kampanye ini.", $"code '{line.Code}' is not an indicator of this campaign."));
            }
            else if (line.Score is { } score && !ProvinceResults.OnScale(score))
            {
                problems.Add(ImportProblem.At(null, $"nilai provinsi indikator {line.Code} harus 0, 25, 50, 75 atau 100.", $"the province score of {line.Code} must be 0, 25, 50, 75 or 100."));
            }
            else if (line.Note?.Length > MaxNoteLength)
            {
                problems.Add(ImportProblem.At(null, $"catatan provinsi indikator {line.Code} terlalu panjang: paling banyak {MaxNoteLength} karakter, ringkas catatannya.",
                    $"the province note of {line.Code} is too long: at most {MaxNoteLength} characters."));
            }
        }

        if (problems.Count > 0)
        {
            return;
        }

        var codes = lines.Select(l => l.Code).ToList();
        var existing = await db.ProvinceDrafts.Where(d => d.CampaignId == campaignId && codes.Contains(d.IndicatorCode))
            .ToDictionaryAsync(d => d.IndicatorCode, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        foreach (var line in lines)
        {
            existing.TryGetValue(line.Code, out var draft);
            if (line.Score is null && line.Note is null)
            {
                if (draft is not null)
                {
                    db.ProvinceDrafts.Remove(draft);
                }

                continue;
            }

            if (draft is null)
            {
                draft = new ProvinceDraftRecord { CampaignId = campaignId, IndicatorCode = line.Code };
                db.ProvinceDrafts.Add(draft);
            }

            if (draft.Score != line.Score || draft.Note != line.Note)
            {
                (draft.Score, draft.Note, draft.UpdatedBy, draft.UpdatedAt) = (line.Score, line.Note, user, now);
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends every drafted line as the province's results; returns how many were accepted (0 with problems).</summary>
    public async Task<int> SendAsync(string campaignId, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        var drafts = await ReadAsync(campaignId, cancellationToken).ConfigureAwait(false);
        var lines = drafts.Values.OrderBy(l => l.Code, StringComparer.Ordinal).ToList();
        var accepted = await results.SubmitAsync(campaignId, lines, problems, cancellationToken).ConfigureAwait(false);
        if (problems.Count == 0)
        {
            await db.ProvinceDrafts.Where(d => d.CampaignId == campaignId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return accepted;
    }
}
