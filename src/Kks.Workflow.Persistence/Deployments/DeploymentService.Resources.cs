using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Engine.Model;
using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Deployments;

/// <summary>One uploaded file: its name (".bpmn", ".bpmn20.xml" or ".form") and its text.</summary>
public sealed record DeploymentFile(string Name, string Content);

/// <summary>
/// A deployment of several files as Camunda's <c>POST /deployment/create</c> takes it. With
/// <see cref="DuplicateFiltering"/>, each file is compared with the newest file of the same name in earlier
/// deployments of the same name: when none changed nothing is deployed; when some changed all are deployed, or only
/// the changed ones with <see cref="DeployChangedOnly"/> (which implies filtering), exactly as Camunda does.
/// </summary>
public sealed record DeploymentRequest(string? Name, IReadOnlyList<DeploymentFile> Files)
{
    public bool DuplicateFiltering { get; init; }

    public bool DeployChangedOnly { get; init; }

    public string? DeployedBy { get; init; }
}

/// <summary>The deployment written (or, when duplicate filtering found nothing changed, the existing one) and what it newly holds.</summary>
public sealed record FilesDeployment(DeploymentRecord Deployment, IReadOnlyList<ProcessDefinitionRecord> Definitions, IReadOnlyList<DeploymentResourceRecord> Resources);

public sealed partial class DeploymentService
{
    /// <summary>True for a file name this deployment takes as BPMN.</summary>
    public static bool IsBpmn(string name) =>
        name.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".bpmn20.xml", StringComparison.OrdinalIgnoreCase);

    public static bool IsForm(string name) => name.EndsWith(".form", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Validates every file first (a refused file refuses the whole deployment, naming the file), then writes the
    /// deployment, its files and one new version per executable process of each deployed BPMN file in one commit.
    /// </summary>
    public async Task<FilesDeployment> DeployFilesAsync(DeploymentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parsed = new Dictionary<string, IReadOnlyList<ProcessModel>>(StringComparer.Ordinal);
        var forms = new Dictionary<string, string>(StringComparer.Ordinal);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in request.Files)
        {
            if (IsBpmn(file.Name))
            {
                var processes = ParseAndValidate(file);
                foreach (var process in processes)
                {
                    if (!keys.TryAdd(process.Id, file.Name))
                    {
                        throw Rejected(file.Name, "DUPLICATE_PROCESS_KEY", process.Id,
                            $"Proses '{process.Id}' juga ada di berkas '{keys[process.Id]}': satu penerapan hanya boleh memuat satu proses per kunci.",
                            $"Process '{process.Id}' is also in file '{keys[process.Id]}': one deployment may hold one process per key.");
                    }
                }

                parsed[file.Name] = processes;
            }
            else if (IsForm(file.Name))
            {
                var formKey = FormKey(file);
                if (forms.FirstOrDefault(f => f.Value == formKey).Key is { } other)
                {
                    throw Rejected(file.Name, "DUPLICATE_FORM_KEY", null,
                        $"Formulir dengan id '{formKey}' juga ada di berkas '{other}': satu penerapan hanya boleh memuat satu formulir per id.",
                        $"A form with id '{formKey}' is also in file '{other}': one deployment may hold one form per id.");
                }

                forms[file.Name] = formKey;
            }
            else
            {
                throw Rejected(file.Name, "UNSUPPORTED_RESOURCE", null,
                    $"Berkas '{file.Name}' tidak didukung: kirim berkas .bpmn (atau .bpmn20.xml) dan .form saja.",
                    $"File '{file.Name}' is not supported: send .bpmn (or .bpmn20.xml) and .form files only.");
            }
        }

        await using var context = new WorkflowDbContext(options);
        var files = request.Files;
        if (request.DuplicateFiltering || request.DeployChangedOnly)
        {
            var changed = await ChangedFilesAsync(context, request, cancellationToken).ConfigureAwait(false);
            files = request.DeployChangedOnly ? changed : changed.Count == 0 ? [] : request.Files;
            // Nothing changed: no new deployment, the existing one is returned (Camunda's documented answer).
            if (files.Count == 0 && await context.Deployments.AsNoTracking().Where(d => d.Name == request.Name)
                    .OrderByDescending(d => d.DeployedAt).ThenByDescending(d => d.Id)
                    .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return new FilesDeployment(existing, [], []);
            }
        }

        var now = clock.GetUtcNow();
        var deployment = new DeploymentRecord
        {
            Id = "dep-" + Guid.NewGuid().ToString("N"),
            Name = request.Name,
            Xml = "",
            ContentHash = Hash(string.Concat(files.Select(f => Hash(f.Content)))),
            DeployedAt = now,
            DeployedBy = request.DeployedBy,
        };
        context.Deployments.Add(deployment);
        var definitions = new List<ProcessDefinitionRecord>();
        var resources = new List<DeploymentResourceRecord>();
        foreach (var file in files)
        {
            var resource = new DeploymentResourceRecord
            {
                Id = Guid.NewGuid().ToString("N"),
                DeploymentId = deployment.Id,
                Name = file.Name,
                Kind = IsBpmn(file.Name) ? DeploymentResourceKinds.Bpmn : DeploymentResourceKinds.Form,
                Content = file.Content,
                ContentHash = Hash(file.Content),
            };
            if (forms.TryGetValue(file.Name, out var formKey))
            {
                resource.FormKey = formKey;
                resource.FormVersion = 1 + (await context.DeploymentResources.AsNoTracking().Where(r => r.FormKey == formKey)
                    .MaxAsync(r => r.FormVersion, cancellationToken).ConfigureAwait(false) ?? 0);
            }
            else
            {
                foreach (var process in parsed[file.Name])
                {
                    var latest = await context.ProcessDefinitions.AsNoTracking().Where(d => d.Key == process.Id)
                        .MaxAsync(d => (int?)d.Version, cancellationToken).ConfigureAwait(false) ?? 0;
                    var version = latest + 1;
                    definitions.Add(new ProcessDefinitionRecord
                    {
                        Id = process.Id + ":" + version.ToString(CultureInfo.InvariantCulture),
                        Key = process.Id,
                        Version = version,
                        Name = process.Name,
                        DeploymentId = deployment.Id,
                        ContentHash = resource.ContentHash,
                        DeployedAt = now,
                        ResourceName = file.Name,
                    });
                }
            }

            resources.Add(resource);
        }

        context.DeploymentResources.AddRange(resources);
        context.ProcessDefinitions.AddRange(definitions);
        // One commit; the unique (key, version) and (form key, version) indexes refuse a concurrent deployment of the same key.
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException race)
        {
            throw new DeploymentConflictException(race);
        }

        foreach (var definition in definitions)
        {
            cache.Add(definition.Id, parsed[definition.ResourceName!].Single(p => p.Id == definition.Key));
        }

        return new FilesDeployment(deployment, definitions, resources);
    }

    /// <summary>
    /// Deletes a deployment with its files and definitions. Refused while an instance of one of its definitions runs
    /// (cancel them first: the caller does, for Camunda's cascade). Ended instances keep their history.
    /// </summary>
    public async Task DeleteAsync(string deploymentId, CancellationToken cancellationToken = default)
    {
        await using var context = new WorkflowDbContext(options);
        var deployment = await context.Deployments.FirstOrDefaultAsync(d => d.Id == deploymentId, cancellationToken).ConfigureAwait(false)
            ?? throw new Runtime.NotFoundException(new BilingualText($"Penerapan '{deploymentId}' tidak ditemukan.", $"Deployment '{deploymentId}' was not found."));
        var definitions = await context.ProcessDefinitions.Where(d => d.DeploymentId == deploymentId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = definitions.Select(d => d.Id).ToList();
        var running = await RunningCountAsync(context, ids, cancellationToken).ConfigureAwait(false);
        if (running > 0)
        {
            throw new DeploymentInUseException(deploymentId, running);
        }

        context.DeploymentResources.RemoveRange(await context.DeploymentResources.Where(r => r.DeploymentId == deploymentId).ToListAsync(cancellationToken).ConfigureAwait(false));
        context.ProcessDefinitions.RemoveRange(definitions);
        context.Deployments.Remove(deployment);
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in ids)
        {
            cache.Remove(id);
        }
    }

    /// <summary>How many instances of these definitions still run (not completed, not cancelled).</summary>
    public static Task<int> RunningCountAsync(WorkflowDbContext context, IReadOnlyCollection<string> definitionIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.ProcessInstances.AsNoTracking()
            .CountAsync(i => definitionIds.Contains(i.DefinitionId) && i.EndedAt == null, cancellationToken);
    }

    /// <summary>The BPMN XML a definition came from: its file of a several-file deployment, or the deployment's own XML.</summary>
    public static async Task<string> XmlAsync(WorkflowDbContext context, string deploymentId, string? resourceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var xml = resourceName is null
            ? await context.Deployments.AsNoTracking().Where(d => d.Id == deploymentId).Select(d => d.Xml).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : await context.DeploymentResources.AsNoTracking().Where(r => r.DeploymentId == deploymentId && r.Name == resourceName)
                .Select(r => r.Content).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return xml ?? throw new EngineException(new BilingualText(
            $"Berkas BPMN penerapan '{deploymentId}' tidak ditemukan.", $"The BPMN file of deployment '{deploymentId}' was not found."));
    }

    /// <summary>
    /// A deployed form-js form by its key (what a task's <c>camunda:formRef</c> names), per Camunda's
    /// <c>formRefBinding</c>: latest (no version, no deployment), a given version, or the one in a given deployment
    /// (binding "deployment": the deployment of the task's definition). Null when there is none.
    /// </summary>
    public static Task<DeploymentResourceRecord?> FormAsync(
        WorkflowDbContext context, string formKey, int? version = null, string? deploymentId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var forms = context.DeploymentResources.AsNoTracking().Where(r => r.FormKey == formKey);
        if (version is { } v)
        {
            forms = forms.Where(r => r.FormVersion == v);
        }

        if (deploymentId is not null)
        {
            forms = forms.Where(r => r.DeploymentId == deploymentId);
        }

        return forms.OrderByDescending(r => r.FormVersion).FirstOrDefaultAsync(cancellationToken);
    }

    private List<ProcessModel> ParseAndValidate(DeploymentFile file)
    {
        BpmnDefinitions definitions;
        try
        {
            definitions = BpmnParser.Parse(file.Content);
        }
        catch (BpmnParseException error)
        {
            var where = error.LineNumber is { } line ? $" (baris {line}, kolom {error.LinePosition})" : "";
            var whereEn = error.LineNumber is { } lineEn ? $" (line {lineEn}, column {error.LinePosition})" : "";
            throw Rejected(file.Name, "XML_UNREADABLE", null, error.Text.Indonesian + where, error.Text.English + whereEn);
        }

        var problems = BpmnValidator.Validate(definitions, DeadlinePolicies);
        if (!BpmnValidator.IsDeployable(problems))
        {
            throw new DeploymentRejectedException(problems) { ResourceName = file.Name };
        }

        var executable = definitions.ExecutableProcesses.ToList();
        if (executable.Count == 0)
        {
            throw Rejected(file.Name, "NO_EXECUTABLE_PROCESS", null,
                "Berkas ini tidak memuat proses yang dapat dijalankan: tandai prosesnya isExecutable=\"true\".",
                "This file holds no executable process: mark its process isExecutable=\"true\".");
        }

        return executable;
    }

    /// <summary>A form-js form is JSON with a non-empty string "id" (what camunda:formRef names).</summary>
    private static string FormKey(DeploymentFile file)
    {
        try
        {
            using var document = JsonDocument.Parse(file.Content, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(id.GetString()))
            {
                return id.GetString()!;
            }
        }
        catch (JsonException error)
        {
            throw Rejected(file.Name, "FORM_NOT_JSON", null,
                $"Formulir '{file.Name}' bukan JSON yang valid: {error.Message}", $"Form '{file.Name}' is not valid JSON: {error.Message}");
        }

        throw Rejected(file.Name, "FORM_WITHOUT_ID", null,
            $"Formulir '{file.Name}' harus berupa objek JSON dengan \"id\" berisi teks (kunci yang dirujuk camunda:formRef).",
            $"Form '{file.Name}' must be a JSON object with a text \"id\" (the key camunda:formRef refers to).");
    }

    private static async Task<IReadOnlyList<DeploymentFile>> ChangedFilesAsync(WorkflowDbContext context, DeploymentRequest request, CancellationToken cancellationToken)
    {
        var names = request.Files.Select(f => f.Name).ToList();
        var previous = await context.DeploymentResources.AsNoTracking()
            .Where(r => names.Contains(r.Name))
            .Join(context.Deployments.Where(d => d.Name == request.Name), r => r.DeploymentId, d => d.Id, (r, d) => new { r.Name, r.ContentHash, d.DeployedAt, d.Id })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        // Newest first by time, then id, so two deployments in the same instant still order the same way.
        var latest = previous.OrderByDescending(p => p.DeployedAt).ThenByDescending(p => p.Id, StringComparer.Ordinal)
            .GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().ContentHash, StringComparer.Ordinal);
        return request.Files.Where(f => !latest.TryGetValue(f.Name, out var hash) || hash != Hash(f.Content)).ToList();
    }

    private static DeploymentRejectedException Rejected(string file, string code, string? elementId, string indonesian, string english) =>
        new([new ModelProblem(null, elementId, null, code, ProblemSeverity.Error, new BilingualText($"{file}: {indonesian}", $"{file}: {english}"))]) { ResourceName = file };

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>A deployment whose definitions still have running instances: delete it with cascade, or end them first.</summary>
public sealed class DeploymentInUseException(string deploymentId, int running) : EngineException(new BilingualText(
    $"Penerapan '{deploymentId}' masih dipakai oleh {running} instans proses yang berjalan: akhiri dulu, atau hapus dengan cascade=true (membatalkannya).",
    $"Deployment '{deploymentId}' is still used by {running} running process instances: end them first, or delete with cascade=true (cancels them)."))
{
    public string DeploymentId { get; } = deploymentId;

    public int Running { get; } = running;
}

/// <summary>Another deployment of the same process or form key committed first and took the version number: deploy again.</summary>
public sealed class DeploymentConflictException(Exception inner) : EngineException(new BilingualText(
    "Penerapan lain untuk kunci yang sama selesai lebih dulu; kirim ulang penerapan ini.",
    "Another deployment of the same key committed first; send this deployment again."), inner);
