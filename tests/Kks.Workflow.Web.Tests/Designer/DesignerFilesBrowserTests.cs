using System.Text.Json;
using Kks.Workflow.Web.Tests.Browser;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kks.Workflow.Web.Tests.Designer;

/// <summary>Real files in the editor: every workflows/ file opens without import warnings; Camunda Modeler's files round-trip.</summary>
[Collection(BrowserTests.Name)]
public sealed class DesignerFilesBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private async Task<IPage> EditorAsync()
    {
        await browser.EnsureUserAsync("dsg.berkas", "sekretariat");
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/masuk");
        await page.GetByLabel("Nama pengguna").FillAsync("dsg.berkas");
        await page.GetByLabel("Kata sandi").FillAsync(BrowserFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/masuk", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await page.GetByTestId("who").WaitForAsync(); // the signed-in page, not its load event (see BrowserFixture.SignInAsync)
        await page.GotoAsync("/desainer/editor");
        await page.WaitForSelectorAsync("[data-kks-designer='editor'][data-ready='true']");
        return page;
    }

    private static async Task<(string[] Warnings, string Xml)> OpenAndSaveAsync(IPage page, string xml)
    {
        var result = await page.EvaluateAsync<JsonElement>(
            "async xml => { const warnings = await window.kksEditor.open(xml); return { warnings, xml: await window.kksEditor.xml() }; }", xml);
        return (result.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToArray(), result.GetProperty("xml").GetString()!);
    }

    [Fact]
    public async Task Every_workflows_file_opens_in_the_modeler_without_import_warnings()
    {
        var files = RepositoryFiles.WorkflowFiles();
        output.WriteLine($"{files.Count} file(s) in workflows/");
        var page = await EditorAsync();
        foreach (var file in files)
        {
            var (warnings, _) = await OpenAndSaveAsync(page, await File.ReadAllTextAsync(file));
            Assert.True(warnings.Length == 0, $"{Path.GetFileName(file)}: {string.Join("; ", warnings)}");
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Camunda_Modeler_files_keep_every_element_attribute_and_coordinate_when_saved()
    {
        if (RepositoryFiles.ModelerCorpus() is not { } corpus)
        {
            output.WriteLine("skipped: ../shared/corpus is not present");
            return;
        }

        var files = Directory.EnumerateFiles(corpus, "*-export.bpmn").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var page = await EditorAsync();
        var failures = new List<string>();
        foreach (var file in files)
        {
            var original = await File.ReadAllTextAsync(file);
            var (warnings, saved) = await OpenAndSaveAsync(page, original);
            var lost = RoundTrip.Lost(original, saved);
            output.WriteLine($"{Path.GetFileName(file)}: {warnings.Length} import warning(s), {lost.Count} lost");
            if (lost.Count > 0)
            {
                failures.Add(Path.GetFileName(file) + ": " + string.Join("\n   ", lost.Take(5)));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        await page.Context.CloseAsync();
    }
}
