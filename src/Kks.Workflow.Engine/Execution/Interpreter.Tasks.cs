using System.Globalization;
using Kks.Workflow.Engine.Expressions;
using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine.Execution;

internal sealed partial class Interpreter
{
    private void CreateUserTask(ExecutionState execution, UserTask node)
    {
        execution.Status = ExecutionStatus.Waiting;
        var task = new UserTaskState
        {
            Id = NewId(),
            ExecutionId = execution.Id,
            NodeId = node.Id,
            Name = EvaluateText(node.Name, execution, node),
            Description = EvaluateText(node.Documentation, execution, node),
            Assignee = EvaluateString(node.Assignee, execution, node) is { Length: > 0 } assignee ? assignee : null,
            CandidateUsers = EvaluateList(node.CandidateUsers, execution, node),
            CandidateGroups = EvaluateList(node.CandidateGroups, execution, node),
            Created = _now,
            DueDate = EvaluateDate(node.DueDate, execution, node, "dueDate"),
            FollowUpDate = EvaluateDate(node.FollowUpDate, execution, node, "followUpDate"),
            Priority = EvaluatePriority(node, execution),
            FormKey = node.Form?.FormKey,
            FormRef = node.Form?.FormRef,
        };
        _state.Tasks.Add(task);
        Record(HistoryKind.TaskCreated, execution, node, task.Id);

        foreach (var listener in node.TaskListeners)
        {
            if (listener.Event == "timeout" && listener.Timer is { } timer)
            {
                ArmTimer(execution, node, timer, TimerPurpose.TaskListener, task, listener);
            }
        }

        ArmDeadlineSteps(execution, node, task);
    }

    /// <summary>candidateUsers/candidateGroups: comma separated; an expression may also give a list.</summary>
    private List<string> EvaluateList(Expression? expression, ExecutionState execution, FlowNode node)
    {
        var result = new List<string>();
        if (expression is null)
        {
            return result;
        }

        var value = Evaluate(expression, execution, node);
        if (value is IReadOnlyList<object?> list)
        {
            foreach (var item in list)
            {
                AddParts(result, Convert.ToString(item, CultureInfo.InvariantCulture));
            }
        }
        else
        {
            AddParts(result, value is DateTimeOffset ? null : Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        return result;

        static void AddParts(List<string> target, string? text)
        {
            if (text is null)
            {
                return;
            }

            foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!target.Contains(part))
                {
                    target.Add(part);
                }
            }
        }
    }

    private int EvaluatePriority(UserTask node, ExecutionState execution)
    {
        if (node.Priority is null)
        {
            return _options.DefaultTaskPriority;
        }

        return Evaluate(node.Priority, execution, node) switch
        {
            null => _options.DefaultTaskPriority,
            long number when number is >= int.MinValue and <= int.MaxValue => (int)number,
            double number when number is >= int.MinValue and <= int.MaxValue => (int)number,
            string text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            var other => throw InElement(node, Refused(
                $"prioritas '{other}' bukan bilangan bulat: isi angka seperti 50.",
                $"priority '{other}' is not a whole number: use a number such as 50.")),
        };
    }

    private void CreateServiceJob(ExecutionState execution, ServiceTask node)
    {
        execution.Status = ExecutionStatus.Waiting;
        var job = new JobState
        {
            Id = NewId(),
            ExecutionId = execution.Id,
            NodeId = node.Id,
            Kind = node.Kind == ServiceKind.External ? JobKind.ExternalTask : JobKind.Handler,
            Topic = node.Kind == ServiceKind.External ? EvaluateString(node.Topic, execution, node) : null,
            HandlerName = node.HandlerName,
            Retries = node.Retries,
            Priority = node.TaskPriority is { } priority && Evaluate(priority, execution, node) is long p ? p : 0,
            Created = _now,
            Inputs = execution.Variables is { } locals ? new Dictionary<string, object?>(locals, StringComparer.Ordinal) : null,
        };
        _state.Jobs.Add(job);
    }

    private void CreateAsyncJob(ExecutionState execution, FlowNode node, JobKind kind)
    {
        execution.Status = ExecutionStatus.Waiting;
        _state.Jobs.Add(new JobState
        {
            Id = NewId(),
            ExecutionId = execution.Id,
            NodeId = node.Id,
            Kind = kind,
            Retries = node is ServiceTask service ? service.Retries : 3,
            Created = _now,
        });
    }

    private void StartCallActivity(ExecutionState execution, CallActivity node)
    {
        execution.Status = ExecutionStatus.Waiting;
        var key = EvaluateString(node.CalledElement, execution, node);
        if (string.IsNullOrEmpty(key))
        {
            throw InElement(node, Refused("calledElement kosong: isi kunci proses yang dipanggil.", "calledElement is empty: fill in the key of the process to call."));
        }

        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        string? businessKey = null;
        var resolver = Resolver(execution);
        foreach (var mapping in node.In)
        {
            if (mapping.IsBusinessKey)
            {
                businessKey = mapping.SourceExpression is { } bk ? EvaluateString(bk, execution, node) : _state.BusinessKey;
            }
            else if (mapping.All)
            {
                CollectVisibleVariables(execution, variables, mapping.Local);
            }
            else if (mapping.Target is { } target)
            {
                variables[target] = mapping.SourceExpression is { } source
                    ? Evaluate(source, execution, node)
                    : resolver.TryResolve(mapping.Source ?? target, out var value) ? value : null;
            }
        }

        int? version = node.Version is { } versionExpression && Evaluate(versionExpression, execution, node) is long v ? (int)v : null;
        var calledId = NewId();
        execution.CalledInstanceId = calledId;
        _effects.Add(new StartCalledProcess(calledId, key, node.Binding, version, businessKey, variables, _state.Id, execution.Id, _state.DefinitionId));
    }

    /// <summary>All variables visible from an execution, inner scopes shadowing outer ones.</summary>
    private void CollectVisibleVariables(ExecutionState execution, Dictionary<string, object?> into, bool localOnly)
    {
        var chain = new List<ExecutionState>();
        for (var current = execution; current is not null; current = localOnly ? null : Parent(current))
        {
            chain.Add(current);
        }

        for (var i = chain.Count - 1; i >= 0; i--)
        {
            if (chain[i].Variables is { } variables)
            {
                foreach (var (name, value) in variables)
                {
                    into[name] = value;
                }
            }
        }
    }

    private object? EvaluateOver(Expression expression, IReadOnlyDictionary<string, object?> variables, FlowNode node)
    {
        try
        {
            return expression.Evaluate(new DictionaryVariableResolver(variables), _environment);
        }
        catch (EngineException error)
        {
            throw InElement(node, error);
        }
    }

    /// <summary>The called instance ended: map its variables back (camunda:out) and leave the call activity.</summary>
    private void ContinueCallActivity(ExecutionState execution, IReadOnlyDictionary<string, object?>? calledVariables)
    {
        var node = (CallActivity)Node(execution);
        execution.CalledInstanceId = null;
        calledVariables ??= new Dictionary<string, object?>();
        foreach (var mapping in node.Out)
        {
            if (mapping.All)
            {
                SetVariables(execution, calledVariables);
            }
            else if (mapping.Target is { } target)
            {
                // A sourceExpression reads the called instance's variables (Camunda evaluates it in the child).
                var value = mapping.SourceExpression is { } expression
                    ? EvaluateOver(expression, calledVariables, node)
                    : mapping.Source is { } source && calledVariables.TryGetValue(source, out var found) ? found : null;
                SetVariable(execution, target, value);
            }
        }

        Schedule(OperationKind.Leave, execution, node);
        Run();
    }
}
