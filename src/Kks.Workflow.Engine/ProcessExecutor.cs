using Kks.Workflow.Engine.Execution;
using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine;

/// <summary>
/// The engine's one entry point: a pure function of (process, instance state, command, clock) that returns
/// the new state with the rows it changed, the effects for the runtime and the history. No I/O. The state
/// passed in is never modified, so a failed command leaves the caller's state exactly as it was.
/// </summary>
public sealed class ProcessExecutor(EngineOptions? options = null)
{
    private readonly EngineOptions _options = options ?? EngineOptions.Default;

    public EngineOptions Options => _options;

    /// <summary>Starts a new instance of a process (its definition id names the deployed version).</summary>
    public ExecutionResult Start(ProcessModel process, string definitionId, StartInstance command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(command);
        if (!process.IsExecutable)
        {
            throw new EngineException(new BilingualText(
                $"Proses '{process.Id}' tidak dapat dijalankan (isExecutable=false): centang 'Executable' di desainer.",
                $"Process '{process.Id}' is not executable (isExecutable=false): tick 'Executable' in the designer."));
        }

        var state = new ProcessInstanceState
        {
            Id = command.InstanceId,
            DefinitionId = definitionId,
            ProcessKey = process.Id,
            BusinessKey = command.BusinessKey,
            SuperInstanceId = command.SuperInstanceId,
            SuperExecutionId = command.SuperExecutionId,
        };
        var interpreter = new Interpreter(process, state, now, _options, command.UserId);
        interpreter.Start(command);
        return Result(interpreter, before: null);
    }

    /// <summary>Applies a command to a running instance.</summary>
    public ExecutionResult Execute(ProcessModel process, ProcessInstanceState state, EngineCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        if (command is StartInstance)
        {
            throw new ArgumentException("Use Start for a StartInstance command.", nameof(command));
        }

        var working = StateCopier.Copy(state);
        var interpreter = new Interpreter(process, working, now, _options, command.UserId);
        interpreter.Apply(command);
        return Result(interpreter, state);
    }

    private static ExecutionResult Result(Interpreter interpreter, ProcessInstanceState? before)
    {
        var after = interpreter.State;
        return new ExecutionResult
        {
            State = after,
            Tasks = RowDiff.Compare(before?.Tasks, after.Tasks),
            Timers = RowDiff.Compare(before?.Timers, after.Timers),
            Jobs = RowDiff.Compare(before?.Jobs, after.Jobs),
            Subscriptions = RowDiff.Compare(before?.Subscriptions, after.Subscriptions),
            Incidents = RowDiff.Compare(before?.Incidents, after.Incidents),
            Effects = interpreter.Effects,
            History = interpreter.History,
        };
    }
}
