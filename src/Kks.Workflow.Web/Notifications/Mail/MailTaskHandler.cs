using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Web.Notifications.Templates;

namespace Kks.Workflow.Web.Notifications.Mail;

/// <summary>
/// <c>camunda:delegateExpression="${mail}"</c> on a service or send task: mail from a model. Input parameters:
/// <c>to</c> (one audience or several separated by commas, or a list: an address, <c>role:pimpinan</c>,
/// <c>kepala-opd:${opd}</c>, <c>candidate-group</c>...), <c>template</c> (default "pemberitahuan", which shows
/// <c>judul</c> and <c>pesan</c>), optional <c>language</c> ("id"/"en"; default: each recipient's own), and every other
/// input parameter as a template value. Nothing is sent here: the outbox row is written in the job's completion
/// commit (key <c>mail:{job id}</c>), so the mail exists exactly when the task is done, once, and goes out through
/// the outbox with its retries. A missing <c>to</c> or an unknown template fails the job (retries, then an incident
/// saying what to fix).
/// </summary>
internal sealed class MailTaskHandler : IServiceTaskHandler
{
    public string Name => "mail";

    public Task<IReadOnlyDictionary<string, object?>?> ExecuteAsync(JobState job, ProcessInstanceState instance, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The mail handler writes an outbox row with the job's completion: the dispatcher calls RunAsync.");

    public Task<ServiceTaskResult> RunAsync(JobState job, ProcessInstanceState instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(instance);
        var inputs = job.Inputs ?? [];
        var to = Audiences(inputs.GetValueOrDefault("to"));
        if (to.Count == 0)
        {
            throw new InvalidOperationException(
                $"Tugas surel '{job.NodeId}' tidak punya penerima: isi parameter masukan 'to' (alamat, role:pimpinan, kepala-opd:KODE, candidate-group...). "
                + $"/ Mail task '{job.NodeId}' has no recipient: set the input parameter 'to'.");
        }

        var template = inputs.GetValueOrDefault("template") as string is { Length: > 0 } name ? name : "pemberitahuan";
        if (!MailTemplates.Exists(template))
        {
            throw new InvalidOperationException(
                $"Templat surel '{template}' tidak ada; yang ada: {string.Join(", ", MailTemplates.Names())}. / Mail template '{template}' does not exist.");
        }

        var variables = new JsonObject();
        foreach (var (key, value) in inputs)
        {
            if (key is not ("to" or "template" or "language"))
            {
                variables[key] = ToJson(value);
            }
        }

        var payload = new JsonObject
        {
            ["template"] = template,
            ["to"] = new JsonArray(to.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
            ["variables"] = variables,
            ["processInstanceId"] = instance.Id,
            ["businessKey"] = instance.BusinessKey,
            ["taskId"] = null,
            ["language"] = inputs.GetValueOrDefault("language") as string,
        };
        return Task.FromResult(new ServiceTaskResult(null, [new OutboxWrite(MailOutboxSink.MailKind, "mail:" + job.Id, payload.ToJsonString())]));
    }

    private static List<string> Audiences(object? value) => value switch
    {
        string text => MailJson.SplitList(text),
        IEnumerable list => list.Cast<object?>().SelectMany(item => MailJson.SplitList(item?.ToString())).ToList(),
        _ => [],
    };

    private static JsonNode? ToJson(object? value)
    {
        try
        {
            return JsonSerializer.SerializeToNode(value);
        }
        catch (NotSupportedException)
        {
            return JsonValue.Create(value?.ToString());
        }
    }
}
