using System.Globalization;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api;
using Kks.Workflow.Web.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Readiness;

/// <summary>
/// Reads a campaign's readiness from what the engine wrote, so every figure was committed in the same transaction as
/// the command that caused it (DESIGN.md's one-way flow; no second copy to drift): the campaign's instance of
/// <c>kks-penilaian</c> (business key = campaign id), its historic tasks of the evidence stage (<see cref="SubmitNode"/>
/// and <see cref="ReviewNode"/>), their completion lines in the history (the variables a task was completed with:
/// <c>nilaiMandiri</c>, <c>keteranganBukti</c>, <c>keputusan</c>, <c>catatanReviu</c>), the evidence files uploaded on
/// the OPD's tasks, and the process variable <c>hasilProvinsi</c> the province's message carries.
/// A task's indicator is its execution's <c>indikator</c> while the task is open; once it ended (the execution is gone)
/// it is the indicator code the task's name carries (the shipped model names the tasks "... ${indikator}").
/// </summary>
public sealed class ReadinessReader(WorkflowDbContext db, CampaignService campaigns, TimeProvider clock, EngineOptions engine)
{
    public const string ProcessKey = "kks-penilaian";
    public const string SubmitNode = "LengkapiBukti";
    public const string ReviewNode = "PeriksaBukti";
    public const string ProvinceVariable = "hasilProvinsi";
    public const string ProvinceReceivedVariable = "hasilProvinsiDiterima";

    public async Task<CampaignReadiness?> ReadAsync(string campaignId, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.GetAsync(campaignId, cancellationToken).ConfigureAwait(false);
        if (campaign is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.InstrumentId == campaign.InstrumentId).Include(i => i.Opds)
            .OrderBy(i => i.TatananNumber).ThenBy(i => i.Number).ToListAsync(cancellationToken).ConfigureAwait(false);
        var tatanan = await db.Tatanan.AsNoTracking().Where(t => t.InstrumentId == campaign.InstrumentId)
            .ToDictionaryAsync(t => t.Number, t => t.Name, cancellationToken).ConfigureAwait(false);
        var taking = campaign.Opds.ToDictionary(o => o.Code, o => o.Name, StringComparer.Ordinal);
        var codes = indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);

        var instance = await db.ProcessInstances.AsNoTracking().Where(i => i.ProcessKey == ProcessKey && i.BusinessKey == campaignId)
            .OrderByDescending(i => i.StartedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var state = instance is null ? null : InstanceStateJson.Deserialize(instance.StateJson);
        var root = state is null ? new Dictionary<string, object?>() : InstanceStates.Visible(state, null);

        var tasks = new List<TaskLine>();
        var evidence = new List<EvidenceFileRecord>();
        var overdue = new List<OverdueTask>();
        if (instance is not null && state is not null)
        {
            var historic = await db.HistoricTasks.AsNoTracking().Where(t => t.InstanceId == instance.Id && (t.NodeId == SubmitNode || t.NodeId == ReviewNode))
                .Select(t => new { t.Id, t.NodeId, t.Name, t.ExecutionId, t.CreatedAt, t.EndedAt, t.EndReason, t.DueAt })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var groups = (await db.HistoricTaskCandidates.AsNoTracking()
                    .Where(c => c.Kind == CandidateKind.Group && db.HistoricTasks.Any(t => t.Id == c.TaskId && t.InstanceId == instance.Id && t.NodeId == SubmitNode))
                    .Select(c => new { c.TaskId, c.Value }).ToListAsync(cancellationToken).ConfigureAwait(false))
                .GroupBy(c => c.TaskId).ToDictionary(g => g.Key, g => g.Select(c => c.Value).ToList(), StringComparer.Ordinal);
            var completions = (await db.History.AsNoTracking().Where(h => h.InstanceId == instance.Id && h.Kind == nameof(HistoryKind.TaskCompleted) && h.TaskId != null)
                    .Select(h => new { h.TaskId, h.DataJson, h.Time }).ToListAsync(cancellationToken).ConfigureAwait(false))
                .GroupBy(h => h.TaskId!).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
            var openExecutions = state.Tasks.ToDictionary(t => t.Id, t => InstanceStates.Visible(state, t.ExecutionId), StringComparer.Ordinal);

            foreach (var t in historic)
            {
                var variables = openExecutions.GetValueOrDefault(t.Id);
                var code = variables?.GetValueOrDefault("indikator") as string ?? CodeInName(t.Name, codes);
                var opd = variables?.GetValueOrDefault("opd") as string ?? groups.GetValueOrDefault(t.Id)?.FirstOrDefault(taking.ContainsKey);
                if (code is null)
                {
                    continue;
                }

                var done = completions.GetValueOrDefault(t.Id);
                var data = done?.DataJson is null ? null : InstanceStateJson.DeserializeValue(done.DataJson) as IReadOnlyDictionary<string, object?>;
                tasks.Add(new TaskLine(t.Id, t.NodeId, code, opd, t.ExecutionId, t.CreatedAt, t.EndedAt, t.EndReason, t.DueAt, done?.Time, data));
            }

            // The OPD of an ended review task is the one whose submission it follows: the token moves from the OPD's task
            // to the review on the same execution (an indicator with several owners has one execution per owner).
            tasks = tasks.Select(t => t.Opd is not null || t.Node != ReviewNode ? t : t with
            {
                Opd = tasks.Where(s => s.Node == SubmitNode && s.Code == t.Code && s.Completed <= t.Created)
                    .OrderBy(s => s.ExecutionId == t.ExecutionId).ThenBy(s => s.Completed).LastOrDefault()?.Opd,
            }).ToList();

            var submitIds = tasks.Where(t => t.Node == SubmitNode).Select(t => t.Id).ToList();
            evidence = await db.EvidenceFiles.AsNoTracking().Where(e => e.InstanceId == instance.Id && e.ReplacedAt == null && submitIds.Contains(e.TaskId))
                .OrderBy(e => e.FileName).ToListAsync(cancellationToken).ConfigureAwait(false);

            var openIds = state.Tasks.Where(t => t.DueDate is { } due && due < now).Select(t => t.Id).ToList();
            var openGroups = await db.TaskCandidates.AsNoTracking().Where(c => c.Kind == CandidateKind.Group && openIds.Contains(c.TaskId))
                .Select(c => new { c.TaskId, c.Value }).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var task in state.Tasks.Where(t => openIds.Contains(t.Id)))
            {
                foreach (var group in openGroups.Where(g => g.TaskId == task.Id && taking.ContainsKey(g.Value)))
                {
                    overdue.Add(new OverdueTask(task.Id, task.Name, group.Value, taking[group.Value], task.DueDate!.Value));
                }
            }
        }

        var province = ProvinceResults.FromVariable(root.GetValueOrDefault(ProvinceVariable));
        var byIndicator = tasks.GroupBy(t => t.Code).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var result = new List<IndicatorReadiness>();
        foreach (var indicator in indicators)
        {
            var lines = byIndicator.GetValueOrDefault(indicator.Code) ?? [];
            var owners = indicator.Opds.OrderBy(o => o.Position).Select(o => o.OpdCode).Where(taking.ContainsKey).ToList();
            if (owners.Count == 0)
            {
                continue;
            }

            var parts = owners.Select(opd => Part(indicator.Code, opd, taking[opd], lines.Where(l => l.Opd == opd).OrderBy(l => l.Created).ToList())).ToList();
            var approvedTaskIds = lines.Where(l => l.Node == SubmitNode && parts.Any(p => p.OpdCode == l.Opd && p.State == ReadinessState.Disetujui))
                .ToDictionary(l => l.Id, l => l.Opd!, StringComparer.Ordinal);
            var files = evidence.Where(e => approvedTaskIds.ContainsKey(e.TaskId))
                .Select(e => new EvidenceRef(e.Id, e.FileName, e.ContentType, e.SizeBytes, e.ContentHash, approvedTaskIds[e.TaskId])).ToList();
            var scores = parts.Where(p => p.SelfScore is not null).Select(p => p.SelfScore!.Value).ToList();
            var provinceLine = province.GetValueOrDefault(indicator.Code);
            result.Add(new IndicatorReadiness(indicator.Code, indicator.TatananNumber, tatanan.GetValueOrDefault(indicator.TatananNumber, ""), indicator.Number,
                indicator.Name, indicator.Target, parts.Min(p => p.State), scores.Count == parts.Count ? scores.Min() : null, parts, files,
                provinceLine?.Score, provinceLine?.Note));
        }

        var odf = campaign.LatestOdf;
        var odfPercent = odf?.Percent ?? Number(root.GetValueOrDefault("odfPersen"));
        var odfSource = odf?.Source ?? root.GetValueOrDefault("sumberOdf") as string;
        var prerequisites = await db.InstrumentPrerequisites.AsNoTracking().Where(p => p.InstrumentId == campaign.InstrumentId).OrderBy(p => p.Rank)
            .Select(p => new Instruments.PrerequisiteDocument { AwardLevel = p.AwardLevel, Rank = p.Rank, MinOdfPercent = p.MinOdfPercent, MinScorePercent = p.MinScorePercent, MaxScorePercent = p.MaxScorePercent })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var received = root.GetValueOrDefault(ProvinceReceivedVariable) as DateTimeOffset?;
        return new CampaignReadiness(campaign, instance?.Id, now, result, odfPercent, odfSource,
            overdue.OrderBy(o => o.OpdName, StringComparer.Ordinal).ThenBy(o => o.DueAt).ToList(), received, prerequisites, engine.TimeZone);
    }

    private static AssignmentReadiness Part(string code, string opd, string opdName, List<TaskLine> lines)
    {
        var submits = lines.Where(l => l.Node == SubmitNode).ToList();
        var reviews = lines.Where(l => l.Node == ReviewNode).ToList();
        var lastSubmit = submits.LastOrDefault(s => s.Completed is not null);
        var lastReview = reviews.LastOrDefault(r => r.Completed is not null);
        var openSubmit = submits.LastOrDefault(s => s.Ended is null);
        var openReview = reviews.LastOrDefault(r => r.Ended is null);
        var revisions = reviews.Count(r => r.Completed is not null && Text(r.Data, "keputusan") != "setuju");
        var approved = lastReview is not null && Text(lastReview.Data, "keputusan") == "setuju" && openSubmit is null && openReview is null;
        var state = approved ? ReadinessState.Disetujui
            : openReview is not null ? ReadinessState.Dikirim
            : revisions > 0 ? ReadinessState.Revisi
            : ReadinessState.Belum;
        var score = Number(lastSubmit?.Data?.GetValueOrDefault("nilaiMandiri")) is { } s ? (int)s : (int?)null;
        return new AssignmentReadiness(code, opd, opdName, state, score, Text(lastSubmit?.Data, "keteranganBukti"), Text(lastReview?.Data, "catatanReviu"),
            revisions, approved ? lastReview!.Completed : null, openSubmit?.Id ?? openReview?.Id, openSubmit?.Due);
    }

    /// <summary>The indicator code a task's name carries ("Lengkapi bukti dukung T2.3"): the last word that is a code of the instrument.</summary>
    internal static string? CodeInName(string? name, IReadOnlySet<string> codes) =>
        name?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Reverse().FirstOrDefault(codes.Contains);

    private static string? Text(IReadOnlyDictionary<string, object?>? data, string name) =>
        data?.GetValueOrDefault(name) is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    internal static double? Number(object? value) => value switch
    {
        long l => l,
        int i => i,
        double d => d,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private sealed record TaskLine(
        string Id, string Node, string Code, string? Opd, string ExecutionId, DateTimeOffset Created, DateTimeOffset? Ended, string? EndReason, DateTimeOffset? Due,
        DateTimeOffset? Completed, IReadOnlyDictionary<string, object?>? Data);
}
