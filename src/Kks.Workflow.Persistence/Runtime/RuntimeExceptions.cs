using Kks.Workflow.Engine;

namespace Kks.Workflow.Persistence.Runtime;

/// <summary>A command kept losing the race on its instance after every retry: HTTP 409, try again later.</summary>
public sealed class ConcurrencyConflictException : EngineException
{
    public ConcurrencyConflictException(string instanceId, int attempts, Exception inner)
        : base(new BilingualText(
            $"Proses '{instanceId}' sedang diubah oleh permintaan lain ({attempts} percobaan); coba lagi.",
            $"Instance '{instanceId}' kept being changed by other commands ({attempts} attempts); try again."), inner)
        => InstanceId = instanceId;

    public ConcurrencyConflictException() { }

    public ConcurrencyConflictException(string message) : base(message) { }

    public ConcurrencyConflictException(string message, Exception innerException) : base(message, innerException) { }

    public string? InstanceId { get; }
}

/// <summary>No such row (task, timer, instance): it never existed or a command already finished it. HTTP 404.</summary>
public sealed class NotFoundException : EngineException
{
    public NotFoundException(BilingualText text) : base(text) { }

    public NotFoundException() { }

    public NotFoundException(string message) : base(message) { }

    public NotFoundException(string message, Exception innerException) : base(message, innerException) { }
}
