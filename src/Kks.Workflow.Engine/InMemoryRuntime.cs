using System.Globalization;
using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Engine.Timers;

namespace Kks.Workflow.Engine;

/// <summary>A built-in service task handler: gets the job (with its input variables), returns output variables or throws.</summary>
public delegate IReadOnlyDictionary<string, object?>? ServiceHandler(JobState job, ProcessInstanceState instance);

/// <summary>
/// The engine without a database: deployments, instances and their rows in memory, driven through the
/// same executor as the durable runtime. Tests and the benchmark use it; it runs every instance until it
/// waits, runs handler and async jobs at once, fires timers as the clock moves, and follows call activities.
/// Not thread-safe: one caller at a time.
/// </summary>
public sealed class InMemoryRuntime(TimeProvider clock, EngineOptions? options = null)
{
    private readonly ProcessExecutor _executor = new(options);
    private readonly Dictionary<string, List<Deployed>> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Deployed> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProcessInstanceState> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _taskOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServiceHandler> _handlers = new(StringComparer.Ordinal);
    private readonly List<HistoryEvent> _history = [];
    private readonly List<EngineEffect> _effects = [];
    private long _nextInstance;

    private sealed record Deployed(string Id, int Version, ProcessModel Process);

    public TimeProvider Clock => clock;

    /// <summary>Keep history and effects (tests read them); the benchmark turns this off to measure the engine alone.</summary>
    public bool KeepHistory { get; set; } = true;

    /// <summary>
    /// Pass every new state through JSON and go on with the copy read back, failing when the JSON differs:
    /// the test catalogue runs this way, so every process it covers proves the state serialises without loss.
    /// </summary>
    public bool VerifyStateRoundTrip { get; set; }

    /// <summary>Run handler and async jobs as soon as they appear (true), or leave them for RunJobs.</summary>
    public bool RunJobsAutomatically { get; set; } = true;

    public IReadOnlyList<HistoryEvent> History => _history;

    /// <summary>Effects the runtime does not act on itself (task timeouts, instance ends), for tests to inspect.</summary>
    public IReadOnlyList<EngineEffect> Effects => _effects;

    public IReadOnlyCollection<ProcessInstanceState> Instances => _instances.Values;

    public void RegisterHandler(string name, ServiceHandler handler) => _handlers[name] = handler;

    /// <summary>Parses, validates and registers every executable process of a BPMN file; refuses on any error.</summary>
    public IReadOnlyList<string> Deploy(string bpmnXml)
    {
        var definitions = BpmnParser.Parse(bpmnXml);
        var problems = BpmnValidator.Validate(definitions, options?.DeadlinePolicies);
        if (!BpmnValidator.IsDeployable(problems))
        {
            var first = problems.First(p => p.Severity == ProblemSeverity.Error);
            throw new EngineException(new BilingualText(
                $"Model tidak valid ({problems.Count(p => p.Severity == ProblemSeverity.Error)} masalah). Pertama: {first.Text.Indonesian}",
                $"The model is invalid ({problems.Count(p => p.Severity == ProblemSeverity.Error)} problems). First: {first.Text.English}"));
        }

        var ids = new List<string>();
        foreach (var process in definitions.ExecutableProcesses)
        {
            var versions = _byKey.TryGetValue(process.Id, out var list) ? list : _byKey[process.Id] = [];
            var deployed = new Deployed($"{process.Id}:{versions.Count + 1}", versions.Count + 1, process);
            versions.Add(deployed);
            _byId[deployed.Id] = deployed;
            ids.Add(deployed.Id);
            ArmStartTimers(deployed);
        }

        return ids;
    }

    public ProcessModel Process(string definitionId) => _byId[definitionId].Process;

    public ProcessInstanceState Instance(string id) =>
        _instances.TryGetValue(id, out var state) ? state : throw new EngineException(new BilingualText($"Proses '{id}' tidak ditemukan.", $"Instance '{id}' was not found."));

    // ---- commands -------------------------------------------------------------------------------

    public string Start(string processKey, IReadOnlyDictionary<string, object?>? variables = null, string? businessKey = null, string? userId = null)
    {
        var deployed = Latest(processKey);
        var id = "pi" + (++_nextInstance).ToString(CultureInfo.InvariantCulture);
        var result = _executor.Start(deployed.Process, deployed.Id, new StartInstance(id, businessKey, variables) { UserId = userId }, clock.GetUtcNow());
        Apply(result);
        return id;
    }

    /// <summary>Starts every process whose top-level message start event waits for this message.</summary>
    public IReadOnlyList<string> StartByMessage(string messageName, IReadOnlyDictionary<string, object?>? variables = null, string? businessKey = null)
    {
        var started = new List<string>();
        foreach (var versions in _byKey.Values)
        {
            var deployed = versions[^1];
            var start = deployed.Process.StartEvents.FirstOrDefault(s => s.Definition is MessageEventDefinition { MessageName: { IsLiteral: true } name } && name.Text == messageName);
            if (start is not null)
            {
                var id = "pi" + (++_nextInstance).ToString(CultureInfo.InvariantCulture);
                Apply(_executor.Start(deployed.Process, deployed.Id, new StartInstance(id, businessKey, variables, start.Id), clock.GetUtcNow()));
                started.Add(id);
            }
        }

        return started;
    }

    public void Execute(string instanceId, EngineCommand command) => Run(instanceId, command, clock.GetUtcNow());

    public void CompleteTask(string taskId, IReadOnlyDictionary<string, object?>? variables = null, string? userId = null) =>
        Execute(OwnerOf(taskId), new CompleteTask(taskId, variables) { UserId = userId });

    public void Claim(string taskId, string userId) => Execute(OwnerOf(taskId), new ClaimTask(taskId, userId) { UserId = userId });

    /// <summary>Delivers a message to every waiting subscription with this name (optionally one instance or business key); returns how many.</summary>
    public int Correlate(string messageName, IReadOnlyDictionary<string, object?>? variables = null, string? businessKey = null, string? instanceId = null, bool all = true)
    {
        var targets = _instances.Values
            .Where(i => !i.IsEnded && (instanceId is null || i.Id == instanceId) && (businessKey is null || i.BusinessKey == businessKey))
            .SelectMany(i => i.Subscriptions.Where(s => s.MessageName == messageName).Select(s => (Instance: i.Id, Subscription: s.Id)))
            .ToList();
        var count = 0;
        foreach (var (instance, subscription) in all ? targets : targets.Take(1))
        {
            // An earlier delivery may have withdrawn this subscription (same instance, event gateway).
            if (_instances[instance].Subscriptions.Exists(s => s.Id == subscription))
            {
                Execute(instance, new CorrelateMessage(subscription, variables));
                count++;
            }
        }

        return count;
    }

    /// <summary>Fires every timer due by the clock's time, earliest first, each at its own due time (repeats included).</summary>
    public int FireDueTimers()
    {
        var fired = 0;
        while (FireNextDue(clock.GetUtcNow()))
        {
            fired++;
        }

        return fired;
    }

    /// <summary>Moves the clock and fires what fell due on the way, each timer at its due time.</summary>
    public int AdvanceClock(TimeSpan by)
    {
        if (clock is not ManualTimeProvider manual)
        {
            throw new InvalidOperationException("AdvanceClock needs a ManualTimeProvider.");
        }

        var target = manual.GetUtcNow() + by;
        var fired = 0;
        while (FireNextDue(target))
        {
            fired++;
        }

        manual.SetTo(target);
        if (RunJobsAutomatically)
        {
            RunJobs(); // jobs waiting out a retry interval that ended on the way
        }

        return fired;
    }

    /// <summary>Fires the earliest timer (of an instance, or a timer start event) due by the limit.</summary>
    private bool FireNextDue(DateTimeOffset until)
    {
        var timer = NextDueTimer();
        var start = _startTimers.Count == 0 ? null : _startTimers.MinBy(t => t.Due);
        var startFirst = start is not null && (timer is null || start.Due <= timer.Value.Timer.DueAt);
        var due = startFirst ? start!.Due : timer?.Timer.DueAt;
        if (due is not { } when || when > until)
        {
            return false;
        }

        if (clock is ManualTimeProvider manual && when > manual.GetUtcNow())
        {
            manual.SetTo(when);
        }

        if (startFirst)
        {
            FireStartTimer(start!);
        }
        else
        {
            Run(timer!.Value.Instance, new FireTimer(timer.Value.Timer.Id), when);
        }

        return true;
    }

    private (string Instance, TimerState Timer)? NextDueTimer()
    {
        (string, TimerState)? best = null;
        foreach (var instance in _instances.Values)
        {
            foreach (var timer in instance.Timers)
            {
                if (best is null || timer.DueAt < best.Value.Item2.DueAt)
                {
                    best = (instance.Id, timer);
                }
            }
        }

        return best;
    }

    // ---- timer start events ---------------------------------------------------------------------

    /// <summary>A timer start event of the latest version of a process, armed at deployment.</summary>
    private sealed class StartTimer(Deployed definition, StartEvent start, TimerSchedule schedule, DateTimeOffset due)
    {
        public Deployed Definition { get; } = definition;

        public StartEvent Start { get; } = start;

        public TimerSchedule Schedule { get; } = schedule;

        public DateTimeOffset Due { get; set; } = due;

        public int Fired { get; set; }
    }

    private readonly List<StartTimer> _startTimers = [];

    /// <summary>A new version replaces the timer start events of the previous ones (Camunda does the same).</summary>
    private void ArmStartTimers(Deployed deployed)
    {
        _startTimers.RemoveAll(t => t.Definition.Process.Id == deployed.Process.Id);
        foreach (var start in deployed.Process.StartEvents)
        {
            if (start.Definition is TimerEventDefinition timer)
            {
                var text = timer.Text.IsLiteral
                    ? timer.Text.Text
                    : timer.Text.EvaluateString(Expressions.DictionaryVariableResolver.Empty, new Expressions.ExpressionEnvironment(clock.GetUtcNow(), _executor.Options.TimeZone, _executor.Options.Calendar));
                var schedule = TimerSchedule.Parse(timer.Kind, text);
                if (schedule.FirstDue(clock.GetUtcNow(), _executor.Options.TimeZone) is { } due)
                {
                    _startTimers.Add(new StartTimer(deployed, start, schedule, due));
                }
            }
        }
    }

    private void FireStartTimer(StartTimer timer)
    {
        var id = "pi" + (++_nextInstance).ToString(CultureInfo.InvariantCulture);
        var firedAt = timer.Due;
        timer.Fired++;
        if (timer.Schedule.IsRepeating && timer.Schedule.NextDue(firedAt, timer.Fired, _executor.Options.TimeZone) is { } next)
        {
            timer.Due = next;
        }
        else
        {
            _startTimers.Remove(timer);
        }

        Apply(_executor.Start(timer.Definition.Process, timer.Definition.Id, new StartInstance(id, StartEventId: timer.Start.Id), firedAt));
    }

    // ---- external tasks and jobs ------------------------------------------------------------------

    public IReadOnlyList<JobState> ExternalTasks(string? topic = null) =>
        _instances.Values.SelectMany(i => i.Jobs).Where(j => j.Kind == JobKind.ExternalTask && j.Retries > 0 && (topic is null || j.Topic == topic)
            && (j.DueAt is null || j.DueAt <= clock.GetUtcNow())).ToList();

    public void CompleteExternalTask(string jobId, IReadOnlyDictionary<string, object?>? variables = null) =>
        Execute(JobOwner(jobId), new CompleteJob(jobId, variables));

    public void FailExternalTask(string jobId, string message, int retries) =>
        Execute(JobOwner(jobId), new FailJob(jobId, message, retries));

    public void ThrowBpmnError(string jobId, string code, string? message = null) =>
        Execute(JobOwner(jobId), new ThrowJobBpmnError(jobId, code, message));

    /// <summary>Runs every handler and async job that can run now; a handler that throws uses up one retry.</summary>
    public int RunJobs()
    {
        var ran = 0;
        while (_instances.Values.SelectMany(i => i.Jobs.Select(j => (Instance: i, Job: j)))
                   .FirstOrDefault(x => x.Job.Kind != JobKind.ExternalTask && x.Job.Retries > 0 && (x.Job.DueAt is null || x.Job.DueAt <= clock.GetUtcNow())) is { Job: not null } next)
        {
            RunJob(next.Instance, next.Job);
            ran++;
        }

        return ran;
    }

    private void RunJob(ProcessInstanceState instance, JobState job)
    {
        if (job.Kind != JobKind.Handler)
        {
            Continue(instance, job, output: null);
            return;
        }

        IReadOnlyDictionary<string, object?>? output;
        try
        {
            if (job.HandlerName is null || !_handlers.TryGetValue(job.HandlerName, out var handler))
            {
                throw new EngineException(new BilingualText(
                    $"Penangan '{job.HandlerName}' tidak terdaftar.",
                    $"Handler '{job.HandlerName}' is not registered."));
            }

            output = handler(job, instance);
        }
        catch (BpmnErrorException error)
        {
            Run(instance.Id, new ThrowJobBpmnError(job.Id, error.ErrorCode, error.Message), clock.GetUtcNow());
            return;
        }
#pragma warning disable CA1031 // A handler's failure of any kind becomes a retry or an incident, never a crash of the host.
        catch (Exception error)
#pragma warning restore CA1031
        {
            Run(instance.Id, new FailJob(job.Id, error.Message, job.Retries - 1), clock.GetUtcNow());
            return;
        }

        Continue(instance, job, output);
    }

    /// <summary>
    /// Completes a job: what follows runs in the job's own transaction, so a refusal there (a bad expression
    /// further on) uses up one retry of the job, as in Camunda, instead of failing whoever created the job.
    /// </summary>
    private void Continue(ProcessInstanceState instance, JobState job, IReadOnlyDictionary<string, object?>? output)
    {
        try
        {
            Run(instance.Id, new CompleteJob(job.Id, output), clock.GetUtcNow());
        }
        catch (EngineException error)
        {
            Run(instance.Id, new FailJob(job.Id, error.Message, job.Retries - 1), clock.GetUtcNow());
        }
    }

    // ---- queries --------------------------------------------------------------------------------

    public IReadOnlyList<UserTaskState> Tasks(string? instanceId = null) =>
        (instanceId is null ? _instances.Values.SelectMany(i => i.Tasks) : Instance(instanceId).Tasks).ToList();

    public IReadOnlyList<UserTaskState> TasksOf(string candidateGroup) =>
        _instances.Values.SelectMany(i => i.Tasks).Where(t => t.CandidateGroups.Contains(candidateGroup)).ToList();

    public object? Variable(string instanceId, string name) =>
        Instance(instanceId).Root.Variables is { } variables && variables.TryGetValue(name, out var value) ? value : null;

    /// <summary>The node ids where tokens of an instance wait, sorted (what a test asserts).</summary>
    public IReadOnlyList<string> WaitingAt(string instanceId)
    {
        var state = Instance(instanceId);
        var parents = state.Executions.Where(e => e.ParentId is not null).Select(e => e.ParentId).ToHashSet();
        return state.Executions
            .Where(e => e.NodeId is not null && e.Status == ExecutionStatus.Waiting && e.Kind != ExecutionKind.MultiInstanceBody && !parents.Contains(e.Id))
            .Select(e => e.NodeId!)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Node ids in the order their activities started (the execution log).</summary>
    public IReadOnlyList<string> Log(string instanceId) =>
        _history.Where(h => h.InstanceId == instanceId && h.Kind == HistoryKind.ActivityStarted).Select(h => h.NodeId!).ToList();

    // ---- plumbing -------------------------------------------------------------------------------

    private Deployed Latest(string key) =>
        _byKey.TryGetValue(key, out var versions) ? versions[^1] : throw new EngineException(new BilingualText(
            $"Tidak ada definisi proses dengan kunci '{key}': terapkan (deploy) dulu berkasnya.",
            $"No process definition with key '{key}': deploy its file first."));

    private Deployed Called(StartCalledProcess call)
    {
        var latest = Latest(call.ProcessKey);
        if (call.Binding != "version" || call.Version is not { } version)
        {
            return latest;
        }

        return _byKey[call.ProcessKey].Find(d => d.Version == version) ?? throw new EngineException(new BilingualText(
            $"Versi {version} dari proses '{call.ProcessKey}' tidak ada.",
            $"Version {version} of process '{call.ProcessKey}' does not exist."));
    }

    private string OwnerOf(string taskId) =>
        _taskOwner.TryGetValue(taskId, out var owner) ? owner : throw new EngineException(new BilingualText($"Tugas '{taskId}' tidak ditemukan.", $"Task '{taskId}' was not found."));

    private string JobOwner(string jobId) =>
        _instances.Values.FirstOrDefault(i => i.Jobs.Exists(j => j.Id == jobId))?.Id
        ?? throw new EngineException(new BilingualText($"Job '{jobId}' tidak ditemukan.", $"Job '{jobId}' was not found."));

    private void Run(string instanceId, EngineCommand command, DateTimeOffset now)
    {
        var state = Instance(instanceId);
        Apply(_executor.Execute(_byId[state.DefinitionId].Process, state, command, now));
    }

    private void Apply(ExecutionResult result)
    {
        // A call to a process that is not deployed refuses the command before anything is stored (as a
        // rolled-back transaction would), instead of leaving the caller waiting for a child that never starts.
        foreach (var call in result.Effects.OfType<StartCalledProcess>())
        {
            _ = Called(call);
        }

        var state = VerifyStateRoundTrip ? RoundTrip(result.State) : result.State;
        _instances[state.Id] = state;
        foreach (var task in result.Tasks.Removed)
        {
            _taskOwner.Remove(task.Id);
        }

        foreach (var task in result.Tasks.Added)
        {
            _taskOwner[task.Id] = state.Id;
        }

        if (KeepHistory)
        {
            _history.AddRange(result.History);
        }

        foreach (var effect in result.Effects)
        {
            Follow(effect);
        }

        if (RunJobsAutomatically && !result.Jobs.IsEmpty)
        {
            foreach (var job in result.Jobs.Added.Where(j => j.Kind != JobKind.ExternalTask).ToList())
            {
                if (_instances[state.Id].Jobs.Exists(j => j.Id == job.Id))
                {
                    RunJob(_instances[state.Id], job);
                }
            }
        }
    }

    private static ProcessInstanceState RoundTrip(ProcessInstanceState state)
    {
        var json = InstanceStateJson.Serialize(state);
        if (json != InstanceStateJson.SerializeWithSerializer(state))
        {
            throw new InvalidOperationException($"The hand-written state JSON differs from the serializer's:\n{json}\n{InstanceStateJson.SerializeWithSerializer(state)}");
        }

        var copy = InstanceStateJson.Deserialize(json);
        var again = InstanceStateJson.Serialize(copy);
        return json == again
            ? copy
            : throw new InvalidOperationException($"Instance state changed in a JSON round trip:\n{json}\n{again}");
    }

    private void Follow(EngineEffect effect)
    {
        switch (effect)
        {
            case StartCalledProcess call:
                var called = Called(call);
                Apply(_executor.Start(called.Process, called.Id, new StartInstance(call.InstanceId, call.BusinessKey, call.Variables)
                {
                    SuperInstanceId = call.SuperInstanceId,
                    SuperExecutionId = call.SuperExecutionId,
                }, clock.GetUtcNow()));
                break;
            case NotifyCaller notify:
                Run(notify.SuperInstanceId, new CompleteCallActivity(notify.SuperExecutionId, notify.Variables), clock.GetUtcNow());
                break;
            case PropagateErrorToCaller error:
                Run(error.SuperInstanceId, new PropagateCalledError(error.SuperExecutionId, error.ErrorCode, error.ErrorMessage), clock.GetUtcNow());
                break;
            case CancelCalledProcess cancel when _instances.TryGetValue(cancel.InstanceId, out var child) && !child.IsEnded:
                Run(cancel.InstanceId, new CancelInstance("call activity cancelled"), clock.GetUtcNow());
                break;
            default:
                if (KeepHistory)
                {
                    _effects.Add(effect);
                }

                break;
        }
    }
}

/// <summary>Thrown by a handler to raise a BPMN error that an error boundary event can catch.</summary>
public sealed class BpmnErrorException : Exception
{
    public BpmnErrorException(string errorCode, string? message = null) : base(message ?? errorCode) => ErrorCode = errorCode;

    public BpmnErrorException() : this("error") { }

    public BpmnErrorException(string message, Exception innerException) : base(message, innerException) => ErrorCode = message;

    public string ErrorCode { get; } = "error";
}
