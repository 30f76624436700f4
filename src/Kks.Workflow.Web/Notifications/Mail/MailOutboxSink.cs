using System.Globalization;
using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Dispatch;
using Kks.Workflow.Web.Hosting;
using Kks.Workflow.Web.Notifications.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kks.Workflow.Web.Notifications.Mail;

/// <summary>
/// The one outbox sink. Kinds <c>mail</c> (a model's ${mail} task), <c>deadline</c> (a step of a task's deadline
/// ladder) and <c>digest</c> (a working morning's digest) become mail: the audience is resolved now, and each
/// address gets its own message, rendered in that person's language, with a Message-ID derived from the row's
/// idempotency key and the address (a redelivery is recognisable). Any failure to send throws, so the outbox
/// retries the row with back-off and dead-letters it after the last attempt; an audience naming nobody is logged
/// and the row counts as delivered. Other kinds (task.timeout, instance.ended) are logged, as before mail existed.
/// </summary>
internal sealed partial class MailOutboxSink(
    AudienceResolver audiences,
    IMailTransport transport,
    MailOptions mail,
    IOptions<AppOptions> app,
    EngineOptions engine,
    DbContextOptions<WorkflowDbContext> database,
    ILogger<MailOutboxSink> logger) : IOutboxSink
{
    public const string MailKind = "mail";
    public const string DeadlineKind = "deadline";
    public const string DigestKind = "digest";

    public async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Kind is not (MailKind or DeadlineKind or DigestKind))
        {
            LogDelivered(logger, message.Kind, message.IdempotencyKey, message.InstanceId);
            return;
        }

        transport.ThrowIfUnavailable();
        using var document = JsonDocument.Parse(message.PayloadJson);
        var payload = document.RootElement;
        var request = message.Kind switch
        {
            DeadlineKind => await DeadlineAsync(payload, cancellationToken).ConfigureAwait(false),
            DigestKind => Digest(payload),
            _ => Model(payload),
        };
        var resolution = await audiences.ResolveAsync(request.To, request.About, cancellationToken).ConfigureAwait(false);
        foreach (var nobody in resolution.Unresolved)
        {
            LogUnresolved(logger, nobody, message.Kind, message.IdempotencyKey);
        }

        foreach (var recipient in resolution.Recipients)
        {
            var language = request.Language ?? recipient.Language ?? "id";
            var values = request.Values(language);
            values["recipientName"] = recipient.Name ?? (MailDates.IsEnglish(language) ? "Sir or Madam" : "Bapak/Ibu");
            var rendered = MailTemplates.Render(request.Template, language, values);
            var id = MailMessages.MessageId(message.IdempotencyKey, recipient.Address, mail.FromAddress);
            await transport.SendAsync(new OutgoingMail(recipient.Address, recipient.Name, rendered.Subject, rendered.Text, rendered.Html, id), cancellationToken)
                .ConfigureAwait(false);
        }

        LogSent(logger, request.Template, resolution.Recipients.Count, message.IdempotencyKey);
    }

    /// <summary>A template, its audience and the values it is rendered with (per language: dates in words).</summary>
    private sealed record MailRequest(string Template, IReadOnlyList<string> To, AudienceContext About, string? Language, Func<string, Dictionary<string, object?>> Values);

    private MailRequest Model(JsonElement payload)
    {
        var variables = payload.TryGetProperty("variables", out var v) ? MailJson.Object(v) : [];
        var taskId = MailJson.Text(payload, "taskId");
        var businessKey = MailJson.Text(payload, "businessKey");
        var instanceId = MailJson.Text(payload, "processInstanceId");
        return new MailRequest(
            MailJson.Text(payload, "template") ?? "pemberitahuan",
            MailJson.Strings(payload, "to"),
            AudienceContext.None,
            NullIfEmpty(MailJson.Text(payload, "language")),
            language =>
            {
                var values = Common(language, taskId is null ? "/" : $"/tugas/{Uri.EscapeDataString(taskId)}");
                values["businessKey"] = businessKey;
                values["processInstanceId"] = instanceId;
                values["taskId"] = taskId;
                foreach (var (name, value) in variables)
                {
                    values[name] = value;
                }

                return values;
            });
    }

    private async Task<MailRequest> DeadlineAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var taskId = MailJson.Text(payload, "taskId") ?? "";
        var groups = MailJson.Strings(payload, "candidateGroups");
        var opdNames = await OpdNamesAsync(groups, cancellationToken).ConfigureAwait(false);
        var due = DateTimeOffset.Parse(MailJson.Text(payload, "due") ?? throw new InvalidOperationException("Deadline payload without 'due'."), CultureInfo.InvariantCulture);
        var fromDue = MailJson.Int(payload, "workingDaysFromDue");
        var step = MailJson.Text(payload, "step") ?? (fromDue > 0 ? "eskalasi" : "pengingat");
        return new MailRequest(
            MailJson.Text(payload, "template") ?? step,
            MailJson.Strings(payload, "to"),
            new AudienceContext(groups, NullIfEmpty(MailJson.Text(payload, "assignee"))),
            null,
            language =>
            {
                var values = Common(language, $"/tugas/{Uri.EscapeDataString(taskId)}");
                values["taskId"] = taskId;
                values["taskName"] = MailJson.Text(payload, "taskName") ?? MailJson.Text(payload, "taskDefinitionKey") ?? taskId;
                values["businessKey"] = MailJson.Text(payload, "businessKey");
                values["processInstanceId"] = MailJson.Text(payload, "processInstanceId");
                values["opdNames"] = opdNames;
                values["dueText"] = MailDates.Date(due, engine.TimeZone, language);
                values["dueDateTime"] = MailDates.DateTime(due, engine.TimeZone, language);
                values["workingDaysFromDue"] = fromDue;
                values["daysBefore"] = Math.Max(0, -fromDue);
                values["daysLate"] = Math.Max(0, fromDue);
                values["isToday"] = fromDue == 0;
                return values;
            });
    }

    private MailRequest Digest(JsonElement payload)
    {
        var type = MailJson.Text(payload, "type") ?? "pimpinan";
        var date = DateOnly.ParseExact(MailJson.Text(payload, "date") ?? throw new InvalidOperationException("Digest payload without 'date'."), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var opds = payload.TryGetProperty("opds", out var o) && o.ValueKind == JsonValueKind.Array ? o.EnumerateArray().Select(MailJson.Object).ToList() : [];
        var tasks = payload.TryGetProperty("tasks", out var t) && t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().ToList() : [];
        var open = opds.Count > 0 ? opds.Sum(x => Convert.ToInt64(x.GetValueOrDefault("open") ?? 0L, CultureInfo.InvariantCulture)) : tasks.Count;
        var overdue = opds.Count > 0
            ? opds.Sum(x => Convert.ToInt64(x.GetValueOrDefault("overdue") ?? 0L, CultureInfo.InvariantCulture))
            : tasks.Count(x => MailJson.Int(x, "workingDaysOverdue") > 0);
        // Noon on that date in the regency's zone, so the date in words is that day everywhere.
        var day = new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), engine.TimeZone.GetUtcOffset(date.ToDateTime(new TimeOnly(12, 0))));
        return new MailRequest(
            MailJson.Text(payload, "template") ?? "digest-" + type,
            MailJson.Strings(payload, "to"),
            new AudienceContext(opds.Select(x => x.GetValueOrDefault("code") as string).OfType<string>().ToList(), null),
            null,
            language =>
            {
                var values = Common(language, "/");
                values["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                values["dateText"] = MailDates.Date(day, engine.TimeZone, language);
                values["type"] = type;
                values["opds"] = opds;
                values["opdNames"] = string.Join(", ", opds.Select(x => x.GetValueOrDefault("name") ?? x.GetValueOrDefault("code")));
                values["openCount"] = open;
                values["overdueCount"] = overdue;
                values["tasks"] = tasks.Select(task =>
                {
                    var item = MailJson.Object(task);
                    var taskId = MailJson.Text(task, "taskId") ?? "";
                    item["link"] = Link($"/tugas/{Uri.EscapeDataString(taskId)}");
                    item["dueText"] = MailJson.Text(task, "due") is { } due
                        ? MailDates.Date(DateTimeOffset.Parse(due, CultureInfo.InvariantCulture), engine.TimeZone, language)
                        : "-";
                    return item;
                }).ToList();
                return values;
            });
    }

    private Dictionary<string, object?> Common(string language, string path) => new(StringComparer.Ordinal)
    {
        ["language"] = MailDates.IsEnglish(language) ? "en" : "id",
        ["regency"] = app.Value.RegencyName,
        ["link"] = Link(path),
        ["footer"] = MailDates.IsEnglish(language)
            ? $"KKS {app.Value.RegencyName}. This message was sent automatically."
            : $"KKS {app.Value.RegencyName}. Pesan ini dikirim otomatis.",
    };

    private string Link(string path) => app.Value.PublicBaseUrl.TrimEnd('/') + path;

    private async Task<string> OpdNamesAsync(IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        if (codes.Count == 0)
        {
            return "-";
        }

        await using var context = new WorkflowDbContext(database);
        var names = await context.Opds.AsNoTracking().Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, o => o.Name, cancellationToken).ConfigureAwait(false);
        return string.Join(", ", codes.Select(c => names.TryGetValue(c, out var name) ? name : c));
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Kind} delivered to the log (key {Key}, instance {InstanceId})")]
    private static partial void LogDelivered(ILogger logger, string kind, string key, string? instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail audience '{Audience}' resolves to nobody with an e-mail address (outbox {Kind}, key {Key}): skipped")]
    private static partial void LogUnresolved(ILogger logger, string audience, string kind, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail '{Template}' sent to {Count} address(es) (key {Key})")]
    private static partial void LogSent(ILogger logger, string template, int count, string key);
}
