namespace Kks.Workflow.Engine;

/// <summary>
/// Base of every error the engine raises on purpose (bad input, bad model, a rule refused).
/// Anything else escaping the engine is a bug.
/// </summary>
public class EngineException : Exception
{
    public EngineException(BilingualText text) : base(text.English) => Text = text;

    public EngineException(BilingualText text, Exception inner) : base(text.English, inner) => Text = text;

    public EngineException() : this(new BilingualText("Kesalahan mesin alur kerja.", "Workflow engine error.")) { }

    public EngineException(string message) : this(new BilingualText(message, message)) { }

    public EngineException(string message, Exception innerException)
        : this(new BilingualText(message, message), innerException) { }

    public BilingualText Text { get; }
}
