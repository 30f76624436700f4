using System.Data.Common;
using Kks.Workflow.Engine;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Persistence.Dispatch;

/// <summary>
/// Runs due handler and async-continuation jobs (external tasks are fetched by workers instead). A node claims a
/// batch with a lease, the way <see cref="TimerDispatcher"/> does; for each job it runs the registered
/// <see cref="IServiceTaskHandler"/> outside any transaction, then commits the outcome through
/// <see cref="WorkflowRuntime"/>: CompleteJob, ThrowJobBpmnError, or FailJob with one retry less and an
/// exponential back-off. At 0 retries the engine raises the incident; SetJobRetries resolves it. The commit
/// clears the lease with the state change; a node that dies mid-job loses its lease and another runs the job
/// (at least once; the instance's row version lets only one outcome commit).
/// </summary>
public sealed class JobDispatcher(
    DbContextOptions<WorkflowDbContext> options,
    WorkflowRuntime runtime,
    ServiceTaskHandlerRegistry handlers,
    TimeProvider clock,
    string nodeId)
{
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(5);

    public int BatchSize { get; init; } = 50;

    /// <summary>The wait after the first failure; it doubles with every further failure, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Claims and runs one batch of due jobs; returns how many outcomes committed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var done = 0;
        foreach (var job in await ClaimAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await RunAsync(job, cancellationToken).ConfigureAwait(false);
                done++;
            }
            catch (EngineException)
            {
                // The job or instance is gone (another node whose lease ran out committed it, or the instance was
                // cancelled) or the engine refused the outcome: the row keeps its lease until it runs out; never
                // commit twice.
            }
        }

        return done;
    }

    /// <summary>Leases up to BatchSize due, unleased jobs with retries left to this node, highest priority first.</summary>
    public async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(CancellationToken cancellationToken = default) =>
        await LeaseClaim.ClaimAsync(
            options, Table, nodeId, clock.GetUtcNow(), LeaseDuration, BatchSize,
            r => new ClaimedJob(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetInt32(4)),
            cancellationToken).ConfigureAwait(false);

    // Handler and async jobs only: external tasks are fetched by their workers.
    private static readonly LeaseTable Table = new(
        "jobs", "lock_owner", "lock_until",
        $"kind IN ('{nameof(JobKind.Handler)}', '{nameof(JobKind.AsyncBefore)}', '{nameof(JobKind.AsyncAfter)}') AND retries > 0 AND (due_at IS NULL OR due_at <= @now)",
        "priority DESC, created_at",
        "id, instance_id, kind, handler_name, retries");

    private async Task RunAsync(ClaimedJob job, CancellationToken cancellationToken)
    {
        if (job.Kind != nameof(JobKind.Handler))
        {
            // An async continuation has no work of its own: committing it moves the token on in its own transaction.
            await runtime.ExecuteAsync(job.InstanceId, new CompleteJob(job.Id), cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        var (state, jobState) = await LoadAsync(job, cancellationToken).ConfigureAwait(false);
        EngineCommand outcome;
        IReadOnlyList<OutboxWrite> outbox = [];
        try
        {
            var handler = handlers.Find(job.HandlerName) ?? throw new EngineException(new BilingualText(
                $"Penangan '{job.HandlerName}' tidak terdaftar.",
                $"Handler '{job.HandlerName}' is not registered."));
            var result = await handler.RunAsync(jobState, state, cancellationToken).ConfigureAwait(false);
            outcome = new CompleteJob(job.Id, result.Variables);
            outbox = result.Outbox;
        }
        catch (BpmnErrorException error)
        {
            outcome = new ThrowJobBpmnError(job.Id, error.ErrorCode, error.Message);
        }
#pragma warning disable CA1031 // A handler's failure of any kind is a failed attempt (retry, then incident), never a crash of the host.
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            var retries = job.Retries - 1;
            outcome = new FailJob(job.Id, error.Message, retries) { ErrorDetails = error.ToString(), DefaultRetryAfter = retries > 0 ? Backoff(jobState) : null };
        }

        // The handler's outbox rows (its mail) are written in the completion's own commit: no completion, no mail.
        await runtime.ExecuteAsync(job.InstanceId, outcome, outbox, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The instance state as committed (not tracked: the outcome is committed by the runtime on fresh state).</summary>
    private async Task<(ProcessInstanceState State, JobState Job)> LoadAsync(ClaimedJob job, CancellationToken cancellationToken)
    {
        await using var context = new WorkflowDbContext(options);
        var json = await context.ProcessInstances.AsNoTracking().Where(i => i.Id == job.InstanceId).Select(i => i.StateJson)
                       .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                   ?? throw new NotFoundException(new BilingualText($"Proses '{job.InstanceId}' tidak ditemukan.", $"Instance '{job.InstanceId}' was not found."));
        var state = InstanceStateJson.Deserialize(json);
        var jobState = state.Jobs.Find(j => j.Id == job.Id)
                       ?? throw new NotFoundException(new BilingualText($"Job '{job.Id}' tidak ditemukan.", $"Job '{job.Id}' was not found."));
        return (state, jobState);
    }

    /// <summary>BaseBackoff × 2^(failures so far); the job's revision counts its failures (and retry resets).</summary>
    private TimeSpan Backoff(JobState job)
    {
        var exponent = Math.Clamp(job.Revision, 0, 20);
        var delay = BaseBackoff * Math.Pow(2, exponent);
        return delay < MaxBackoff ? delay : MaxBackoff;
    }
}
