using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.Access;

/// <summary>
/// The one place that decides who reads and writes what: every endpoint (and, later, every page) that touches
/// tasks, instances, variables, comments, history or files goes through it. Rules:
/// admin and sekretariat: everything; pimpinan: read everything, write nothing; opd: the tasks assigned to them, offered to
/// their OPD's code (a candidate group) or to them by name, and the instances, variables, comments and history of
/// instances holding such a task; verifikator: nothing of the engine until campaigns exist (the KKS program issue).
/// Something that exists but is out of the caller's reach answers 404, exactly like something that does not exist,
/// so ids leak nothing; an action the caller's role may never do answers 403.
/// </summary>
public static class AccessPolicy
{
    /// <summary>The open tasks the caller may see.</summary>
    public static IQueryable<UserTaskRecord> Tasks(WorkflowDbContext context, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.ReadsAll)
        {
            return context.UserTasks;
        }

        if (!caller.IsOpd)
        {
            return context.UserTasks.Where(_ => false);
        }

        var user = caller.UserId;
        var opd = caller.OpdCode;
        // "id IN (the inbox index's range)" instead of EXISTS per task: the planner reads the candidates index
        // instead of scanning every open task (200 ms -> a few ms for a count on 100,000 tasks).
        var offered = context.TaskCandidates
            .Where(c => (c.Kind == CandidateKind.Group && c.Value == opd) || (c.Kind == CandidateKind.User && c.Value == user))
            .Select(c => c.TaskId);
        // A UNION, not "assignee = me OR id IN (offered)": with the OR, SQLite scanned every open task (200-450 ms
        // per inbox page at 100,000 tasks); each side of the union walks its own index. A union of the ids, not of
        // whole rows: de-duplicating 5,000 full rows in a temporary b-tree cost twice the query.
        var ids = context.UserTasks.Where(t => t.Assignee == user).Select(t => t.Id).Union(offered);
        return context.UserTasks.Where(t => ids.Contains(t.Id));
    }

    /// <summary>
    /// The candidate rows of the tasks offered to the caller's own OPD (a focal point sees every one of them, see
    /// <see cref="Tasks"/>), so the inbox's "my OPD" page walks the candidate index in due order; none for anyone else.
    /// </summary>
    public static IQueryable<TaskCandidateRecord> OwnOpdOffers(WorkflowDbContext context, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsOpd || caller.OpdCode is not { } opd)
        {
            return context.TaskCandidates.Where(_ => false);
        }

        return context.TaskCandidates.Where(c => c.Kind == CandidateKind.Group && c.Value == opd);
    }

    /// <summary>
    /// True when <see cref="Tasks"/> holds every open task offered to the candidate group <paramref name="group"/>:
    /// for those who read all (every task), and for a focal point asking for their own OPD's code (a task offered to
    /// their OPD is one of theirs, see <see cref="Tasks"/>). A query of that group's tasks written outside EF (the task
    /// list's prepared page, <c>TaskGroupPage</c>) may then skip the access filter; for any other caller or group it
    /// must not answer, and the EF query with <see cref="Tasks"/> does.
    /// </summary>
    public static bool SeesWholeGroup(Caller caller, string group)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.ReadsAll || (caller.IsOpd && caller.OpdCode is { Length: > 0 } opd && string.Equals(opd, group, StringComparison.Ordinal));
    }

    /// <summary>
    /// The instances the caller may see: for an opd user, those holding a task they may see, open or done (historic
    /// task rows exist from a task's creation, so one indexed rule covers both; see <see cref="HistoricInstances"/>).
    /// </summary>
    public static IQueryable<ProcessInstanceRecord> Instances(WorkflowDbContext context, Caller caller) => HistoricInstances(context, caller);

    /// <summary>
    /// The historic tasks (open and ended) the caller may see: for an opd user, those assigned to or completed by
    /// them, or offered to their OPD's code or to them by name (the candidates as they stood at the end).
    /// </summary>
    public static IQueryable<HistoricTaskRecord> HistoricTasks(WorkflowDbContext context, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.ReadsAll)
        {
            return context.HistoricTasks;
        }

        if (!caller.IsOpd)
        {
            return context.HistoricTasks.Where(_ => false);
        }

        var user = caller.UserId;
        var opd = caller.OpdCode;
        return context.HistoricTasks.Where(t => t.Assignee == user || t.CompletedBy == user
            || t.Candidates.Any(c => (c.Kind == CandidateKind.Group && c.Value == opd) || (c.Kind == CandidateKind.User && c.Value == user)));
    }

    /// <summary>The instances (running or ended) whose history the caller may read: for an opd user, those holding a historic task they may see.</summary>
    public static IQueryable<ProcessInstanceRecord> HistoricInstances(WorkflowDbContext context, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.ReadsAll)
        {
            return context.ProcessInstances;
        }

        var visible = HistoricTasks(context, caller).Select(t => t.InstanceId);
        return context.ProcessInstances.Where(i => visible.Contains(i.Id));
    }

    /// <summary>
    /// The history lines the caller may read. Everyone who reads all: every line. An opd user: in the instances they
    /// may read (<see cref="HistoricInstances"/>), only the lines of their own branches, because one KKS instance holds
    /// every OPD's tasks: the lines of the tasks they may see (by task id or activity instance id), the lines of no
    /// task that ran on one of those tasks' executions, on the instance's root execution or that enter the scope a
    /// task of theirs lives in (its sub-process or multi-instance item), and the instance's start and end. Never a
    /// line of a task they may not see, nor of another OPD's branch (its sub-process, events, gateways).
    /// </summary>
    public static IQueryable<HistoryRecord> HistoryLines(WorkflowDbContext context, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.ReadsAll)
        {
            return context.History;
        }

        var mine = HistoricTasks(context, caller);
        var instances = mine.Select(t => t.InstanceId);
        var taskIds = mine.Select(t => t.Id);
        var taskActivities = mine.Where(t => t.ActivityInstanceId != null).Select(t => t.ActivityInstanceId!);
        var executions = mine.Select(t => t.ExecutionId);
        var scopes = mine.Where(t => t.ScopeId != null).Select(t => t.ScopeId!);
        // A line is a task's when it names the task or the task's activity instance (the user task's own start/end).
        var anyTaskActivity = context.HistoricTasks.Where(t => t.ActivityInstanceId != null).Select(t => t.ActivityInstanceId!);
        return context.History.Where(h => instances.Contains(h.InstanceId)
            && ((h.TaskId != null && taskIds.Contains(h.TaskId))
                || (h.ActivityInstanceId != null && taskActivities.Contains(h.ActivityInstanceId))
                || (h.TaskId == null
                    && (h.ActivityInstanceId == null || !anyTaskActivity.Contains(h.ActivityInstanceId))
                    && (InstanceLines.Contains(h.Kind)
                        || h.ExecutionId == h.InstanceId
                        || (h.ExecutionId != null && executions.Contains(h.ExecutionId))
                        || (h.ActivityInstanceId != null && scopes.Contains(h.ActivityInstanceId))))));
    }

    /// <summary>
    /// The tasks of one thread (comments and task history lines) the caller may read: the tasks of the scope the task
    /// <paramref name="taskId"/> lives in (its sub-process or multi-instance item; see <c>historic_tasks.scope_id</c>),
    /// or the task alone when its scope is unknown (tasks made before migration 0011). Everyone who reads all reads the
    /// whole thread. An opd user reads the tasks of the thread they may see, plus those of the secretariat's side
    /// (offered to no group but a staff role, held by no focal point of another OPD), so the review note on the
    /// secretariat's check of their indicator reaches them, and never another OPD's task, even in a shared scope.
    /// Nothing at all when the caller may not see <paramref name="taskId"/>.
    /// </summary>
    public static IQueryable<HistoricTaskRecord> ThreadTasks(WorkflowDbContext context, Caller caller, string taskId)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caller);
        var anchor = HistoricTasks(context, caller).Where(t => t.Id == taskId);
        var scope = anchor.Select(t => t.ScopeId);
        var inThread = context.HistoricTasks.Where(t => t.Id == taskId || (t.ScopeId != null && scope.Contains(t.ScopeId)))
            .Where(_ => anchor.Any());
        if (caller.ReadsAll)
        {
            return inThread;
        }

        var user = caller.UserId;
        var opd = caller.OpdCode;
        var seen = HistoricTasks(context, caller).Select(t => t.Id);
        // A focal point of another OPD: whatever they hold or completed is that OPD's business.
        var othersFocal = context.Users.Where(u => u.OpdCode != null && u.OpdCode != opd && u.UserName != null).Select(u => u.UserName!);
        return inThread.Where(t => seen.Contains(t.Id)
            || (!t.Candidates.Any(c => (c.Kind == CandidateKind.Group && c.Value != opd && !StaffGroups.Contains(c.Value))
                                       || (c.Kind == CandidateKind.User && c.Value != user && othersFocal.Contains(c.Value)))
                && (t.Assignee == null || !othersFocal.Contains(t.Assignee))
                && (t.CompletedBy == null || !othersFocal.Contains(t.CompletedBy))));
    }

    /// <summary>The comments of the task's thread the caller may read (see <see cref="ThreadTasks"/>).</summary>
    public static IQueryable<TaskCommentRecord> ThreadComments(WorkflowDbContext context, Caller caller, string taskId)
    {
        var tasks = ThreadTasks(context, caller, taskId).Select(t => t.Id);
        return context.TaskComments.Where(c => tasks.Contains(c.TaskId));
    }

    /// <summary>
    /// The history lines of the task's thread the caller may read: the lines of its tasks (see <see cref="ThreadTasks"/>),
    /// and the instance's start and end; for those who read all, also the instance's incidents.
    /// </summary>
    public static IQueryable<HistoryRecord> ThreadHistory(WorkflowDbContext context, Caller caller, string taskId, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var tasks = ThreadTasks(context, caller, taskId).Select(t => t.Id);
        var readsAll = caller.ReadsAll;
        return context.History.Where(h => h.InstanceId == instanceId && tasks.Any()
            && ((h.TaskId != null && tasks.Contains(h.TaskId))
                || (h.TaskId == null && (InstanceLines.Contains(h.Kind) || (readsAll && h.Kind == IncidentLine)))));
    }

    /// <summary>
    /// The executions of the instance's open tasks the caller may see, so a view of where the instance stands shows
    /// their branches only; null for everyone who reads all (every branch).
    /// </summary>
    public static async Task<IReadOnlySet<string>?> TaskExecutionsAsync(WorkflowDbContext context, Caller caller, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.ReadsAll)
        {
            return null;
        }

        var executions = await Tasks(context, caller).Where(t => t.InstanceId == instanceId).Select(t => t.ExecutionId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return executions.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Candidate groups that are staff roles, not OPDs: a task offered to them is the secretariat's side of a thread.</summary>
    private static readonly string[] StaffGroups = [Identity.Roles.Sekretariat, Identity.Roles.Admin, Identity.Roles.Pimpinan, Identity.Roles.Verifikator];

    private static readonly string[] InstanceLines = ["InstanceStarted", "InstanceCompleted", "InstanceCancelled"];

    private const string IncidentLine = "IncidentRaised";

    /// <summary>The instance's history if the caller may read it; otherwise 404 (never 403: the id leaks nothing).</summary>
    public static async Task<ProcessInstanceRecord> HistoricInstanceAsync(WorkflowDbContext context, Caller caller, string instanceId, CancellationToken cancellationToken)
    {
        return await HistoricInstances(context, caller).AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken).ConfigureAwait(false)
               ?? throw RestException.NotFound($"Instans proses historis '{instanceId}' tidak ditemukan.", $"Historic process instance '{instanceId}' was not found.");
    }

    /// <summary>The task if the caller may see it; otherwise 404 (never 403: the id leaks nothing).</summary>
    public static async Task<UserTaskRecord> TaskAsync(WorkflowDbContext context, Caller caller, string taskId, CancellationToken cancellationToken)
    {
        return await Tasks(context, caller).AsNoTracking().Include(t => t.Candidates)
                   .FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken).ConfigureAwait(false)
               ?? throw TaskNotFound(taskId);
    }

    /// <summary>The task if the caller may work it (claim, complete, comment): seen, and not a read-only role.</summary>
    public static async Task<UserTaskRecord> TaskToWorkAsync(WorkflowDbContext context, Caller caller, string taskId, CancellationToken cancellationToken)
    {
        var task = await TaskAsync(context, caller, taskId, cancellationToken).ConfigureAwait(false);
        if (!caller.ManagesAll && !caller.IsOpd)
        {
            throw ReadOnly();
        }

        return task;
    }

    public static async Task<ProcessInstanceRecord> InstanceAsync(WorkflowDbContext context, Caller caller, string instanceId, CancellationToken cancellationToken)
    {
        return await Instances(context, caller).AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken).ConfigureAwait(false)
               ?? throw RestException.NotFound($"Instans proses '{instanceId}' tidak ditemukan.", $"Process instance '{instanceId}' was not found.");
    }

    /// <summary>
    /// Whether the caller may give a failed job its retries back (the Proses page's Coba lagi, the incident's retry):
    /// admin and secretariat, who run the workflows; leaders read incidents but change nothing.
    /// </summary>
    public static bool MayRetryIncidents(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.ManagesAll;
    }

    /// <summary>403 unless the caller is admin or secretariat (deploy, start, delete, change variables, message).</summary>
    public static void RequireManager(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.ManagesAll)
        {
            throw caller.ReadsAll ? ReadOnly() : Forbidden();
        }
    }

    /// <summary>403 unless the caller may read everything (admin, secretariat, leaders): definitions, deployments, jobs, incidents.</summary>
    public static void RequireReader(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.ReadsAll)
        {
            throw Forbidden();
        }
    }

    /// <summary>403 unless the caller may read the KKS program's data (instruments, campaigns): admin, secretariat, leaders and provincial verifiers.</summary>
    public static void RequireProgramReader(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.ReadsAll && !caller.Roles.Contains(Identity.Roles.Verifikator))
        {
            throw Forbidden();
        }
    }

    /// <summary>403 unless admin (run a job now, set retries, external task workers).</summary>
    public static void RequireAdmin(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin)
        {
            throw Forbidden();
        }
    }

    public static RestException TaskNotFound(string taskId) =>
        RestException.NotFound($"Tugas '{taskId}' tidak ditemukan: mungkin sudah selesai atau bukan milik Anda.",
            $"Task '{taskId}' was not found: it may be completed already or not yours.");

    private static RestException ReadOnly() =>
        RestException.Forbidden("Peran Anda hanya dapat membaca, tidak mengubah.", "Your role may read but not change anything.");

    private static RestException Forbidden() =>
        RestException.Forbidden("Peran Anda tidak berwenang melakukan ini.", "Your role is not allowed to do this.");
}
