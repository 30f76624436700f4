using System.Net;
using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Web.Tests.Infrastructure;
using static Kks.Workflow.Web.Tests.Api.Deployments.DeployKit;

namespace Kks.Workflow.Web.Tests.Hosting;

/// <summary>
/// The README's promise: every file in the repository's workflows/ folder deploys. Each .bpmn (and .bpmn20.xml)
/// must parse and validate with no error, and the whole folder must deploy as one deployment through the API, as
/// Camunda Modeler would send it, with every executable process becoming a definition and every .form accepted.
/// Files added later are picked up without touching this test.
/// </summary>
[Collection(WebTests.Name)]
public sealed class WorkflowFilesTests(WebFixture app)
{
    private static string Folder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Kks.Workflow.sln")))
            {
                return Path.Combine(directory.FullName, "workflows");
            }
        }

        throw new InvalidOperationException("The repository root (Kks.Workflow.sln) was not found above " + AppContext.BaseDirectory);
    }

    private static List<string> Files(params string[] patterns) =>
        patterns.SelectMany(p => Directory.EnumerateFiles(Folder(), p, SearchOption.AllDirectories))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static List<string> BpmnFiles() => Files("*.bpmn", "*.bpmn20.xml");

    [Fact]
    public void Folder_ExistsAndIsDocumented()
    {
        Assert.True(Directory.Exists(Folder()), "the workflows/ folder the app deploys at start");
        Assert.True(File.Exists(Path.Combine(Folder(), "README.md")), "workflows/README.md says what belongs there");
    }

    [Fact]
    public void EveryBpmnFile_ParsesAndValidatesWithoutErrors()
    {
        foreach (var file in BpmnFiles())
        {
            var definitions = BpmnParser.Parse(File.ReadAllText(file));
            var problems = BpmnValidator.Validate(definitions);
            Assert.True(BpmnValidator.IsDeployable(problems),
                $"{Path.GetFileName(file)}: " + string.Join("; ", problems.Where(p => p.Severity == ProblemSeverity.Error)));
            Assert.NotEmpty(definitions.ExecutableProcesses);
        }
    }

    [Fact]
    public async Task WholeFolder_DeploysThroughTheApi()
    {
        var bpmn = BpmnFiles();
        var all = bpmn.Concat(Files("*.form")).ToList();
        if (all.Count == 0)
        {
            // Nothing to deploy yet: the folder holds only its README, and the build copies nothing else.
            Assert.Equal(["README.md"], Directory.EnumerateFiles(Folder()).Select(Path.GetFileName));
            return;
        }

        using var admin = app.Admin();
        var files = all.Select(f => (Path.GetRelativePath(Folder(), f).Replace('\\', '/'), File.ReadAllText(f))).ToArray();
        using var content = Multipart("workflows", files);
        var body = await JsonAsync(await admin.PostAsync("/engine-rest/deployment/create", content), HttpStatusCode.OK);
        var deployed = body.GetProperty("deployedProcessDefinitions");
        var keys = bpmn.SelectMany(f => BpmnParser.Parse(File.ReadAllText(f)).ExecutableProcesses.Select(p => p.Id)).ToList();
        // Camunda writes null when no definition was made (a folder of forms only).
        var deployedKeys = deployed.ValueKind == JsonValueKind.Null
            ? []
            : deployed.EnumerateObject().Select(p => p.Value.GetProperty("key").GetString()!).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), deployedKeys.Order(StringComparer.Ordinal));
    }
}
