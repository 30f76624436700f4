using System.Globalization;
using Kks.Workflow.Engine;
using Kks.Workflow.Engine.Expressions;
using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.State;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Kks.Workflow.Web.Api.Variables;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Web.Api.Tasks;

/// <summary>
/// The variables a task sees, read from its instance's state: its execution's own, then each parent scope's up to the
/// root (the process variables), the nearer one winning a name, as Camunda's task variables do.
/// </summary>
internal static class TaskVariables
{
    public static async Task<ProcessInstanceState> StateAsync(WorkflowDbContext db, string instanceId, CancellationToken cancellationToken)
    {
        var json = await db.ProcessInstances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.StateJson)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw RestException.NotFound($"Instans proses '{instanceId}' tidak ditemukan.", $"Process instance '{instanceId}' was not found.");
        return InstanceStateJson.Deserialize(json);
    }

    /// <summary>Visible variables from an execution up to the root; an execution that is gone (the task completed) sees the root's.</summary>
    public static Dictionary<string, object?> Visible(ProcessInstanceState state, string executionId) => InstanceStates.Visible(state, executionId);

    /// <summary>
    /// Camunda's form variables: each camunda:formData field with the variable's current value, or its default value
    /// when the variable is not set, typed by the field (long, boolean, date, string, enum as String). A task without
    /// formData fields answers all its visible variables, as Camunda does.
    /// </summary>
    public static async Task<Dictionary<string, VariableDto>> FormAsync(
        WorkflowDbContext db, ProcessDefinitionCache cache, EngineOptions engine, TimeProvider clock, UserTaskRecord task, IReadOnlySet<string>? only, CancellationToken cancellationToken)
    {
        var state = await StateAsync(db, task.InstanceId, cancellationToken).ConfigureAwait(false);
        var visible = Visible(state, task.ExecutionId);
        var model = await cache.GetAsync(db, state.DefinitionId, cancellationToken).ConfigureAwait(false);
        var fields = (model.AllNodes.GetValueOrDefault(task.NodeId) as UserTask)?.Form?.Fields ?? [];
        var zone = engine.TimeZone;
        var result = new Dictionary<string, VariableDto>(StringComparer.Ordinal);
        if (fields.Count == 0)
        {
            foreach (var (name, dto) in TypedVariables.Write(visible, zone))
            {
                if (only is null || only.Contains(name))
                {
                    result[name] = dto;
                }
            }

            return result;
        }

        var environment = new ExpressionEnvironment(clock.GetUtcNow(), zone, engine.Calendar);
        foreach (var field in fields.Where(f => only is null || only.Contains(f.Id)))
        {
            var value = visible.TryGetValue(field.Id, out var current) ? current : Default(field, visible, environment);
            result[field.Id] = Typed(field, value, zone);
        }

        return result;
    }

    private static object? Default(FormField field, Dictionary<string, object?> visible, ExpressionEnvironment environment)
    {
        if (field.DefaultValue is not { } expression)
        {
            return null;
        }

        try
        {
            return expression.Evaluate(new DictionaryVariableResolver(visible), environment);
        }
        catch (ExpressionException)
        {
            // A default that reads a variable not set yet: the form shows the field empty, as Camunda's form does.
            return null;
        }
    }

    private static VariableDto Typed(FormField field, object? value, TimeZoneInfo zone)
    {
        var none = new Dictionary<string, object?>();
        switch (field.Type.ToUpperInvariant())
        {
            case "LONG":
                return value switch
                {
                    long l => new VariableDto(l, "Long", none),
                    double d when d == Math.Floor(d) && Math.Abs(d) < 9e15 => new VariableDto((long)d, "Long", none),
                    string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => new VariableDto(parsed, "Long", none),
                    null => new VariableDto(null, "Long", none),
                    _ => TypedVariables.WriteOne(value, zone),
                };
            case "BOOLEAN":
                return value switch
                {
                    bool b => new VariableDto(b, "Boolean", none),
                    string s when bool.TryParse(s, out var parsed) => new VariableDto(parsed, "Boolean", none),
                    null => new VariableDto(null, "Boolean", none),
                    _ => TypedVariables.WriteOne(value, zone),
                };
            case "DATE":
                return value switch
                {
                    DateTimeOffset date => new VariableDto(CamundaDates.Format(date, zone), "Date", none),
                    string s when CamundaDates.TryParse(s, zone, out var parsed) => new VariableDto(CamundaDates.Format(parsed, zone), "Date", none),
                    null => new VariableDto(null, "Date", none),
                    _ => TypedVariables.WriteOne(value, zone),
                };
            case "STRING" or "ENUM":
                return value switch
                {
                    string s => new VariableDto(s, "String", none),
                    null => new VariableDto(null, "String", none),
                    _ => TypedVariables.WriteOne(value, zone),
                };
            default:
                return TypedVariables.WriteOne(value, zone);
        }
    }
}
