using Kks.Workflow.Persistence;
using Kks.Workflow.Web.Instruments;
using Kks.Workflow.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kks.Workflow.Web.Tests.Instruments;

[Collection(WebTests.Name)]
public sealed class InstrumentLoadingTests(WebFixture app)
{
    [Fact]
    public async Task Start_Loads2025InstrumentFromReference_136IndicatorsWithScalesAndOwners()
    {
        var document = await KksTestData.InScopeAsync(app, sp => sp.GetRequiredService<InstrumentStore>().LoadAsync("kks-2025", default));
        Assert.NotNull(document);
        Assert.Equal(2025, document.Cycle);
        Assert.False(document.Official);
        Assert.Contains("TIDAK RESMI", document.Provenance, StringComparison.Ordinal);
        Assert.Equal([29, 22, 11, 13, 11, 12, 11, 13, 14], document.Tatanan.Select(t => t.Indicators.Count));
        Assert.Equal(136, document.Indicators().Count());
        Assert.Equal("Tatanan 5 Perkantoran & Perindu", document.Tatanan[4].SheetName);
        Assert.All(document.Indicators(), i =>
        {
            Assert.Equal([0, 25, 50, 75, 100], i.Scale!.Select(s => s.Score));
            Assert.NotEmpty(i.Opds);
            Assert.False(string.IsNullOrWhiteSpace(i.Definition));
        });
        // What the reference lacks is a marked placeholder, never official-looking text.
        Assert.All(document.Indicators(), i => Assert.StartsWith("[TEMPLAT]", i.Definition, StringComparison.Ordinal));
        Assert.Equal(["Padapa", "Wiwerda", "Wistara"], document.Prerequisites.Select(p => p.AwardLevel));
        Assert.Equal([80, 90, 100], document.Prerequisites.Select(p => p.MinOdfPercent));
        Assert.Equal(14, document.Kelembagaan.Count);
    }

    [Fact]
    public async Task Start_Loads2023InstrumentAsNineTatananWithoutIndicators()
    {
        var document = await KksTestData.InScopeAsync(app, sp => sp.GetRequiredService<InstrumentStore>().LoadAsync("kks-2023", default));
        Assert.NotNull(document);
        Assert.Equal(9, document.Tatanan.Count);
        Assert.Empty(document.Indicators());
        Assert.Equal(147, document.Tatanan.Sum(t => t.ExpectedIndicatorCount));
        Assert.Contains("TIDAK LENGKAP", document.Provenance, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_FindsIndicatorByCycle_WithSourceTargetScaleAndOwners()
    {
        var tb = await KksTestData.InScopeAsync(app, sp => sp.GetRequiredService<IndicatorCatalog>().FindForCycleAsync(2025, "T1.7", default));
        Assert.NotNull(tb);
        Assert.Equal(("kks-2025", "Cakupan penemuan kasus TBC", "≥90%", "Dinkes; SITB"), (tb.InstrumentId, tb.Name, tb.Target, tb.DataSource));
        Assert.Equal("Kehidupan Masyarakat Sehat Mandiri", tb.TatananName);
        Assert.Equal(["dinkes"], tb.Owners.Select(o => o.Code));
        Assert.Equal(5, tb.Scale.Count);
        Assert.True(tb.HasTemplateText);

        var shared = await KksTestData.InScopeAsync(app, sp => sp.GetRequiredService<IndicatorCatalog>().FindAsync("kks-2025", "T7.4", default));
        Assert.Equal(["dishub", "diskominfo", "dinkes"], shared!.Owners.Select(o => o.Code));
        Assert.Null(await KksTestData.InScopeAsync(app, sp => sp.GetRequiredService<IndicatorCatalog>().FindForCycleAsync(2025, "T99.1", default)));
    }

    [Fact]
    public async Task Restart_UnchangedFileNotReloaded_EditedInstrumentKept_ChangedFileReloaded()
    {
        // A throw-away copy of a shipped file's row state: work on kks-2023, the smaller one, and put it back at the end.
        await SetAsync(db => db.Instruments.Where(i => i.Id == "kks-2023").ExecuteUpdateAsync(s => s.SetProperty(i => i.Name, "diubah")));
        await RunStartupAsync();
        Assert.Equal("diubah", await NameAsync()); // same file hash: not loaded again

        await SetAsync(db => db.Instruments.Where(i => i.Id == "kks-2023").ExecuteUpdateAsync(s => s.SetProperty(i => i.Origin, "xlsx").SetProperty(i => i.SourceHash, (string?)null)));
        await RunStartupAsync();
        Assert.Equal("diubah", await NameAsync()); // edited by an import: the file never overwrites it

        await SetAsync(db => db.Instruments.Where(i => i.Id == "kks-2023").ExecuteUpdateAsync(s => s.SetProperty(i => i.Origin, "file:kks-2023.json").SetProperty(i => i.SourceHash, "lama")));
        await RunStartupAsync();
        Assert.StartsWith("Instrumen Penilaian Kabupaten/Kota Sehat 2023", await NameAsync(), StringComparison.Ordinal); // the file changed: reloaded
    }

    private async Task RunStartupAsync()
    {
        var startup = app.Services.GetServices<IHostedService>().OfType<InstrumentStartup>().Single();
        await startup.StartAsync(default);
    }

    private Task<string> NameAsync() => KksTestData.InScopeAsync(app, sp => sp.GetRequiredService<WorkflowDbContext>().Instruments.Where(i => i.Id == "kks-2023").Select(i => i.Name).SingleAsync());

    private Task<int> SetAsync(Func<WorkflowDbContext, Task<int>> change) => KksTestData.InScopeAsync(app, sp => change(sp.GetRequiredService<WorkflowDbContext>()));
}
