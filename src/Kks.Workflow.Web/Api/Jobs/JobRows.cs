using System.Globalization;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.Jobs;

/// <summary>A job as Camunda lists it: a timer row or a handler/async-continuation job row (external tasks are not jobs in Camunda).</summary>
internal sealed record JobRow(string Id, string InstanceId, string NodeId, bool IsTimer, int Retries, long Priority, DateTimeOffset? DueAt, string? ErrorMessage, DateTimeOffset? CreatedAt);

/// <summary>
/// GET /job's filters, sorting and paging over the two tables. Each table is filtered and sorted in SQL and read up to
/// the end of the requested page, then the two are merged in memory: a page never reads more than firstResult +
/// maxResults rows of each.
/// </summary>
internal static class JobRows
{
    /// <summary>Camunda's timers have 3 retries; timers here are fired by the timer dispatcher and have none to count down.</summary>
    public const int TimerRetries = 3;

    public static readonly IReadOnlyList<string> SortFields = ["jobId", "processInstanceId", "jobDueDate", "jobPriority", "jobRetries"];

    private static readonly string External = nameof(JobKind.ExternalTask);

    public static async Task<List<JobRow>> ListAsync(HttpRequest request, WorkflowDbContext context, DateTimeOffset now, TimeZoneInfo zone, bool count, CancellationToken cancellationToken)
    {
        var f = Filter.From(request, zone);
        var (first, max) = count ? (0, int.MaxValue) : RestQuery.Page(request);
        var (sortBy, descending) = RestQuery.Sort(request, [.. SortFields]);
        var take = count ? int.MaxValue : first + max;
        var rows = new List<JobRow>();
        if (!f.Messages)
        {
            var timers = context.Timers.AsNoTracking().AsQueryable();
            timers = f.Ids is { } ids ? timers.Where(t => ids.Contains(t.Id)) : timers;
            timers = f.InstanceId is { } instance ? timers.Where(t => t.InstanceId == instance) : timers;
            timers = f.ActivityId is { } activity ? timers.Where(t => t.NodeId == activity) : timers;
            timers = f.DefinitionId is { } definition ? timers.Where(t => context.ProcessInstances.Any(i => i.Id == t.InstanceId && i.DefinitionId == definition)) : timers;
            timers = f.DefinitionKey is { } key ? timers.Where(t => context.ProcessInstances.Any(i => i.Id == t.InstanceId && i.ProcessKey == key)) : timers;
            timers = f.Executable ? timers.Where(t => t.DueAt <= now) : timers;
            timers = f.DueAfter is { } after ? timers.Where(t => t.DueAt > after) : timers;
            timers = f.DueBefore is { } before ? timers.Where(t => t.DueAt < before) : timers;
            if (!f.NoRetriesLeft && !f.WithException)
            {
                var ordered = (sortBy, descending) switch
                {
                    ("processInstanceId", false) => timers.OrderBy(t => t.InstanceId).ThenBy(t => t.Id),
                    ("processInstanceId", true) => timers.OrderByDescending(t => t.InstanceId).ThenBy(t => t.Id),
                    ("jobDueDate", false) => timers.OrderBy(t => t.DueAt).ThenBy(t => t.Id),
                    ("jobDueDate", true) => timers.OrderByDescending(t => t.DueAt).ThenBy(t => t.Id),
                    ("jobId", true) => timers.OrderByDescending(t => t.Id),
                    _ => timers.OrderBy(t => t.Id),
                };
                rows.AddRange(await ordered.Take(take).Select(t => new JobRow(t.Id, t.InstanceId, t.NodeId, true, TimerRetries, 0, t.DueAt, null, null))
                    .ToListAsync(cancellationToken).ConfigureAwait(false));
            }
        }

        if (!f.Timers)
        {
            var jobs = context.Jobs.AsNoTracking().Where(j => j.Kind != External);
            jobs = f.Ids is { } ids ? jobs.Where(j => ids.Contains(j.Id)) : jobs;
            jobs = f.InstanceId is { } instance ? jobs.Where(j => j.InstanceId == instance) : jobs;
            jobs = f.ActivityId is { } activity ? jobs.Where(j => j.NodeId == activity) : jobs;
            jobs = f.DefinitionId is { } definition ? jobs.Where(j => context.ProcessInstances.Any(i => i.Id == j.InstanceId && i.DefinitionId == definition)) : jobs;
            jobs = f.DefinitionKey is { } key ? jobs.Where(j => context.ProcessInstances.Any(i => i.Id == j.InstanceId && i.ProcessKey == key)) : jobs;
            jobs = f.Executable ? jobs.Where(j => j.Retries > 0 && (j.DueAt == null || j.DueAt <= now)) : jobs;
            jobs = f.WithRetriesLeft ? jobs.Where(j => j.Retries > 0) : jobs;
            jobs = f.NoRetriesLeft ? jobs.Where(j => j.Retries == 0) : jobs;
            jobs = f.WithException ? jobs.Where(j => j.ErrorMessage != null) : jobs;
            jobs = f.DueAfter is { } after ? jobs.Where(j => j.DueAt > after) : jobs;
            jobs = f.DueBefore is { } before ? jobs.Where(j => j.DueAt < before) : jobs;
            var ordered = (sortBy, descending) switch
            {
                ("processInstanceId", false) => jobs.OrderBy(j => j.InstanceId).ThenBy(j => j.Id),
                ("processInstanceId", true) => jobs.OrderByDescending(j => j.InstanceId).ThenBy(j => j.Id),
                ("jobDueDate", false) => jobs.OrderBy(j => j.DueAt).ThenBy(j => j.Id),
                ("jobDueDate", true) => jobs.OrderByDescending(j => j.DueAt).ThenBy(j => j.Id),
                ("jobPriority", false) => jobs.OrderBy(j => j.Priority).ThenBy(j => j.Id),
                ("jobPriority", true) => jobs.OrderByDescending(j => j.Priority).ThenBy(j => j.Id),
                ("jobRetries", false) => jobs.OrderBy(j => j.Retries).ThenBy(j => j.Id),
                ("jobRetries", true) => jobs.OrderByDescending(j => j.Retries).ThenBy(j => j.Id),
                ("jobId", true) => jobs.OrderByDescending(j => j.Id),
                _ => jobs.OrderBy(j => j.Id),
            };
            rows.AddRange(await ordered.Take(take).Select(j => new JobRow(j.Id, j.InstanceId, j.NodeId, false, j.Retries, j.Priority, j.DueAt, j.ErrorMessage, j.CreatedAt))
                .ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        IEnumerable<JobRow> merged = (sortBy, descending) switch
        {
            ("processInstanceId", false) => rows.OrderBy(r => r.InstanceId, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal),
            ("processInstanceId", true) => rows.OrderByDescending(r => r.InstanceId, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal),
            ("jobDueDate", false) => rows.OrderBy(r => r.DueAt).ThenBy(r => r.Id, StringComparer.Ordinal),
            ("jobDueDate", true) => rows.OrderByDescending(r => r.DueAt).ThenBy(r => r.Id, StringComparer.Ordinal),
            ("jobPriority", false) => rows.OrderBy(r => r.Priority).ThenBy(r => r.Id, StringComparer.Ordinal),
            ("jobPriority", true) => rows.OrderByDescending(r => r.Priority).ThenBy(r => r.Id, StringComparer.Ordinal),
            ("jobRetries", false) => rows.OrderBy(r => r.Retries).ThenBy(r => r.Id, StringComparer.Ordinal),
            ("jobRetries", true) => rows.OrderByDescending(r => r.Retries).ThenBy(r => r.Id, StringComparer.Ordinal),
            ("jobId", true) => rows.OrderByDescending(r => r.Id, StringComparer.Ordinal),
            _ => rows.OrderBy(r => r.Id, StringComparer.Ordinal),
        };
        return count ? rows : merged.Skip(first).Take(max).ToList();
    }

    private sealed record Filter(
        IReadOnlyList<string>? Ids, string? InstanceId, string? ActivityId, string? DefinitionId, string? DefinitionKey,
        bool Timers, bool Messages, bool Executable, bool WithRetriesLeft, bool NoRetriesLeft, bool WithException,
        DateTimeOffset? DueAfter, DateTimeOffset? DueBefore)
    {
        public static Filter From(HttpRequest request, TimeZoneInfo zone)
        {
            var ids = new List<string>();
            if (RestQuery.Text(request, "jobId") is { } one)
            {
                ids.Add(one);
            }

            if (RestQuery.List(request, "jobIds") is { } many)
            {
                ids.AddRange(many);
            }

            var (after, before) = DueDates(RestQuery.Text(request, "dueDates"), zone);
            var timers = RestQuery.Flag(request, "timers");
            var messages = RestQuery.Flag(request, "messages");
            if (timers && messages)
            {
                throw RestException.BadRequest("Pilih salah satu: timers=true atau messages=true, tidak keduanya.", "Use either timers=true or messages=true, not both.");
            }

            return new Filter(ids.Count == 0 ? null : ids, RestQuery.Text(request, "processInstanceId"), RestQuery.Text(request, "activityId"),
                RestQuery.Text(request, "processDefinitionId"), RestQuery.Text(request, "processDefinitionKey"), timers, messages,
                RestQuery.Flag(request, "executable"), RestQuery.Flag(request, "withRetriesLeft"), RestQuery.Flag(request, "noRetriesLeft"),
                RestQuery.Flag(request, "withException"), after, before);
        }

        /// <summary>Camunda's dueDates: comma-separated operator_value pairs, operators gt and lt, e.g. gt_2023-02-06T08:00:00.000+0700.</summary>
        private static (DateTimeOffset? After, DateTimeOffset? Before) DueDates(string? text, TimeZoneInfo zone)
        {
            DateTimeOffset? after = null, before = null;
            foreach (var part in RestQuery.Split(text) ?? [])
            {
                var cut = part.IndexOf('_', StringComparison.Ordinal);
                var op = cut > 0 ? part[..cut] : "";
                var value = cut > 0 ? part[(cut + 1)..] : part;
                switch (op)
                {
                    case "gt":
                        after = CamundaDates.Parse(value, "dueDates", zone);
                        break;
                    case "lt":
                        before = CamundaDates.Parse(value, "dueDates", zone);
                        break;
                    default:
                        throw RestException.BadRequest(
                            string.Create(CultureInfo.InvariantCulture, $"dueDates '{part}': tulis operator_tanggal dengan operator gt atau lt, mis. gt_2023-02-06T08:00:00.000+0700."),
                            string.Create(CultureInfo.InvariantCulture, $"dueDates '{part}': write operator_date with operator gt or lt, e.g. gt_2023-02-06T08:00:00.000+0700."));
                }
            }

            return (after, before);
        }
    }
}
