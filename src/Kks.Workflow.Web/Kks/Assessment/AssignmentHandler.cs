using Kks.Workflow.Engine;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Web.Instruments;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Assessment;

/// <summary>
/// <c>camunda:delegateExpression="${kksPenugasan}"</c>: reads the campaign named by the input parameter
/// <c>kampanye</c> and hands the KKS workflow what it fans out over: <c>opdList</c> (the taking-part OPDs that own
/// at least one indicator), <c>penugasan</c> (OPD code -> its indicator codes, one task each), <c>batasDokumen</c>
/// (documents due, 16:00 local on the campaign's date), <c>tanggalVerifikasi</c> (08:00 local on the verification
/// date) and <c>ambangOdf</c> (the lowest award level's ODF threshold in the campaign's instrument). Read-only, so
/// running it twice after a crash is harmless. An unknown campaign, or one without dates, fails the job with a
/// sentence saying what to fill in (retries, then an incident the secretariat can retry after fixing it).
/// </summary>
internal sealed class AssignmentHandler(IServiceScopeFactory scopes, EngineOptions engine) : IServiceTaskHandler
{
    public string Name => "kksPenugasan";

    /// <summary>The Padapa threshold of the 2023 and 2025 rules, used when the instrument states none.</summary>
    private const long DefaultOdfThreshold = 80;

    public async Task<IReadOnlyDictionary<string, object?>?> ExecuteAsync(JobState job, ProcessInstanceState instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var campaignId = (job.Inputs ?? []).GetValueOrDefault("kampanye") as string;
        if (string.IsNullOrWhiteSpace(campaignId))
        {
            throw new InvalidOperationException(
                "Parameter masukan 'kampanye' kosong: mulai proses dengan variabel kampanye berisi id kampanye (misalnya kampar-2023). "
                + "/ The input parameter 'kampanye' is empty: start the process with a variable kampanye holding the campaign id.");
        }

        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException(
                    $"Kampanye '{campaignId}' tidak ada: periksa id-nya di halaman kampanye. / Campaign '{campaignId}' does not exist.");
            if (campaign.DocumentsDueDate is not { } due || campaign.VerificationDate is not { } verification)
            {
                throw new InvalidOperationException(
                    $"Kampanye '{campaignId}' belum punya tanggal batas dokumen dan tanggal verifikasi: isi keduanya, lalu ulangi. "
                    + $"/ Campaign '{campaignId}' lacks its documents-due or verification date.");
            }

            var assignments = await new IndicatorCatalog(db).AssignmentsAsync(campaignId, cancellationToken).ConfigureAwait(false);
            var threshold = await db.InstrumentPrerequisites.AsNoTracking().Where(p => p.InstrumentId == campaign.InstrumentId)
                .OrderBy(p => p.MinOdfPercent).Select(p => (int?)p.MinOdfPercent).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var owning = assignments.Where(a => a.Value.Count > 0).ToList();
            return new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["opdList"] = owning.Select(a => (object?)a.Key).ToList(),
                ["penugasan"] = owning.ToDictionary(a => a.Key, a => (object?)a.Value.Select(code => (object?)code).ToList(), StringComparer.Ordinal),
                ["batasDokumen"] = At(due, 16),
                ["tanggalVerifikasi"] = At(verification, 8),
                ["ambangOdf"] = threshold is { } t ? (long)t : DefaultOdfThreshold,
            };
        }
    }

    private DateTimeOffset At(DateOnly day, int hour)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, engine.TimeZone.GetUtcOffset(local));
    }
}
