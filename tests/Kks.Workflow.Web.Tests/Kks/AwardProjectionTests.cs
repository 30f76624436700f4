using Kks.Workflow.Web.Campaigns;
using Kks.Workflow.Web.Instruments;

namespace Kks.Workflow.Web.Tests.Instruments;

public sealed class AwardProjectionTests
{
    private static readonly PrerequisiteDocument[] Levels =
    [
        new() { AwardLevel = "Wistara", Rank = 3, MinOdfPercent = 100, MinScorePercent = 91 },
        new() { AwardLevel = "Padapa", Rank = 1, MinOdfPercent = 80, MinScorePercent = 71, MaxScorePercent = 80 },
        new() { AwardLevel = "Wiwerda", Rank = 2, MinOdfPercent = 90, MinScorePercent = 81, MaxScorePercent = 90 },
    ];

    [Theory]
    [InlineData(84, 86, "Padapa", "Padapa", "Wiwerda")]   // Kampar 2023: ODF 84% holds a Wiwerda score down to Padapa
    [InlineData(95, 86, "Wiwerda", "Wiwerda", "Wiwerda")]
    [InlineData(100, 95, "Wistara", "Wistara", "Wistara")]
    [InlineData(100, 75, "Padapa", "Wistara", "Padapa")]
    [InlineData(75, 95, null, null, "Wistara")]
    [InlineData(90, 60, null, "Wiwerda", null)]
    public void Project_LowerOfOdfCeilingAndScore(double odf, double score, string? level, string? ceiling, string? byScore)
    {
        var projection = AwardProjection.Project(Levels, odf, score);
        Assert.Equal((level, ceiling, byScore), (projection.Level, projection.OdfCeiling, projection.ScoreLevel));
    }

    [Fact]
    public void Project_Odf84WithoutScore_SaysAtMostPadapa()
    {
        var projection = AwardProjection.Project(Levels, 84, null);
        Assert.Null(projection.Level);
        Assert.Equal("ODF 84%: paling tinggi Padapa (Wiwerda perlu ODF ≥90%); nilai belum dihitung. Proyeksi: paling tinggi Padapa.", projection.Reason.Indonesian);
        Assert.StartsWith("ODF 84%: at most Padapa", projection.Reason.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Project_OdfBelowEveryLevel_SaysWhichThresholdIsMissed()
    {
        var projection = AwardProjection.Project(Levels, 72.5, 88);
        Assert.Equal("ODF 72.5%: di bawah 80%, belum memenuhi syarat Padapa; nilai 88%: cukup untuk Wiwerda. Proyeksi: belum ada tingkat penghargaan.", projection.Reason.Indonesian);
    }
}
