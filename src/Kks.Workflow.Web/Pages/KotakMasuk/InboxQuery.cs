using System.Globalization;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api.Access;
using Microsoft.EntityFrameworkCore;

// CA1304/CA1311/CA1862: ToLower() and Contains() here are LINQ translated to SQL (lower(), instr/strpos) on both
// providers; the culture-taking overloads have no translation. CA1309: string.Compare is SQL's ordinal text order.
#pragma warning disable CA1304, CA1311, CA1862, CA1309

namespace Kks.Workflow.Web.Pages.KotakMasuk;

/// <summary>The inbox's groups (tabs). Values are the query-string words.</summary>
public static class InboxGroups
{
    public const string All = "semua";
    public const string Mine = "saya";
    public const string MyOpd = "opd";
    public const string Overdue = "terlambat";
    public const string ThisWeek = "minggu";
    public const string Done = "selesai";
}

/// <summary>The inbox's sort orders: due date (earliest first, the default), priority (highest first), created (newest first).</summary>
public static class InboxSorts
{
    public const string Due = "tenggat";
    public const string Priority = "prioritas";
    public const string Created = "dibuat";
}

/// <summary>What the inbox was asked for: a group, filters, a sort and where the page starts (a keyset cursor, never an offset).</summary>
public sealed record InboxRequest(string Group, string? Search, string? Opd, string Sort, string? After, int PageSize = 25);

/// <summary>One row: the task (open or, for Selesai, done) with what a person needs to pick it.</summary>
public sealed record InboxRow(string TaskId, string? Name, string InstanceId, string ProcessKey, string? ProcessName, string? BusinessKey,
    string? Assignee, IReadOnlyList<string> Opds, DateTimeOffset? Due, int Priority, DateTimeOffset Created, DateTimeOffset? Ended, string? CompletedBy);

public sealed record InboxPage(IReadOnlyList<InboxRow> Rows, string? Next, IReadOnlyDictionary<string, int> Counts);

/// <summary>
/// Reads the inbox through <see cref="AccessPolicy"/> (the one authorization place): the groups narrow what the caller may
/// see, never widen it. Pages are keyset pages (the last row's sort key and id), so page 400 costs what page 1 costs;
/// the sort keys are indexed or the caller's set is already small (a focal point's tasks come through the candidate index).
/// </summary>
public sealed class InboxQuery(WorkflowDbContext db, TimeProvider clock, Kks.Workflow.Engine.EngineOptions engine, TaskCountCache counts)
{
    private long? _version;

    private bool _versionRead;

    /// <summary>The database's change counter, read once per request (this class is scoped; each <see cref="ReadAsync"/> reads it anew) before anything is read.</summary>
    private long? Version(bool fresh = false)
    {
        if (fresh || !_versionRead)
        {
            _version = counts.Version();
            _versionRead = true;
        }

        return _version;
    }

    /// <summary>
    /// The change counter this request read (read now if it has not yet): the layout's late count uses the inbox's
    /// reading, so a page agrees with itself and the counter (a lock) is read once per page.
    /// </summary>
    public long? RequestVersion() => Version();

    /// <summary>What a caller's task counts depend on: who they are (name, roles, OPD), all that <see cref="AccessPolicy"/> reads.</summary>
    public static string CountKey(Caller caller, string what)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return string.Join('|', what, caller.UserId, caller.OpdCode, string.Join(',', caller.Roles.Order(StringComparer.Ordinal)));
    }

    public static IReadOnlyList<string> GroupsFor(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsOpd && !caller.ReadsAll
            ? [InboxGroups.Mine, InboxGroups.MyOpd, InboxGroups.Overdue, InboxGroups.ThisWeek, InboxGroups.All, InboxGroups.Done]
            : [InboxGroups.All, InboxGroups.Mine, InboxGroups.Overdue, InboxGroups.ThisWeek, InboxGroups.Done];
    }

    public async Task<InboxPage> ReadAsync(Caller caller, InboxRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        // The tabs count each group as a whole (with the OPD filter, without the search): a search scans text, and
        // doing that once for the list instead of once per tab keeps a search on 100,000 tasks to one scan.
        // Kept until the database changes (TaskCountCache): a reload or a tab click recounts nothing.
        var version = Version(fresh: true);
        var tabCounts = await counts.GetAsync(CountKey(caller, "inbox|" + request.Opd), async () =>
        {
            var result = new Dictionary<string, int>(StringComparer.Ordinal);
            var whole = request with { Search = null };
            foreach (var group in GroupsFor(caller))
            {
                result[group] = group == InboxGroups.Done
                    ? await Done(caller, whole).CountAsync(cancellationToken).ConfigureAwait(false)
                    : await Open(caller, whole with { Group = group }).CountAsync(cancellationToken).ConfigureAwait(false);
            }

            return result;
        }, version).ConfigureAwait(false);

        // The rows of a group that does not depend on the clock are kept like the counts, until the database changes
        // (a reload, or many users of one OPD opening the same page, reads nothing); late and this-week are read each time.
        var page = request.Group is InboxGroups.Overdue or InboxGroups.ThisWeek
            ? await ReadRowsAsync(caller, request, cancellationToken).ConfigureAwait(false)
            : await counts.GetAsync(CountKey(caller, PageKey(request)), () => ReadRowsAsync(caller, request, cancellationToken), version).ConfigureAwait(false);
        return new InboxPage(page.Rows, page.Next, tabCounts);
    }

    /// <summary>What a page's rows depend on besides the caller (see <see cref="CountKey"/>): every part of the request.</summary>
    private static string PageKey(InboxRequest request) =>
        string.Join('\u001f', "page", request.Group, request.Search, request.Opd, request.Sort, request.After,
            request.PageSize.ToString(CultureInfo.InvariantCulture));

    private async Task<PageRows> ReadRowsAsync(Caller caller, InboxRequest request, CancellationToken cancellationToken)
    {
        var rows = request.Group == InboxGroups.Done
            ? await DonePageAsync(caller, request, cancellationToken).ConfigureAwait(false)
            : request is { Group: InboxGroups.MyOpd, Sort: InboxSorts.Due, Search: null, Opd: null } && caller.IsOpd
                ? await OwnOpdPageAsync(caller, request, cancellationToken).ConfigureAwait(false)
                : await OpenPageAsync(caller, request, cancellationToken).ConfigureAwait(false);
        string? next = null;
        if (rows.Count > request.PageSize)
        {
            rows = rows[..request.PageSize];
            next = Cursor(rows[^1], request);
        }

        return new PageRows(await DescribeAsync(rows, cancellationToken).ConfigureAwait(false), next);
    }

    private sealed record PageRows(IReadOnlyList<InboxRow> Rows, string? Next);

    /// <summary>The open tasks of a group, filtered.</summary>
    private IQueryable<UserTaskRecord> Open(Caller caller, InboxRequest request)
    {
        var tasks = AccessPolicy.Tasks(db, caller).AsNoTracking();
        var now = clock.GetUtcNow();
        switch (request.Group)
        {
            case InboxGroups.Mine:
                tasks = tasks.Where(t => t.Assignee == caller.UserId);
                break;
            case InboxGroups.MyOpd:
                var opd = caller.OpdCode ?? "";
                var offered = db.TaskCandidates.Where(c => c.Kind == CandidateKind.Group && c.Value == opd).Select(c => c.TaskId);
                tasks = tasks.Where(t => t.Assignee == null && offered.Contains(t.Id));
                break;
            case InboxGroups.Overdue:
                tasks = tasks.Where(t => t.DueAt != null && t.DueAt < now);
                break;
            case InboxGroups.ThisWeek:
                var weekEnd = EndOfWeek(now);
                tasks = tasks.Where(t => t.DueAt != null && t.DueAt >= now && t.DueAt < weekEnd);
                break;
            default:
                break;
        }

        if (request.Opd is { Length: > 0 } code)
        {
            var ofOpd = db.TaskCandidates.Where(c => c.Kind == CandidateKind.Group && c.Value == code).Select(c => c.TaskId);
            tasks = tasks.Where(t => ofOpd.Contains(t.Id));
        }

        if (Pattern(request.Search) is { } search)
        {
            var keys = db.ProcessInstances.Where(i => i.BusinessKey != null && i.BusinessKey.ToLower().Contains(search)).Select(i => i.Id);
            tasks = tasks.Where(t => (t.Name != null && t.Name.ToLower().Contains(search)) || keys.Contains(t.InstanceId));
        }

        return tasks;
    }

    private IQueryable<HistoricTaskRecord> Done(Caller caller, InboxRequest request)
    {
        var tasks = AccessPolicy.HistoricTasks(db, caller).AsNoTracking().Where(t => t.EndedAt != null && t.CompletedBy != null);
        if (request.Opd is { Length: > 0 } code)
        {
            tasks = tasks.Where(t => t.Candidates.Any(c => c.Kind == CandidateKind.Group && c.Value == code));
        }

        if (Pattern(request.Search) is { } search)
        {
            tasks = tasks.Where(t => (t.Name != null && t.Name.ToLower().Contains(search)) || (t.BusinessKey != null && t.BusinessKey.ToLower().Contains(search)));
        }

        return tasks;
    }

    private async Task<List<InboxRow>> OpenPageAsync(Caller caller, InboxRequest request, CancellationToken cancellationToken)
    {
        var tasks = Open(caller, request);
        var take = request.PageSize + 1;
        var after = ParseCursor(request.After);
        List<UserTaskRecord> page;
        switch (request.Sort)
        {
            case InboxSorts.Priority:
                if (after is { } p)
                {
                    var priority = (int)p.Key;
                    tasks = tasks.Where(t => t.Priority < priority || (t.Priority == priority && string.Compare(t.Id, p.Id) > 0));
                }

                page = await tasks.OrderByDescending(t => t.Priority).ThenBy(t => t.Id).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
                break;
            case InboxSorts.Created:
                if (after is { } c)
                {
                    var created = new DateTimeOffset(c.Key, TimeSpan.Zero);
                    tasks = tasks.Where(t => t.CreatedAt < created || (t.CreatedAt == created && string.Compare(t.Id, c.Id) > 0));
                }

                page = await tasks.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
                break;
            default:
                page = await DuePageAsync(tasks, after, take, cancellationToken).ConfigureAwait(false);
                break;
        }

        return page.Select(t => new InboxRow(t.Id, t.Name, t.InstanceId, "", null, null, t.Assignee, [], t.DueAt, t.Priority, t.CreatedAt, null, null)).ToList();
    }

    /// <summary>
    /// The focal point's "my OPD" tab, earliest due first: walks the candidate index (kind, value, sort_due, task_id)
    /// of their OPD in order from the cursor and stops after the page (the same order as <see cref="DuePageAsync"/>:
    /// sort_due is the due date, or a date after every real one for tasks without), instead of sorting every task of
    /// the OPD. Those tasks are all the focal point's to see (<see cref="AccessPolicy.OwnOpdOffers"/>).
    /// </summary>
    private async Task<List<InboxRow>> OwnOpdPageAsync(Caller caller, InboxRequest request, CancellationToken cancellationToken)
    {
        var offers = AccessPolicy.OwnOpdOffers(db, caller).AsNoTracking();
        if (ParseCursor(request.After) is { } after)
        {
            var key = after.Phase == 0 ? new DateTimeOffset(after.Key, TimeSpan.Zero) : TaskCandidateRecord.NoDueDate;
            offers = offers.Where(c => c.SortDue > key || (c.SortDue == key && string.Compare(c.TaskId, after.Id) > 0));
        }

        // "(assignee ?? '') = ''" so SQLite cannot prefer the assignee index (every unassigned task) to the walk.
        var page = await (from c in offers
                          join t in db.UserTasks on c.TaskId equals t.Id
                          where (t.Assignee ?? "") == ""
                          orderby c.SortDue, c.TaskId
                          select t).Take(request.PageSize + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        return page.Select(t => new InboxRow(t.Id, t.Name, t.InstanceId, "", null, null, t.Assignee, [], t.DueAt, t.Priority, t.CreatedAt, null, null)).ToList();
    }

    /// <summary>Earliest due first, tasks without a due date last (the same order on SQLite and PostgreSQL): two keyset phases.</summary>
    private static async Task<List<UserTaskRecord>> DuePageAsync(IQueryable<UserTaskRecord> tasks, PageCursor? after, int take, CancellationToken cancellationToken)
    {
        var page = new List<UserTaskRecord>();
        if (after is null || after.Phase == 0)
        {
            var dated = tasks.Where(t => t.DueAt != null);
            if (after is { } a)
            {
                var due = new DateTimeOffset(a.Key, TimeSpan.Zero);
                dated = dated.Where(t => t.DueAt > due || (t.DueAt == due && string.Compare(t.Id, a.Id) > 0));
            }

            page.AddRange(await dated.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        if (page.Count < take)
        {
            var undated = tasks.Where(t => t.DueAt == null);
            if (after is { Phase: 1 } b)
            {
                undated = undated.Where(t => string.Compare(t.Id, b.Id) > 0);
            }

            page.AddRange(await undated.OrderBy(t => t.Id).Take(take - page.Count).ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        return page;
    }

    private async Task<List<InboxRow>> DonePageAsync(Caller caller, InboxRequest request, CancellationToken cancellationToken)
    {
        var tasks = Done(caller, request);
        if (ParseCursor(request.After) is { } after)
        {
            var ended = new DateTimeOffset(after.Key, TimeSpan.Zero);
            tasks = tasks.Where(t => t.EndedAt < ended || (t.EndedAt == ended && string.Compare(t.Id, after.Id) > 0));
        }

        var page = await tasks.OrderByDescending(t => t.EndedAt).ThenBy(t => t.Id).Take(request.PageSize + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        return page.Select(t => new InboxRow(t.Id, t.Name, t.InstanceId, t.ProcessKey, null, t.BusinessKey, t.Assignee, [], t.DueAt, t.Priority, t.CreatedAt, t.EndedAt, t.CompletedBy)).ToList();
    }

    /// <summary>The page's process names, business keys and OPDs, read for its rows only.</summary>
    private async Task<List<InboxRow>> DescribeAsync(List<InboxRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return rows;
        }

        var instanceIds = rows.Select(r => r.InstanceId).Distinct().ToList();
        var instances = await db.ProcessInstances.AsNoTracking().Where(i => instanceIds.Contains(i.Id))
            .Select(i => new { i.Id, i.ProcessKey, i.DefinitionId, i.BusinessKey }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var definitionIds = instances.Select(i => i.DefinitionId).Distinct().ToList();
        // Every definition's name (a few dozen rows), kept until the database changes, instead of a query per page.
        var names = await counts.GetAsync("definition-names", () =>
            db.ProcessDefinitions.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, StringComparer.Ordinal, cancellationToken), Version()).ConfigureAwait(false);
        var taskIds = rows.Select(r => r.TaskId).ToList();
        var groups = await db.HistoricTaskCandidates.AsNoTracking().Where(c => taskIds.Contains(c.TaskId) && c.Kind == CandidateKind.Group)
            .Select(c => new { c.TaskId, c.Value }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var opdNames = await OpdNamesAsync(cancellationToken).ConfigureAwait(false);
        var byInstance = instances.ToDictionary(i => i.Id);
        return rows.Select(r =>
        {
            var instance = byInstance.GetValueOrDefault(r.InstanceId);
            var opds = groups.Where(g => g.TaskId == r.TaskId).Select(g => opdNames.GetValueOrDefault(g.Value, g.Value)).ToList();
            return r with
            {
                ProcessKey = instance?.ProcessKey ?? r.ProcessKey,
                ProcessName = instance is null ? null : names.GetValueOrDefault(instance.DefinitionId),
                BusinessKey = instance?.BusinessKey ?? r.BusinessKey,
                Opds = opds,
            };
        }).ToList();
    }

    /// <summary>Every OPD's name by code (a few dozen rows), kept until the database changes.</summary>
    public async Task<Dictionary<string, string>> OpdNamesAsync(CancellationToken cancellationToken) =>
        await counts.GetAsync("opd-names", () => db.Opds.AsNoTracking().ToDictionaryAsync(o => o.Code, o => o.Name, cancellationToken), Version()).ConfigureAwait(false);

    /// <summary>Next Monday 00:00 in the engine's zone: "this week" ends there.</summary>
    private DateTimeOffset EndOfWeek(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, engine.TimeZone);
        var daysToMonday = ((int)DayOfWeek.Monday - (int)local.DayOfWeek + 7) % 7;
        var monday = local.Date.AddDays(daysToMonday == 0 ? 7 : daysToMonday);
        return new DateTimeOffset(monday, engine.TimeZone.GetUtcOffset(monday));
    }

    private static string? Pattern(string? search) => string.IsNullOrWhiteSpace(search) ? null : search.Trim().ToLowerInvariant();

    private sealed record PageCursor(int Phase, long Key, string Id);

    private static string Cursor(InboxRow last, InboxRequest request)
    {
        var (phase, key) = request.Group == InboxGroups.Done
            ? (0, last.Ended!.Value.UtcTicks)
            : request.Sort switch
            {
                InboxSorts.Priority => (0, (long)last.Priority),
                InboxSorts.Created => (0, last.Created.UtcTicks),
                _ => last.Due is { } due ? (0, due.UtcTicks) : (1, 0L),
            };
        return string.Create(CultureInfo.InvariantCulture, $"{phase}.{key}.{last.TaskId}");
    }

    private static PageCursor? ParseCursor(string? text)
    {
        var parts = text?.Split('.', 3);
        return parts is [var phase, var key, var id]
               && int.TryParse(phase, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is 0 or 1
               && long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var k) && id.Length > 0
            ? new PageCursor(p, k, id)
            : null;
    }
}
