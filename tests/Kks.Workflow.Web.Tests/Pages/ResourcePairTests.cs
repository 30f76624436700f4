using System.Globalization;
using System.Xml.Linq;
using Kks.Workflow.Web.Pages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kks.Workflow.Web.Tests.Pages;

/// <summary>Every area's texts exist in both languages: Resources/Area.resx (Bahasa Indonesia) and Resources/Area.en.resx (English).</summary>
public sealed class ResourcePairTests
{
    public static TheoryData<string> Areas() => new(AreaNames());

    private static List<string> AreaNames() => ResourceFolder().EnumerateFiles("*.resx").Select(f => f.Name.Split('.')[0]).Distinct().Order().ToList();

    [Fact]
    public void ResourcesFolder_HasTheSharedAreas() =>
        Assert.Subset(AreaNames().ToHashSet(), new HashSet<string> { "Layout", "Akun", "Inbox" });

    [Theory]
    [MemberData(nameof(Areas))]
    public void Area_HasTheSameKeysInBothLanguages(string area)
    {
        var folder = ResourceFolder().FullName;
        var neutral = Path.Combine(folder, area + ".resx");
        var english = Path.Combine(folder, area + ".en.resx");
        Assert.True(File.Exists(neutral), $"Resources/{area}.resx (Bahasa Indonesia) is missing beside Resources/{area}.en.resx");
        Assert.True(File.Exists(english), $"Resources/{area}.en.resx (English) is missing beside Resources/{area}.resx");
        var id = Keys(neutral);
        var en = Keys(english);
        Assert.True(id.Except(en).ToList() is [], $"{area}: keys without English: {string.Join(", ", id.Except(en))}");
        Assert.True(en.Except(id).ToList() is [], $"{area}: keys without Bahasa Indonesia: {string.Join(", ", en.Except(id))}");
        var files = Directory.GetFiles(folder, area + ".*.resx").Select(Path.GetFileName).Where(f => f != area + ".en.resx").ToList();
        Assert.True(files is [], $"{area}: only .resx and .en.resx belong here, found {string.Join(", ", files)}");
    }

    /// <summary>The compiled resources answer each language (the neutral files are Bahasa Indonesia, see NeutralResourcesLanguage).</summary>
    [Fact]
    public void Texts_AnswerEachLanguage()
    {
        var texts = new Texts(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));
        var layout = texts.For("Layout");
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("id-ID");
            Assert.Equal("Kotak Masuk", layout["Nav_Inbox"].Value);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
            Assert.Equal("Inbox", layout["Nav_Inbox"].Value);
            Assert.True(layout["No_Such_Key"].ResourceNotFound);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static HashSet<string> Keys(string file) =>
        XDocument.Load(file).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    /// <summary>src/Kks.Workflow.Web/Resources in the source tree (the test runs from bin/).</summary>
    internal static DirectoryInfo ResourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = new DirectoryInfo(Path.Combine(dir.FullName, "src", "Kks.Workflow.Web", "Resources"));
            if (candidate.Exists)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("src/Kks.Workflow.Web/Resources was not found above " + AppContext.BaseDirectory);
    }
}
