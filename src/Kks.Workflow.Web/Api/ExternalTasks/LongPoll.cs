using Kks.Workflow.Persistence.Runtime;

namespace Kks.Workflow.Web.Api.ExternalTasks;

/// <summary>A fetch-and-lock request after its checks: what the store claims and what the answer shows.</summary>
internal sealed record FetchRequest(string WorkerId, int MaxTasks, bool UsePriority, TimeSpan Wait, IReadOnlyList<ExternalTaskTopic> Topics, IReadOnlyList<IReadOnlyList<string>?> VariableNames)
{
    /// <summary>Camunda's ceiling for asyncResponseTimeout (30 minutes); a longer value is refused as there.</summary>
    public const long MaxAsyncResponseTimeout = 1_800_000;

    public static FetchRequest From(FetchAndLockRequest? body)
    {
        if (body is null)
        {
            throw RestException.BadRequest("Kirim badan JSON: {\"workerId\": ..., \"maxTasks\": 1, \"topics\": [{\"topicName\": ..., \"lockDuration\": 10000}]}.",
                "Send a JSON body: {\"workerId\": ..., \"maxTasks\": 1, \"topics\": [{\"topicName\": ..., \"lockDuration\": 10000}]}.");
        }

        if (string.IsNullOrWhiteSpace(body.WorkerId))
        {
            throw RestException.BadRequest("'workerId' wajib diisi: id pekerja yang mengambil tugas.", "'workerId' is required: the id of the fetching worker.");
        }

        if (body.MaxTasks is not >= 0)
        {
            throw RestException.BadRequest("'maxTasks' wajib diisi: jumlah tugas paling banyak yang diambil (0 atau lebih).", "'maxTasks' is required: the most tasks to fetch (0 or more).");
        }

        if (body.AsyncResponseTimeout is < 0 or > MaxAsyncResponseTimeout)
        {
            throw RestException.BadRequest($"'asyncResponseTimeout' harus antara 0 dan {MaxAsyncResponseTimeout} milidetik.", $"'asyncResponseTimeout' must be between 0 and {MaxAsyncResponseTimeout} milliseconds.");
        }

        var topics = new List<ExternalTaskTopic>();
        var names = new List<IReadOnlyList<string>?>();
        foreach (var topic in body.Topics ?? [])
        {
            if (string.IsNullOrWhiteSpace(topic?.TopicName))
            {
                throw RestException.BadRequest("Setiap topik wajib punya 'topicName'.", "Every topic needs a 'topicName'.");
            }

            if (topic.LockDuration is not > 0)
            {
                throw RestException.BadRequest($"Topik '{topic.TopicName}': 'lockDuration' wajib diisi, dalam milidetik, lebih dari 0.",
                    $"Topic '{topic.TopicName}': 'lockDuration' is required, in milliseconds, greater than 0.");
            }

            topics.Add(new ExternalTaskTopic(topic.TopicName, TimeSpan.FromMilliseconds(topic.LockDuration.Value))
            {
                BusinessKey = topic.BusinessKey,
                ProcessDefinitionId = topic.ProcessDefinitionId,
                ProcessDefinitionIdIn = topic.ProcessDefinitionIdIn,
                ProcessDefinitionKey = topic.ProcessDefinitionKey,
                ProcessDefinitionKeyIn = topic.ProcessDefinitionKeyIn,
            });
            names.Add(topic.Variables);
        }

        var wait = TimeSpan.FromMilliseconds(Math.Min(body.AsyncResponseTimeout ?? 0, (long)LongPoll.MaxWait.TotalMilliseconds));
        return new FetchRequest(body.WorkerId, body.MaxTasks.Value, body.UsePriority ?? false, wait, topics, names);
    }
}

/// <summary>
/// Camunda's long polling: with asyncResponseTimeout and nothing to lock, the request waits until a task of its
/// topics appears or the time is up, then answers (possibly an empty list). It looks again every
/// <see cref="Interval"/> (an indexed query of the unlocked rows of the topics); the runtime's commit signal does not
/// report external tasks, so polling is the wake-up. The wait is real time, cancelled when the client goes away, and
/// at most <see cref="MaxWait"/>: a longer timeout answers an empty list after it and the worker simply asks again,
/// so no request holds a connection and a thread-pool wait for half an hour.
/// </summary>
internal static class LongPoll
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<string>> FetchAsync(ExternalTaskStore store, FetchRequest request, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(request.Wait);
        while (true)
        {
            var ids = await store.FetchAndLockAsync(request.WorkerId, request.Topics, request.MaxTasks, request.UsePriority, cancellationToken).ConfigureAwait(false);
            if (ids.Count > 0 || request.MaxTasks == 0 || request.Topics.Count == 0 || deadline.IsCancellationRequested)
            {
                return ids;
            }

            try
            {
                await Task.Delay(Interval, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The wait is over: one last look, then answer whatever it finds.
            }
        }
    }
}
