using System.Globalization;
using System.Text.Json;
using Kks.Workflow.Engine;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Notifications.Digests;

/// <summary>
/// One working morning's digests as <c>digest</c> outbox rows (the mail contract of issue 7): one for the leaders
/// (open and overdue counts per OPD, the overdue list) and one per OPD with open tasks (its tasks by due date).
/// Never empty; never twice for a day: the keys <c>digest:{type}:{date}:{opd or all}</c> are unique in the outbox,
/// so a second node or a restart writes nothing. Tasks count for an OPD through their candidate groups, or, held by
/// a person and offered to no group, through the person's OPD.
/// </summary>
public sealed class DigestWriter(DbContextOptions<WorkflowDbContext> options, EngineOptions engine, TimeProvider clock)
{
    public const string Kind = "digest";

    private static readonly string[] Leaders = ["role:pimpinan", "leader:*"];

    private sealed record OpenTask(string Id, string? Name, string InstanceId, DateTimeOffset? Due, string Opd);

    /// <summary>Writes the digests for <paramref name="day"/>; 0 on a day off or when they were already written.</summary>
    public async Task<int> WriteAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (!engine.Calendar.IsWorkingDay(day))
        {
            return 0;
        }

        await using var context = new WorkflowDbContext(options);
        var now = clock.GetUtcNow();
        var tasks = await OpenTasksAsync(context, cancellationToken).ConfigureAwait(false);
        if (tasks.Count == 0)
        {
            return 0; // never empty
        }

        var names = await context.Opds.AsNoTracking().ToDictionaryAsync(o => o.Code, o => o.Name, cancellationToken).ConfigureAwait(false);
        var instanceIds = tasks.Select(t => t.InstanceId).Distinct().ToList();
        var businessKeys = await context.ProcessInstances.AsNoTracking().Where(i => instanceIds.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, i => i.BusinessKey, cancellationToken).ConfigureAwait(false);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rows = new List<OutboxRecord>();

        var byOpd = tasks.GroupBy(t => t.Opd, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var counts = byOpd.Select(g => new
        {
            code = g.Key,
            name = names.GetValueOrDefault(g.Key, g.Key),
            open = g.Count(),
            overdue = g.Count(t => t.Due < now),
        }).ToList();
        var overdue = tasks.Where(t => t.Due < now).OrderBy(t => t.Due).ThenBy(t => t.Opd, StringComparer.Ordinal).ToList();
        rows.Add(Row($"digest:pimpinan:{date}:all", now, new
        {
            date,
            type = "pimpinan",
            to = Leaders,
            opds = counts,
            tasks = overdue.Select(t => TaskLine(t, businessKeys, day)).ToList(),
        }));

        foreach (var opd in byOpd)
        {
            rows.Add(Row($"digest:opd:{date}:{opd.Key}", now, new
            {
                date,
                type = "opd",
                to = new[] { "group:" + opd.Key },
                opds = counts.Where(c => c.code == opd.Key).ToList(),
                tasks = opd.OrderBy(t => t.Due ?? DateTimeOffset.MaxValue).ThenBy(t => t.Id, StringComparer.Ordinal).Select(t => TaskLine(t, businessKeys, day)).ToList(),
            }));
        }

        var keys = rows.Select(r => r.IdempotencyKey).ToList();
        var written = await context.Outbox.AsNoTracking().Where(o => keys.Contains(o.IdempotencyKey)).Select(o => o.IdempotencyKey)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var fresh = rows.Where(r => !written.Contains(r.IdempotencyKey)).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        context.Outbox.AddRange(fresh);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            if (await AllWrittenAsync(keys, cancellationToken).ConfigureAwait(false))
            {
                return 0; // another node wrote the same day's digests first: the unique key kept them single
            }

            throw;
        }

        return fresh.Count;
    }

    private async Task<bool> AllWrittenAsync(List<string> keys, CancellationToken cancellationToken)
    {
        await using var context = new WorkflowDbContext(options);
        return await context.Outbox.CountAsync(o => keys.Contains(o.IdempotencyKey), cancellationToken).ConfigureAwait(false) == keys.Count;
    }

    /// <summary>
    /// Open tasks with an OPD, one entry per task and OPD: through their candidate groups, or, for a task offered to no
    /// group and held by a person (assigned straight to a focal point), through that person's OPD.
    /// </summary>
    private static async Task<List<OpenTask>> OpenTasksAsync(WorkflowDbContext context, CancellationToken cancellationToken)
    {
        var offered = await (
            from task in context.UserTasks.AsNoTracking()
            from candidate in task.Candidates
            where candidate.Kind == CandidateKind.Group
            select new { task.Id, task.Name, task.InstanceId, task.DueAt, candidate.Value })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var assigned = await (
            from task in context.UserTasks.AsNoTracking()
            where task.Assignee != null && !task.Candidates.Any(c => c.Kind == CandidateKind.Group)
            join user in context.Users.AsNoTracking() on task.Assignee equals user.UserName
            where user.OpdCode != null
            select new { task.Id, task.Name, task.InstanceId, task.DueAt, Value = user.OpdCode! })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return offered.Concat(assigned).Select(r => new OpenTask(r.Id, r.Name, r.InstanceId, r.DueAt, r.Value)).ToList();
    }

    private object TaskLine(OpenTask task, Dictionary<string, string?> businessKeys, DateOnly day)
    {
        var due = task.Due is { } d ? TimeZoneInfo.ConvertTime(d, engine.TimeZone) : (DateTimeOffset?)null;
        return new
        {
            taskId = task.Id,
            taskName = task.Name,
            opd = task.Opd,
            businessKey = businessKeys.GetValueOrDefault(task.InstanceId),
            due,
            workingDaysOverdue = due is { } local ? WorkingDays.Overdue(DateOnly.FromDateTime(local.DateTime), day, engine.Calendar) : 0,
        };
    }

    private static OutboxRecord Row(string key, DateTimeOffset now, object payload) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        IdempotencyKey = key,
        Kind = Kind,
        PayloadJson = JsonSerializer.Serialize(payload),
        CreatedAt = now,
        NextAttemptAt = now,
    };
}
