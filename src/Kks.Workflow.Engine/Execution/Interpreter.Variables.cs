using System.Collections.Concurrent;
using System.Globalization;
using Kks.Workflow.Engine.Expressions;
using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Engine.Timers;

namespace Kks.Workflow.Engine.Execution;

internal sealed partial class Interpreter
{
    /// <summary>Resolves a variable from an execution up through its scopes to the instance (Camunda's lookup).</summary>
    private sealed class ScopeResolver(Interpreter interpreter, ExecutionState execution) : IVariableResolver
    {
        public bool TryResolve(string name, out object? value)
        {
            for (var current = execution; current is not null; current = interpreter.Parent(current))
            {
                if (current.Variables is { } variables && variables.TryGetValue(name, out value))
                {
                    return true;
                }
            }

            // Camunda's `execution` object, as far as read-only properties go: Camunda Modeler writes
            // camunda:in businessKey="#{execution.processBusinessKey}" for the call activity's business key.
            if (name == "execution")
            {
                value = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["processBusinessKey"] = interpreter._state.BusinessKey,
                    ["processInstanceId"] = interpreter._state.Id,
                    ["processDefinitionId"] = interpreter._state.DefinitionId,
                    ["currentActivityId"] = execution.NodeId,
                    ["id"] = execution.Id,
                }.AsReadOnly();
                return true;
            }

            value = null;
            return false;
        }
    }

    internal IVariableResolver Resolver(ExecutionState execution) => new ScopeResolver(this, execution);

    /// <summary>
    /// Camunda's setVariable: updates the variable in the nearest scope that has it, otherwise creates it
    /// on the instance. Values are normalised to the engine's value kinds.
    /// </summary>
    private void SetVariable(ExecutionState from, string name, object? value)
    {
        var normalized = VariableValues.Normalize(value);
        for (var current = from; current is not null; current = Parent(current))
        {
            if (current.Variables is { } variables && variables.ContainsKey(name))
            {
                WritableVariables(current)[name] = normalized;
                return;
            }
        }

        WritableVariables(_state.Root)[name] = normalized;
    }

    private void SetLocal(ExecutionState execution, string name, object? value) =>
        WritableVariables(execution)[name] = VariableValues.Normalize(value);

    /// <summary>
    /// Variable maps are shared with the caller's state (StateCopier): a command copies a map the first time
    /// it writes to it, so the many maps it only reads (multi-instance items) cost nothing.
    /// </summary>
    private Dictionary<string, object?> WritableVariables(ExecutionState execution)
    {
        if (execution.Variables is null)
        {
            execution.Variables = new Dictionary<string, object?>(StringComparer.Ordinal);
            _ownedVariables.Add(execution.Variables);
        }
        else if (!IsOwned(execution.Variables))
        {
            execution.Variables = new Dictionary<string, object?>(execution.Variables, StringComparer.Ordinal);
            _ownedVariables.Add(execution.Variables);
        }

        return execution.Variables;
    }

    private bool IsOwned(Dictionary<string, object?> variables)
    {
        foreach (var owned in _ownedVariables)
        {
            if (ReferenceEquals(owned, variables))
            {
                return true;
            }
        }

        return false;
    }

    private void SetVariables(ExecutionState from, IReadOnlyDictionary<string, object?>? variables, bool local = false)
    {
        if (variables is null)
        {
            return;
        }

        foreach (var (name, value) in variables)
        {
            CheckVariableName(name);
            if (local)
            {
                SetLocal(from, name, value);
            }
            else
            {
                SetVariable(from, name, value);
            }
        }
    }

    private static void CheckVariableName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 255)
        {
            throw Refused(
                "Nama variabel kosong atau lebih dari 255 karakter: beri nama yang singkat, misalnya 'approved'.",
                "A variable name is empty or longer than 255 characters: use a short name such as 'approved'.");
        }
    }

    // ---- evaluation with the element named in every error ---------------------------------------

    private object? Evaluate(Expression expression, ExecutionState execution, FlowNode node)
    {
        try
        {
            return expression.Evaluate(Resolver(execution), _environment);
        }
        catch (EngineException error)
        {
            throw InElement(node, error);
        }
    }

    private bool EvaluateCondition(Expression expression, ExecutionState execution, FlowElement element)
    {
        try
        {
            return expression.EvaluateCondition(Resolver(execution), _environment);
        }
        catch (EngineException error)
        {
            throw InElement(element, error);
        }
    }

    private string? EvaluateString(Expression? expression, ExecutionState execution, FlowNode node)
    {
        if (expression is null)
        {
            return null;
        }

        var value = Evaluate(expression, execution, node);
        return value switch
        {
            null => null,
            string text => text,
            DateTimeOffset date => date.ToString("o", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    /// <summary>A date from an expression: a date value, an ISO date-time text, or an ISO duration from now.</summary>
    private DateTimeOffset? EvaluateDate(Expression? expression, ExecutionState execution, FlowNode node, string attribute)
    {
        if (expression is null)
        {
            return null;
        }

        switch (Evaluate(expression, execution, node))
        {
            case null:
                return null;
            case DateTimeOffset date:
                return date;
            case string text when string.IsNullOrWhiteSpace(text):
                return null;
            case string text when TimerSchedule.TryParse(TimerKind.Date, text, out var schedule, out _):
                return schedule!.FirstDue(_now, _options.TimeZone);
            case string text when IsoDuration.TryParse(text, out var duration):
                return duration.AddTo(_now, _options.TimeZone);
            case var other:
                throw InElement(node, Refused(
                    $"{attribute} bernilai '{other}', bukan tanggal: gunakan tanggal ISO 8601 (2023-03-24T16:00:00+07:00), durasi (P5D) atau ekspresi tanggal.",
                    $"{attribute} is '{other}', not a date: use an ISO 8601 date (2023-03-24T16:00:00+07:00), a duration (P5D) or a date expression."));
        }
    }

    private static EngineException InElement(FlowElement element, EngineException error)
    {
        var where = element.Name is { Length: > 0 } name ? $"'{name}' ({element.Id})" : $"'{element.Id}'";
        return new EngineException(
            new BilingualText($"Elemen {where}: {error.Text.Indonesian}", $"Element {where}: {error.Text.English}"),
            error);
    }

    // Task names and descriptions may hold ${...}; parse each distinct text once per process.
    private static readonly ConcurrentDictionary<string, Expression> TextExpressions = new(StringComparer.Ordinal);

    private string? EvaluateText(string? text, ExecutionState execution, FlowNode node)
    {
        if (text is null || !text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        if (TextExpressions.Count > 10_000)
        {
            TextExpressions.Clear();
        }

        var expression = TextExpressions.GetOrAdd(text, Expression.Parse);
        return EvaluateString(expression, execution, node);
    }

    /// <summary>Input parameters become local variables of the node's execution when it starts.</summary>
    private void ApplyInputs(ExecutionState execution, FlowNode node)
    {
        foreach (var input in node.Inputs)
        {
            SetLocal(execution, input.Name, EvaluateIo(input.Value, execution, node));
        }
    }

    /// <summary>Output parameters are written from the node's execution to the enclosing scope when it ends.</summary>
    private void ApplyOutputs(ExecutionState execution, FlowNode node)
    {
        if (node.Outputs.Count == 0)
        {
            return;
        }

        var values = new List<KeyValuePair<string, object?>>(node.Outputs.Count);
        foreach (var output in node.Outputs)
        {
            values.Add(new(output.Name, EvaluateIo(output.Value, execution, node)));
        }

        var target = Parent(execution) ?? execution;
        foreach (var (name, value) in values)
        {
            SetVariable(target, name, value);
        }
    }

    private object? EvaluateIo(IoValue value, ExecutionState execution, FlowNode node) => value switch
    {
        IoText { Text: null } => null,
        IoText text => Evaluate(text.Text!, execution, node),
        IoList list => list.Items.Select(item => EvaluateIo(item, execution, node)).ToList(),
        IoMap map => map.Entries.ToDictionary(e => e.Key, e => EvaluateIo(e.Value, execution, node), StringComparer.Ordinal),
        _ => throw new InvalidOperationException(value.GetType().Name),
    };
}
