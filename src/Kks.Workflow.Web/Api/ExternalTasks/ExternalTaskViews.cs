using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api.Variables;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.ExternalTasks;

/// <summary>External task rows as Camunda's DTOs: the row, plus the execution, definition and variables from its instance.</summary>
internal static class ExternalTaskViews
{
    private static readonly string ExternalKind = nameof(JobKind.ExternalTask);

    private static readonly Dictionary<string, string> NoExtensionProperties = [];

    public static readonly IReadOnlyList<string> SortFields = ["id", "lockExpirationTime", "processInstanceId", "taskPriority", "createTime"];

    public static async Task<List<LockedExternalTaskDto>> LockedAsync(HttpContext http, IReadOnlyList<string> ids, FetchRequest request, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var context = http.RequestServices.GetRequiredService<WorkflowDbContext>();
        var zone = CamundaDates.Engine(http).TimeZone;
        var jobs = await context.Jobs.AsNoTracking().Where(j => ids.Contains(j.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var instances = await InstanceStates.LoadAsync(context, jobs.Select(j => j.InstanceId), cancellationToken).ConfigureAwait(false);
        var result = new List<LockedExternalTaskDto>();
        var order = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        foreach (var job in jobs.OrderBy(j => order[j.Id]))
        {
            if (!instances.TryGetValue(job.InstanceId, out var instance))
            {
                continue;
            }

            var state = instance.State.Jobs.Find(j => j.Id == job.Id);
            var executionId = state?.ExecutionId ?? instance.State.Root.Id;
            var names = Requested(request, job.Topic);
            var variables = instance.VisibleVariables(executionId)
                .Where(v => names is null || names.Contains(v.Key));
            result.Add(new LockedExternalTaskDto(
                job.NodeId, instance.Execution(executionId)?.ActivityInstanceId, job.ErrorMessage, state?.ErrorDetails, executionId, job.Id,
                CamundaDates.Format(job.LockUntil, zone), CamundaDates.Format(job.CreatedAt, zone), instance.DefinitionId, instance.ProcessKey, null,
                job.InstanceId, job.Retries, job.LockOwner, job.Topic, null, job.Priority, instance.BusinessKey,
                TypedVariables.Write(variables, zone), NoExtensionProperties));
        }

        return result;
    }

    /// <summary>The variable names the first topic with this name asked for; null: all of them (Camunda's default).</summary>
    private static HashSet<string>? Requested(FetchRequest request, string? topic)
    {
        for (var i = 0; i < request.Topics.Count; i++)
        {
            if (request.Topics[i].TopicName == topic)
            {
                return request.VariableNames[i] is { } names ? names.ToHashSet(StringComparer.Ordinal) : null;
            }
        }

        return null;
    }

    public static async Task<ExternalTaskDto?> OneAsync(HttpContext http, string id, CancellationToken cancellationToken)
    {
        var context = http.RequestServices.GetRequiredService<WorkflowDbContext>();
        var job = await context.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id && j.Kind == ExternalKind, cancellationToken).ConfigureAwait(false);
        return job is null ? null : (await ToDtosAsync(http, context, [job], cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public static async Task<List<ExternalTaskDto>> ListAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var context = http.RequestServices.GetRequiredService<WorkflowDbContext>();
        var (first, max) = RestQuery.Page(http.Request);
        var jobs = await Sorted(http.Request, Filtered(http, context)).Skip(first).Take(max).ToListAsync(cancellationToken).ConfigureAwait(false);
        return await ToDtosAsync(http, context, jobs, cancellationToken).ConfigureAwait(false);
    }

    public static Task<int> CountAsync(HttpContext http, CancellationToken cancellationToken) =>
        Filtered(http, http.RequestServices.GetRequiredService<WorkflowDbContext>()).CountAsync(cancellationToken);

    private static IQueryable<JobRecord> Filtered(HttpContext http, WorkflowDbContext context)
    {
        var request = http.Request;
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var query = context.Jobs.AsNoTracking().Where(j => j.Kind == ExternalKind);
        if (RestQuery.Text(request, "externalTaskId") is { } id)
        {
            query = query.Where(j => j.Id == id);
        }

        if (RestQuery.Text(request, "topicName") is { } topic)
        {
            query = query.Where(j => j.Topic == topic);
        }

        if (RestQuery.Text(request, "workerId") is { } worker)
        {
            query = query.Where(j => j.LockOwner == worker);
        }

        if (RestQuery.Text(request, "processInstanceId") is { } instance)
        {
            query = query.Where(j => j.InstanceId == instance);
        }

        if (RestQuery.Text(request, "activityId") is { } activity)
        {
            query = query.Where(j => j.NodeId == activity);
        }

        if (RestQuery.Text(request, "processDefinitionId") is { } definition)
        {
            query = query.Where(j => context.ProcessInstances.Any(i => i.Id == j.InstanceId && i.DefinitionId == definition));
        }

        if (RestQuery.Flag(request, "locked"))
        {
            query = query.Where(j => j.LockUntil != null && j.LockUntil >= now);
        }

        if (RestQuery.Flag(request, "notLocked"))
        {
            query = query.Where(j => j.LockUntil == null || j.LockUntil < now);
        }

        if (RestQuery.Flag(request, "withRetriesLeft"))
        {
            query = query.Where(j => j.Retries > 0);
        }

        if (RestQuery.Flag(request, "noRetriesLeft"))
        {
            query = query.Where(j => j.Retries == 0);
        }

        return query;
    }

    private static IQueryable<JobRecord> Sorted(HttpRequest request, IQueryable<JobRecord> query)
    {
        var (sortBy, descending) = RestQuery.Sort(request, [.. SortFields]);
        return (sortBy, descending) switch
        {
            ("lockExpirationTime", false) => query.OrderBy(j => j.LockUntil).ThenBy(j => j.Id),
            ("lockExpirationTime", true) => query.OrderByDescending(j => j.LockUntil).ThenBy(j => j.Id),
            ("processInstanceId", false) => query.OrderBy(j => j.InstanceId).ThenBy(j => j.Id),
            ("processInstanceId", true) => query.OrderByDescending(j => j.InstanceId).ThenBy(j => j.Id),
            ("taskPriority", false) => query.OrderBy(j => j.Priority).ThenBy(j => j.Id),
            ("taskPriority", true) => query.OrderByDescending(j => j.Priority).ThenBy(j => j.Id),
            ("createTime", true) => query.OrderByDescending(j => j.CreatedAt).ThenBy(j => j.Id),
            ("id", true) => query.OrderByDescending(j => j.Id),
            _ => sortBy == "id" ? query.OrderBy(j => j.Id) : query.OrderBy(j => j.CreatedAt).ThenBy(j => j.Id),
        };
    }

    private static async Task<List<ExternalTaskDto>> ToDtosAsync(HttpContext http, WorkflowDbContext context, List<JobRecord> jobs, CancellationToken cancellationToken)
    {
        var zone = CamundaDates.Engine(http).TimeZone;
        var instances = await InstanceStates.LoadAsync(context, jobs.Select(j => j.InstanceId), cancellationToken).ConfigureAwait(false);
        var result = new List<ExternalTaskDto>();
        foreach (var job in jobs)
        {
            if (!instances.TryGetValue(job.InstanceId, out var instance))
            {
                continue;
            }

            var executionId = instance.State.Jobs.Find(j => j.Id == job.Id)?.ExecutionId ?? instance.State.Root.Id;
            result.Add(new ExternalTaskDto(
                job.NodeId, instance.Execution(executionId)?.ActivityInstanceId, job.ErrorMessage, executionId, job.Id,
                CamundaDates.Format(job.LockUntil, zone), CamundaDates.Format(job.CreatedAt, zone), instance.DefinitionId, instance.ProcessKey, null,
                job.InstanceId, job.Retries, false, job.LockOwner, job.Topic, null, job.Priority, instance.BusinessKey));
        }

        return result;
    }
}
