namespace Kks.Workflow.Engine.Expressions;

/// <summary>What one evaluation reads; passed by reference so evaluating allocates nothing for it.</summary>
internal readonly struct EvaluationContext(IVariableResolver variables, ExpressionEnvironment environment, string text)
{
    public IVariableResolver Variables { get; } = variables;

    public ExpressionEnvironment Environment { get; } = environment;

    /// <summary>The expression's whole text, quoted by error messages.</summary>
    public string Text { get; } = text;
}

/// <summary>
/// A node of the compiled tree. Parsing happens once at deployment; evaluation walks these nodes,
/// with no text processing left to do.
/// </summary>
internal abstract class Node
{
    protected Node(int start, int end, params ReadOnlySpan<Node> children)
    {
        Start = start;
        End = end;
        var height = 0;
        foreach (var child in children)
        {
            height = Math.Max(height, child.Height);
        }

        Height = height + 1;
    }

    /// <summary>Span [Start, End) of the node's source in the whole text.</summary>
    public int Start { get; private set; }

    public int End { get; private set; }

    /// <summary>Longest path to a leaf; the parser bounds it so evaluation cannot recurse deeply.</summary>
    public int Height { get; }

    /// <summary>Takes in the parentheses around the node, so messages quote "(a + b)" whole.</summary>
    public void Widen(int start, int end)
    {
        Start = start;
        End = end;
    }

    public abstract object? Evaluate(in EvaluationContext context);

    /// <summary>
    /// The value as an operand of <c>&amp;&amp; || ! ?:</c>. Boolean nodes override this to skip boxing.
    /// </summary>
    public virtual bool EvaluateBoolean(in EvaluationContext context) => Values.ToBoolean(Evaluate(context), this, context);

    public ExpressionException Error(in EvaluationContext context, string whatId, string whatEn, string fixId = "", string fixEn = "") =>
        ExpressionErrors.Evaluation(context.Text, this, whatId, whatEn, fixId, fixEn);

    /// <summary>The node's source text as quoted in a message.</summary>
    public string Piece(in EvaluationContext context) => ExpressionErrors.Piece(context.Text, this);
}

/// <summary>A value known at parse time: literals and lists of literals.</summary>
internal sealed class ConstantNode(int start, int end, object? value) : Node(start, end)
{
    public object? Value { get; } = value;

    public override object? Evaluate(in EvaluationContext context) => Value;
}
