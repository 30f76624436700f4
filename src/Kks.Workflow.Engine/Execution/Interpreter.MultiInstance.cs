using Kks.Workflow.Engine.Model;
using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Engine.Execution;

internal sealed partial class Interpreter
{
    private const string NrOfInstances = "nrOfInstances";
    private const string NrOfActiveInstances = "nrOfActiveInstances";
    private const string NrOfCompletedInstances = "nrOfCompletedInstances";
    private const string LoopCounter = "loopCounter";

    /// <summary>The arriving token becomes the multi-instance body; its boundary events belong to the body.</summary>
    private void StartMultiInstance(ExecutionState body, Activity activity)
    {
        var loop = activity.MultiInstance!;
        var items = ResolveItems(body, activity, loop);
        body.Kind = ExecutionKind.MultiInstanceBody;
        body.Status = ExecutionStatus.Waiting;
        SetLocal(body, NrOfInstances, (long)items.Count);
        SetLocal(body, NrOfCompletedInstances, 0L);
        SetLocal(body, NrOfActiveInstances, loop.IsSequential ? Math.Min(1L, items.Count) : items.Count);
        ArmBoundaryEvents(body, activity);

        if (items.Count == 0)
        {
            Schedule(OperationKind.Leave, body, activity);
            return;
        }

        if (loop.IsSequential)
        {
            body.Collection = items;
            StartItem(body, activity, 0, items[0]);
        }
        else
        {
            for (var i = 0; i < items.Count; i++)
            {
                StartItem(body, activity, i, items[i]);
            }
        }
    }

    private List<object?> ResolveItems(ExecutionState execution, Activity activity, MultiInstance loop)
    {
        if (loop.Collection is { } collectionExpression)
        {
            // loopDataInputRef (standard BPMN) names the variable itself rather than an expression.
            var collection = collectionExpression.IsLiteral
                ? Resolver(execution).TryResolve(collectionExpression.Text.Trim(), out var named) ? named : null
                : Evaluate(collectionExpression, execution, activity);
            return collection switch
            {
                IReadOnlyList<object?> list => [.. list],
                null => throw InElement(activity, Refused(
                    "koleksi multi-instance bernilai kosong (null): isi variabelnya dengan daftar, misalnya daftar kode OPD.",
                    "the multi-instance collection is null: set its variable to a list, e.g. a list of OPD codes.")),
                var other => throw InElement(activity, Refused(
                    $"koleksi multi-instance harus berupa daftar, bukan {VariableValues.TypeName(other)}.",
                    $"the multi-instance collection must be a list, not {VariableValues.TypeName(other)}.")),
            };
        }

        var cardinality = loop.LoopCardinality is { } cardinalityExpression ? Evaluate(cardinalityExpression, execution, activity) : null;
        var count = cardinality switch
        {
            long n => n,
            double d when d == Math.Floor(d) => (long)d,
            string s when long.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw InElement(activity, Refused(
                $"loopCardinality '{cardinality}' bukan bilangan bulat: isi angka atau ekspresi yang menghasilkan angka.",
                $"loopCardinality '{cardinality}' is not a whole number: use a number or an expression giving one.")),
        };
        if (count is < 0 or > 10_000)
        {
            throw InElement(activity, Refused(
                $"loopCardinality {count} di luar batas 0 sampai 10.000.",
                $"loopCardinality {count} is outside 0 to 10,000."));
        }

        return [.. Enumerable.Repeat<object?>(null, (int)count)];
    }

    private void StartItem(ExecutionState body, Activity activity, int index, object? element)
    {
        var item = NewExecution(body, ExecutionKind.MultiInstanceItem);
        SetLocal(item, LoopCounter, (long)index);
        if (activity.MultiInstance!.ElementVariable is { Length: > 0 } elementVariable)
        {
            SetLocal(item, elementVariable, element);
        }

        item.NodeId = activity.Id;
        item.ActivityInstanceId = activity.Id + ":" + item.Id;
        item.EnteredAt = _now;
        Record(HistoryKind.ActivityStarted, item, activity);
        Schedule(OperationKind.Execute, item, activity);
    }

    /// <summary>One item finished: count it, check the completion condition, start the next or finish the body.</summary>
    private void CompleteMultiInstanceItem(ExecutionState item)
    {
        var body = Parent(item)!;
        var activity = (Activity)Node(body);
        var loop = activity.MultiInstance!;
        var completed = (long)body.Variables![NrOfCompletedInstances]! + 1;
        var total = (long)body.Variables[NrOfInstances]!;
        SetLocal(body, NrOfCompletedInstances, completed);
        SetLocal(body, NrOfActiveInstances, loop.IsSequential ? 0L : (long)body.Variables[NrOfActiveInstances]! - 1);

        // Camunda evaluates the completion condition in the finished item's context (its element variable visible).
        var done = loop.CompletionCondition is { } condition && EvaluateCondition(condition, item, activity);
        var nextIndex = (int)(long)item.Variables![LoopCounter]! + 1;
        RemoveExecution(item);

        if (done)
        {
            foreach (var remaining in Children(body))
            {
                CancelExecution(remaining, recordHistory: true);
            }
        }
        else if (completed < total)
        {
            if (loop.IsSequential)
            {
                SetLocal(body, NrOfActiveInstances, 1L);
                StartItem(body, activity, nextIndex, body.Collection![nextIndex]);
            }

            return;
        }

        body.Collection = null;
        Schedule(OperationKind.Leave, body, activity);
    }
}
