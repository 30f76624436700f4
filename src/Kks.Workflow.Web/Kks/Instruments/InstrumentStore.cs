using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Instruments;

/// <summary>A line of the instrument list.</summary>
public sealed record InstrumentSummary(string Id, int Cycle, string Name, bool Official, string? Provenance, string Origin, int TatananCount, int IndicatorCount,
    int? ExpectedIndicatorCount, int TemplateIndicatorCount, DateTimeOffset UpdatedAt, string? UpdatedBy);

/// <summary>Reads and replaces whole instruments in the database. A replace is one transaction: the old content or the new, never half.</summary>
public sealed class InstrumentStore(WorkflowDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<InstrumentSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var instruments = await db.Instruments.AsNoTracking().OrderByDescending(i => i.Cycle).ThenBy(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var tatanan = await db.Tatanan.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var indicators = await db.Indicators.AsNoTracking().Select(i => new { i.InstrumentId, i.Definition }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return instruments.Select(i => new InstrumentSummary(i.Id, i.Cycle, i.Name, i.Official, i.Provenance, i.Origin,
            tatanan.Count(t => t.InstrumentId == i.Id),
            indicators.Count(x => x.InstrumentId == i.Id),
            tatanan.Where(t => t.InstrumentId == i.Id).Sum(t => t.ExpectedIndicatorCount),
            indicators.Count(x => x.InstrumentId == i.Id && InstrumentTemplates.IsTemplate(x.Definition)),
            i.UpdatedAt, i.UpdatedBy)).ToList();
    }

    public Task<InstrumentRecord?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Instruments.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);

    /// <summary>The whole instrument as a document (placeholders already filled in), or null.</summary>
    public async Task<InstrumentDocument?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var instrument = await db.Instruments.AsNoTracking().AsSplitQuery()
            .Include(i => i.Tatanan).ThenInclude(t => t.Indicators).ThenInclude(x => x.ScaleSteps)
            .Include(i => i.Tatanan).ThenInclude(t => t.Indicators).ThenInclude(x => x.Opds)
            .Include(i => i.Prerequisites).Include(i => i.KelembagaanItems)
            .FirstOrDefaultAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false);
        return instrument is null ? null : ToDocument(instrument);
    }

    /// <summary>Replaces the instrument (or creates it) with a validated document.</summary>
    public async Task SaveAsync(InstrumentDocument document, string origin, string? user, string? sourceHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var id = document.Id;
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            // Children first: the order works whether or not the provider enforces the cascades.
            await db.IndicatorScaleSteps.Where(s => s.InstrumentId == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.IndicatorOpds.Where(s => s.InstrumentId == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.Indicators.Where(s => s.InstrumentId == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.Tatanan.Where(s => s.InstrumentId == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.InstrumentPrerequisites.Where(s => s.InstrumentId == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.KelembagaanItems.Where(s => s.InstrumentId == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);

            var record = await db.Instruments.FirstOrDefaultAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                record = new InstrumentRecord { Id = id, Name = document.Name, Origin = origin };
                db.Instruments.Add(record);
            }

            record.Cycle = document.Cycle;
            record.Name = document.Name;
            record.Official = document.Official;
            record.Provenance = document.Provenance;
            record.Origin = origin;
            record.SourceHash = sourceHash;
            record.UpdatedAt = clock.GetUtcNow();
            record.UpdatedBy = user;
            db.Tatanan.AddRange(document.Tatanan.Select(t => new TatananRecord
            {
                InstrumentId = id,
                Number = t.Number,
                Name = t.Name,
                SheetName = t.SheetName,
                ExpectedIndicatorCount = t.ExpectedIndicatorCount,
                Indicators = t.Indicators.Select(i => ToRecord(id, t.Number, i)).ToList(),
            }));
            db.InstrumentPrerequisites.AddRange(document.Prerequisites.Select(p => new InstrumentPrerequisiteRecord
            {
                InstrumentId = id,
                AwardLevel = p.AwardLevel,
                Rank = p.Rank,
                MinOdfPercent = p.MinOdfPercent,
                MinScorePercent = p.MinScorePercent,
                MaxScorePercent = p.MaxScorePercent,
            }));
            db.KelembagaanItems.AddRange(document.Kelembagaan.Select((k, position) => new KelembagaanItemRecord
            {
                InstrumentId = id,
                Code = k.Code,
                Body = k.Body,
                Name = k.Name,
                Position = position,
            }));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        db.ChangeTracker.Clear();
    }

    private static IndicatorRecord ToRecord(string instrumentId, int tatanan, IndicatorDocument i) => new()
    {
        InstrumentId = instrumentId,
        Code = i.Code,
        TatananNumber = tatanan,
        Number = i.Number,
        Name = i.Name.Trim(),
        Definition = i.Definition ?? "",
        DataSource = i.DataSource ?? "",
        RequiredEvidence = i.RequiredEvidence ?? "",
        Target = i.Target,
        Note = i.Note,
        ScaleSteps = (i.Scale ?? []).Select(s => new IndicatorScaleStepRecord { InstrumentId = instrumentId, IndicatorCode = i.Code, Score = s.Score, Condition = s.Condition }).ToList(),
        Opds = i.Opds.Select((o, position) => new IndicatorOpdRecord { InstrumentId = instrumentId, IndicatorCode = i.Code, OpdCode = o, Position = position }).ToList(),
    };

    private static InstrumentDocument ToDocument(InstrumentRecord instrument)
    {
        var document = new InstrumentDocument
        {
            Id = instrument.Id,
            Cycle = instrument.Cycle,
            Name = instrument.Name,
            Official = instrument.Official,
            Provenance = instrument.Provenance,
        };
        foreach (var t in instrument.Tatanan.OrderBy(t => t.Number))
        {
            var tatanan = new TatananDocument { Number = t.Number, Name = t.Name, SheetName = t.SheetName, ExpectedIndicatorCount = t.ExpectedIndicatorCount };
            foreach (var i in t.Indicators.OrderBy(i => i.Number))
            {
                var indicator = new IndicatorDocument
                {
                    Code = i.Code,
                    Number = i.Number,
                    Name = i.Name,
                    Definition = i.Definition,
                    DataSource = i.DataSource,
                    RequiredEvidence = i.RequiredEvidence,
                    Target = i.Target,
                    Note = i.Note,
                    Scale = i.ScaleSteps.OrderBy(s => s.Score).Select(s => new ScaleStepDocument(s.Score, s.Condition)).ToList(),
                };
                foreach (var opd in i.Opds.OrderBy(o => o.Position))
                {
                    indicator.Opds.Add(opd.OpdCode);
                }

                tatanan.Indicators.Add(indicator);
            }

            document.Tatanan.Add(tatanan);
        }

        foreach (var p in instrument.Prerequisites.OrderBy(p => p.Rank))
        {
            document.Prerequisites.Add(new PrerequisiteDocument
            {
                AwardLevel = p.AwardLevel, Rank = p.Rank, MinOdfPercent = p.MinOdfPercent, MinScorePercent = p.MinScorePercent, MaxScorePercent = p.MaxScorePercent,
            });
        }

        foreach (var k in instrument.KelembagaanItems.OrderBy(k => k.Position))
        {
            document.Kelembagaan.Add(new KelembagaanDocument { Code = k.Code, Body = k.Body, Name = k.Name });
        }

        return document;
    }
}
