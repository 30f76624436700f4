namespace Kks.Workflow.Engine;

/// <summary>The command lost to another one (a task already claimed by someone else): HTTP 409 for the API.</summary>
public sealed class TaskConflictException : EngineException
{
    public TaskConflictException(BilingualText text) : base(text) { }

    public TaskConflictException() { }

    public TaskConflictException(string message) : base(message) { }

    public TaskConflictException(string message, Exception innerException) : base(message, innerException) { }
}
