using System.Globalization;
using Kks.Workflow.Engine;
using Kks.Workflow.Web.Instruments;

namespace Kks.Workflow.Web.Campaigns;

/// <summary>
/// The award level a regency can expect from its ODF share and its indicator score, by the instrument's
/// prerequisites (Padapa ODF ≥80% and score ≥71%, Wiwerda ≥90% and ≥81%, Wistara 100% and ≥91%): the lower of what
/// the ODF share allows (the ceiling: "ODF 84%: paling tinggi Padapa") and what the score reaches. Null level: none.
/// </summary>
public sealed record AwardProjection(string? Level, string? OdfCeiling, string? ScoreLevel, BilingualText Reason)
{
    public static AwardProjection Project(IReadOnlyList<PrerequisiteDocument> prerequisites, double? odfPercent, double? scorePercent)
    {
        ArgumentNullException.ThrowIfNull(prerequisites);
        var levels = prerequisites.OrderBy(p => p.Rank).ToList();
        if (levels.Count == 0)
        {
            return new(null, null, null, new("Instrumen ini tidak punya prasyarat tingkat penghargaan.", "This instrument has no award-level prerequisites."));
        }

        var lowest = levels[0];
        var odfCeiling = odfPercent is { } odf ? levels.LastOrDefault(p => odf >= p.MinOdfPercent) : null;
        var scoreLevel = scorePercent is { } score ? levels.LastOrDefault(p => score >= p.MinScorePercent) : null;
        string odfText, odfEnglish;
        if (odfPercent is null)
        {
            (odfText, odfEnglish) = ("ODF belum diisi", "ODF not entered");
        }
        else if (odfCeiling is null)
        {
            (odfText, odfEnglish) = ($"ODF {Percent(odfPercent.Value)}: di bawah {lowest.MinOdfPercent}%, belum memenuhi syarat {lowest.AwardLevel}",
                $"ODF {Percent(odfPercent.Value)}: below {lowest.MinOdfPercent}%, not eligible for {lowest.AwardLevel}");
        }
        else
        {
            var next = levels.FirstOrDefault(p => p.Rank > odfCeiling.Rank);
            (odfText, odfEnglish) = next is null
                ? ($"ODF {Percent(odfPercent.Value)}: memenuhi syarat {odfCeiling.AwardLevel}", $"ODF {Percent(odfPercent.Value)}: eligible for {odfCeiling.AwardLevel}")
                : ($"ODF {Percent(odfPercent.Value)}: paling tinggi {odfCeiling.AwardLevel} ({next.AwardLevel} perlu ODF ≥{next.MinOdfPercent}%)",
                    $"ODF {Percent(odfPercent.Value)}: at most {odfCeiling.AwardLevel} ({next.AwardLevel} needs ODF ≥{next.MinOdfPercent}%)");
        }

        string scoreText, scoreEnglish;
        if (scorePercent is null)
        {
            (scoreText, scoreEnglish) = ("nilai belum dihitung", "score not computed yet");
        }
        else
        {
            (scoreText, scoreEnglish) = scoreLevel is null
                ? ($"nilai {Percent(scorePercent.Value)}: di bawah {lowest.MinScorePercent}%", $"score {Percent(scorePercent.Value)}: below {lowest.MinScorePercent}%")
                : ($"nilai {Percent(scorePercent.Value)}: cukup untuk {scoreLevel.AwardLevel}", $"score {Percent(scorePercent.Value)}: enough for {scoreLevel.AwardLevel}");
        }

        var level = odfCeiling is null || scoreLevel is null ? null : (odfCeiling.Rank <= scoreLevel.Rank ? odfCeiling : scoreLevel);
        var result = level is null ? ("belum ada tingkat penghargaan", "no award level") : (level.AwardLevel, level.AwardLevel);
        if (scorePercent is null && odfCeiling is not null)
        {
            result = ($"paling tinggi {odfCeiling.AwardLevel}", $"at most {odfCeiling.AwardLevel}");
        }

        return new(level?.AwardLevel, odfCeiling?.AwardLevel, scoreLevel?.AwardLevel,
            new($"{odfText}; {scoreText}. Proyeksi: {result.Item1}.", $"{odfEnglish}; {scoreEnglish}. Projection: {result.Item2}."));
    }

    private static string Percent(double value) => value.ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
