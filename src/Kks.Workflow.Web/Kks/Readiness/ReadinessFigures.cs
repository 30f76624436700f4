using Kks.Workflow.Web.Campaigns;

namespace Kks.Workflow.Web.Readiness;

public sealed record TatananFigure(int Number, string Name, int Indicators, int Approved, double ApprovedPercent, double ScorePercent, double? ProvincePercent);

public sealed record OpdFigure(string Code, string Name, int Indicators, int Approved, double ApprovedPercent, double ScorePercent, int Overdue);

/// <summary>
/// One day of the burn-down: indicators not approved at the end of that day (null for days still ahead), the days then
/// left to the verification date, and the even pace from all open at the rakor to none at the verification.
/// </summary>
public sealed record BurnDownPoint(DateOnly Day, int DaysLeft, int? Open, double Ideal);

/// <summary>
/// The dashboard's figures, computed from <see cref="CampaignReadiness"/>: per tatanan (weakest first) and per OPD the
/// share of indicators with approved evidence and the self-assessment score (the average of the indicator scores as a
/// percentage; an indicator not scored yet counts 0, so the figure shows how far the campaign still is from its
/// target), the overall score with the projected award (<see cref="AwardProjection"/>), and the burn-down.
/// </summary>
public sealed record ReadinessFigures(
    int Indicators,
    int Approved,
    double ApprovedPercent,
    double ScorePercent,
    double? ProvincePercent,
    IReadOnlyList<TatananFigure> Tatanan,
    IReadOnlyList<OpdFigure> Opds,
    IReadOnlyList<BurnDownPoint> BurnDown,
    AwardProjection Award)
{
    public static ReadinessFigures Compute(CampaignReadiness readiness)
    {
        ArgumentNullException.ThrowIfNull(readiness);
        var all = readiness.Indicators;
        var tatanan = all.GroupBy(i => (i.TatananNumber, i.TatananName)).Select(g => new TatananFigure(
                g.Key.TatananNumber, g.Key.TatananName, g.Count(), g.Count(IsApproved), Share(g.Count(IsApproved), g.Count()), Score(g.Select(i => i.SelfScore)),
                g.Any(i => i.ProvinceScore is not null) ? g.Where(i => i.ProvinceScore is not null).Average(i => (double)i.ProvinceScore!.Value) : null))
            .OrderBy(t => t.ScorePercent).ThenBy(t => t.ApprovedPercent).ThenBy(t => t.Number).ToList();
        var parts = all.SelectMany(i => i.Parts).ToList();
        var opds = parts.GroupBy(p => (p.OpdCode, p.OpdName)).Select(g => new OpdFigure(
                g.Key.OpdCode, g.Key.OpdName, g.Count(), g.Count(p => p.State == ReadinessState.Disetujui),
                Share(g.Count(p => p.State == ReadinessState.Disetujui), g.Count()), Score(g.Select(p => p.SelfScore)),
                readiness.Overdue.Count(o => o.OpdCode == g.Key.OpdCode)))
            .OrderBy(o => o.ApprovedPercent).ThenBy(o => o.Name, StringComparer.Ordinal).ToList();
        var score = Score(all.Select(i => i.SelfScore));
        var province = all.Any(i => i.ProvinceScore is not null) ? all.Where(i => i.ProvinceScore is not null).Average(i => (double)i.ProvinceScore!.Value) : (double?)null;
        var award = AwardProjection.Project(readiness.Prerequisites, readiness.OdfPercent, all.Count == 0 ? null : score);
        return new ReadinessFigures(all.Count, all.Count(IsApproved), Share(all.Count(IsApproved), all.Count), score, province, tatanan, opds,
            BurnDownOf(readiness), award);
    }

    public static string StateWord(ReadinessState state) => state switch
    {
        ReadinessState.Disetujui => "disetujui",
        ReadinessState.Dikirim => "dikirim",
        ReadinessState.Revisi => "revisi",
        _ => "belum",
    };

    private static bool IsApproved(IndicatorReadiness i) => i.State == ReadinessState.Disetujui;

    private static double Share(int part, int whole) => whole == 0 ? 0 : 100.0 * part / whole;

    private static double Score(IEnumerable<int?> scores)
    {
        var list = scores.ToList();
        return list.Count == 0 ? 0 : list.Average(s => (double)(s ?? 0));
    }

    /// <summary>
    /// Every day from the rakor to the verification date: the indicators still open at the end of it (from the
    /// approval times; none for days ahead), against the straight line from all open at the rakor to none at the
    /// verification date.
    /// </summary>
    private static List<BurnDownPoint> BurnDownOf(CampaignReadiness readiness)
    {
        var campaign = readiness.Campaign;
        if (campaign.RakorDate is not { } start || campaign.VerificationDate is not { } end || end <= start)
        {
            return [];
        }

        var zone = readiness.Zone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(readiness.Now, zone).DateTime);
        var approvedOn = readiness.Indicators.Select(i => i.ApprovedAt is { } at ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime) : (DateOnly?)null).ToList();
        var total = readiness.Indicators.Count;
        var span = end.DayNumber - start.DayNumber;
        var points = new List<BurnDownPoint>();
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            int? open = day <= today ? total - approvedOn.Count(a => a is { } d && d <= day) : null;
            points.Add(new BurnDownPoint(day, end.DayNumber - day.DayNumber, open, Math.Round(total * (double)(end.DayNumber - day.DayNumber) / span, 1)));
        }

        return points;
    }
}
