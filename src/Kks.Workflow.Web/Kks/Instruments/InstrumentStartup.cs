using Kks.Workflow.Web.Hosting;
using Kks.Workflow.Web.Campaigns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kks.Workflow.Web.Instruments;

/// <summary>
/// At every start, after the database is migrated and the accounts seeded (registered after the startup initializer):
/// loads the shipped instrument files that are new or changed, and with Seed:Demo creates the demo campaign.
/// Idempotent: an unchanged file is not loaded again, and an instrument the secretariat has edited or imported is
/// never overwritten by a file (its origin is no longer that file).
/// </summary>
internal sealed partial class InstrumentStartup(IServiceScopeFactory scopes, IOptions<SeedOptions> seed, ILogger<InstrumentStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<InstrumentStore>();
        if (Directory.Exists(InstrumentFiles.ShippedDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(InstrumentFiles.ShippedDirectory, "*.json").Order(StringComparer.Ordinal))
            {
                await LoadAsync(store, file, cancellationToken).ConfigureAwait(false);
            }
        }

        if (seed.Value.Demo)
        {
            await scope.ServiceProvider.GetRequiredService<DemoCampaign>().SeedAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task LoadAsync(InstrumentStore store, string file, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        var hash = InstrumentFiles.Hash(bytes);
        var origin = "file:" + Path.GetFileName(file);
        var document = InstrumentFiles.Parse(bytes);
        var existing = await store.FindAsync(document.Id, cancellationToken).ConfigureAwait(false);
        if (existing is not null && (existing.Origin != origin || existing.SourceHash == hash))
        {
            if (existing.Origin != origin)
            {
                LogKept(logger, document.Id, existing.Origin, file);
            }

            return;
        }

        InstrumentTemplates.FillMissing(document);
        var problems = InstrumentValidator.Validate(document, knownOpds: null);
        if (problems.Count > 0)
        {
            // A shipped file is part of the build: a bad one is a bug to fix, not something to run without.
            throw new InvalidOperationException($"The shipped instrument {file} is invalid: {string.Join("; ", problems.Select(p => p.English))}");
        }

        try
        {
            await store.SaveAsync(document, origin, "system", hash, cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another node sharing the database (PostgreSQL) may have loaded the same file at the same moment: then
            // there is nothing left to do; anything else is a real failure.
            if ((await store.FindAsync(document.Id, cancellationToken).ConfigureAwait(false))?.SourceHash != hash)
            {
                throw;
            }

            return;
        }

        var count = document.Indicators().Count();
        LogLoaded(logger, document.Id, count, file);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Instrument {Id} loaded from {File}: {Count} indicators")]
    private static partial void LogLoaded(ILogger logger, string id, int count, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instrument {Id} was last written by {Origin}: the shipped file {File} is not loaded over it")]
    private static partial void LogKept(ILogger logger, string id, string origin, string file);
}
