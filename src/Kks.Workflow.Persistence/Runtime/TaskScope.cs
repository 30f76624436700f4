using Kks.Workflow.Engine.State;

namespace Kks.Workflow.Persistence.Runtime;

/// <summary>
/// The scope a task lives in, as the thread of its comments and history: the nearest embedded sub-process or
/// multi-instance item around the task's execution (a multi-instance task's own item), named by its activity instance
/// id so that a sub-process entered again (a loop) is a new thread; the process instance when there is none.
/// </summary>
public static class TaskScope
{
    public static string Of(ProcessInstanceState state, string executionId)
    {
        ArgumentNullException.ThrowIfNull(state);
        var byId = state.Executions.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var current = byId.GetValueOrDefault(executionId);
        // A multi-instance user task runs on its item: each item is one OPD's (or one indicator's) task, its own thread.
        if (current is { Kind: ExecutionKind.MultiInstanceItem })
        {
            return current.ActivityInstanceId ?? current.Id;
        }

        for (var guard = 0; current?.ParentId is { } parentId && guard < 10_000; guard++)
        {
            current = byId.GetValueOrDefault(parentId);
            if (current is { Kind: ExecutionKind.Scope or ExecutionKind.MultiInstanceItem })
            {
                return current.ActivityInstanceId ?? current.Id;
            }
        }

        return state.Id;
    }
}
