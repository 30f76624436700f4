using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Instruments;

public sealed record IndicatorOwner(string Code, string Name);

public sealed record IndicatorScaleStep(int Score, string Condition);

/// <summary>Everything a task page shows about an indicator: what is asked, from whom, with what evidence, scored how.</summary>
public sealed record IndicatorInfo(
    string InstrumentId,
    int Cycle,
    bool OfficialInstrument,
    string Code,
    int TatananNumber,
    string TatananName,
    string Name,
    string Definition,
    string DataSource,
    string RequiredEvidence,
    string? Target,
    string? Note,
    IReadOnlyList<IndicatorScaleStep> Scale,
    IReadOnlyList<IndicatorOwner> Owners)
{
    /// <summary>True when a field still holds a [TEMPLAT] placeholder: show it as "not official text yet".</summary>
    public bool HasTemplateText =>
        InstrumentTemplates.IsTemplate(Definition) || InstrumentTemplates.IsTemplate(DataSource) || InstrumentTemplates.IsTemplate(RequiredEvidence)
        || Scale.Any(s => InstrumentTemplates.IsTemplate(s.Condition));
}

/// <summary>
/// Looks indicators up for the pages and the workflow: by code within a campaign (its instrument), a cycle or an
/// instrument; the indicators an OPD owns; and who owns what in a campaign (the assignment step's input).
/// </summary>
public sealed class IndicatorCatalog(WorkflowDbContext db)
{
    public async Task<IndicatorInfo?> FindForCampaignAsync(string campaignId, string code, CancellationToken cancellationToken)
    {
        var instrumentId = await InstrumentOfCampaignAsync(campaignId, cancellationToken).ConfigureAwait(false);
        return instrumentId is null ? null : await FindAsync(instrumentId, code, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The indicator in the instrument of a cycle (the official one first, then the newest).</summary>
    public async Task<IndicatorInfo?> FindForCycleAsync(int cycle, string code, CancellationToken cancellationToken)
    {
        var instrumentId = await db.Instruments.AsNoTracking().Where(i => i.Cycle == cycle)
            .OrderByDescending(i => i.Official).ThenByDescending(i => i.Id).Select(i => i.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return instrumentId is null ? null : await FindAsync(instrumentId, code, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IndicatorInfo?> FindAsync(string instrumentId, string code, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(instrumentId, db.Indicators.Where(i => i.InstrumentId == instrumentId && i.Code == code), cancellationToken).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>The indicators an OPD owns (alone or with others) in a campaign's instrument, in tatanan and number order.</summary>
    public async Task<IReadOnlyList<IndicatorInfo>> ForOpdAsync(string campaignId, string opdCode, CancellationToken cancellationToken)
    {
        var instrumentId = await InstrumentOfCampaignAsync(campaignId, cancellationToken).ConfigureAwait(false);
        if (instrumentId is null)
        {
            return [];
        }

        var owned = db.IndicatorOpds.Where(o => o.InstrumentId == instrumentId && o.OpdCode == opdCode).Select(o => o.IndicatorCode);
        return await QueryAsync(instrumentId, db.Indicators.Where(i => i.InstrumentId == instrumentId && owned.Contains(i.Code)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// For each OPD taking part in the campaign, the codes of the indicators it owns (an indicator with several owners
    /// is listed under each). OPDs owning nothing are listed with an empty list, so nobody is silently skipped.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> AssignmentsAsync(string campaignId, CancellationToken cancellationToken)
    {
        var instrumentId = await InstrumentOfCampaignAsync(campaignId, cancellationToken).ConfigureAwait(false);
        var opds = await db.CampaignOpds.AsNoTracking().Where(o => o.CampaignId == campaignId).Select(o => o.OpdCode).ToListAsync(cancellationToken).ConfigureAwait(false);
        var owned = await db.IndicatorOpds.AsNoTracking().Where(o => o.InstrumentId == instrumentId && opds.Contains(o.OpdCode))
            .Join(db.Indicators, o => new { o.InstrumentId, Code = o.IndicatorCode }, i => new { i.InstrumentId, i.Code }, (o, i) => new { o.OpdCode, i.Code, i.TatananNumber, i.Number })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return opds.Order(StringComparer.Ordinal).ToDictionary(
            opd => opd,
            opd => (IReadOnlyList<string>)owned.Where(o => o.OpdCode == opd).OrderBy(o => o.TatananNumber).ThenBy(o => o.Number).Select(o => o.Code).ToList(),
            StringComparer.Ordinal);
    }

    private Task<string?> InstrumentOfCampaignAsync(string campaignId, CancellationToken cancellationToken) =>
        db.Campaigns.AsNoTracking().Where(c => c.Id == campaignId).Select(c => c.InstrumentId).FirstOrDefaultAsync(cancellationToken);

    private async Task<IReadOnlyList<IndicatorInfo>> QueryAsync(string instrumentId, IQueryable<IndicatorRecord> indicators, CancellationToken cancellationToken)
    {
        var instrument = await db.Instruments.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instrumentId, cancellationToken).ConfigureAwait(false);
        if (instrument is null)
        {
            return [];
        }

        var rows = await indicators.AsNoTracking().AsSplitQuery().Include(i => i.ScaleSteps).Include(i => i.Opds)
            .OrderBy(i => i.TatananNumber).ThenBy(i => i.Number).ToListAsync(cancellationToken).ConfigureAwait(false);
        var tatanan = await db.Tatanan.AsNoTracking().Where(t => t.InstrumentId == instrumentId).ToDictionaryAsync(t => t.Number, t => t.Name, cancellationToken).ConfigureAwait(false);
        var opdCodes = rows.SelectMany(r => r.Opds).Select(o => o.OpdCode).Distinct().ToList();
        var opdNames = await db.Opds.AsNoTracking().Where(o => opdCodes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, o => o.Name, cancellationToken).ConfigureAwait(false);
        return rows.Select(i => new IndicatorInfo(
            instrument.Id, instrument.Cycle, instrument.Official, i.Code, i.TatananNumber, tatanan.GetValueOrDefault(i.TatananNumber, ""), i.Name,
            i.Definition, i.DataSource, i.RequiredEvidence, i.Target, i.Note,
            i.ScaleSteps.OrderBy(s => s.Score).Select(s => new IndicatorScaleStep(s.Score, s.Condition)).ToList(),
            i.Opds.OrderBy(o => o.Position).Select(o => new IndicatorOwner(o.OpdCode, opdNames.GetValueOrDefault(o.OpdCode, o.OpdCode))).ToList())).ToList();
    }
}
