namespace Kks.Workflow.Engine.Expressions;

/// <summary>
/// An expression that cannot be parsed or evaluated. The message names the expression text and the
/// offending piece; the caller adds the BPMN element's id, which the expression does not know.
/// </summary>
public sealed class ExpressionException : EngineException
{
    public ExpressionException(BilingualText text, string? expressionText, int? position)
        : base(text)
    {
        ExpressionText = expressionText;
        Position = position;
    }

    public ExpressionException(BilingualText text) : base(text) { }

    public ExpressionException(BilingualText text, Exception innerException) : base(text, innerException) { }

    public ExpressionException() { }

    public ExpressionException(string message) : base(message) { }

    public ExpressionException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The whole text the expression came from, when known.</summary>
    public string? ExpressionText { get; }

    /// <summary>1-based character position in <see cref="ExpressionText"/> of the problem, when known.</summary>
    public int? Position { get; }
}
