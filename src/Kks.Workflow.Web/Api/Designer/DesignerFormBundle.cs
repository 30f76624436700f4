using Kks.Workflow.Engine;
using Kks.Workflow.Engine.Model;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.Designer;

/// <summary>The .form files a model's tasks name with camunda:formRef, to deploy beside it; and the references that name no form.</summary>
public sealed record FormBundle(IReadOnlyList<DeploymentFile> Files, IReadOnlyList<DesignerProblem> Problems);

/// <summary>
/// "Terapkan" deploys a model together with the forms its user tasks and start events reference (camunda:formRef), in
/// one deployment, so each version of a process carries the forms it was drawn with. A form comes from the user's
/// draft of that id (the newest work) or else the latest deployed form of that id; a reference to neither is a
/// problem on its element and nothing is deployed. Expressions (${...}) and pinned versions (formRefBinding="version")
/// are not bundled: the first cannot be known before run time, the second names a version that must already exist.
/// </summary>
internal static class DesignerFormBundle
{
    public const string MissingForm = "form-not-found";

    public static async Task<FormBundle> CollectAsync(string xml, WorkflowDbContext context, string userId, bool english, CancellationToken cancellationToken)
    {
        BpmnDefinitions definitions;
        try
        {
            definitions = BpmnParser.Parse(xml);
        }
        catch (BpmnParseException)
        {
            return new FormBundle([], []); // the check already reports an unreadable file
        }

        var references = definitions.Processes.SelectMany(p => p.AllNodes.Values)
            .Select(node => (Node: node, Form: node switch { UserTask task => task.Form, StartEvent start => start.Form, _ => null }))
            .Where(r => r.Form?.FormRef is { Length: > 0 } key && !key.Contains("${", StringComparison.Ordinal) && !key.Contains("#{", StringComparison.Ordinal))
            .ToList();
        var files = new List<DeploymentFile>();
        var problems = new List<DesignerProblem>();
        foreach (var byKey in references.GroupBy(r => r.Form!.FormRef!.Trim(), StringComparer.Ordinal))
        {
            var key = byKey.Key;
            string? content = null;
            var pinned = byKey.Where(r => string.Equals(r.Form!.FormRefBinding, "version", StringComparison.Ordinal)).ToList();
            foreach (var reference in pinned)
            {
                var version = int.TryParse(reference.Form!.FormRefVersion, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : (int?)null;
                if (version is null || await DeploymentService.FormAsync(context, key, version, cancellationToken: cancellationToken).ConfigureAwait(false) is null)
                {
                    problems.Add(Missing(reference.Node, key, reference.Form!.FormRefVersion, english));
                }
            }

            if (pinned.Count == byKey.Count())
            {
                continue;
            }

            content = await context.DesignerDrafts.AsNoTracking()
                .Where(d => d.UserId == userId && d.Kind == DeploymentResourceKinds.Form && d.Key == key)
                .Select(d => d.Content).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            content ??= (await DeploymentService.FormAsync(context, key, cancellationToken: cancellationToken).ConfigureAwait(false))?.Content;
            if (content is null)
            {
                problems.AddRange(byKey.Except(pinned).Select(r => Missing(r.Node, key, null, english)));
                continue;
            }

            files.Add(new DeploymentFile(key + ".form", content));
        }

        return new FormBundle(files, problems);
    }

    private static DesignerProblem Missing(FlowNode node, string key, string? version, bool english)
    {
        var label = node.Name is { Length: > 0 } name ? $"'{name}'" : $"'{node.Id}'";
        var which = version is null ? $"'{key}'" : $"'{key}' versi {version}";
        var whichEn = version is null ? $"'{key}'" : $"'{key}' version {version}";
        var indonesian = $"{label} merujuk formulir {which} yang tidak ada: buat formulir dengan id itu di halaman Formulir (simpan draf atau terapkan), atau pilih formulir lain di grup KKS.";
        var englishText = $"{label} refers to form {whichEn}, which does not exist: create a form with that id on the Forms page (save a draft or deploy it), or choose another form in the KKS group.";
        return new DesignerProblem(node.Id, null, MissingForm, "error", english ? englishText : indonesian, indonesian, englishText);
    }
}
