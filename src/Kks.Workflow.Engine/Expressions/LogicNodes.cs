namespace Kks.Workflow.Engine.Expressions;

/// <summary>Short-circuit: the right side is not evaluated (nor can fail) when the left decides.</summary>
internal sealed class AndNode(Node left, Node right) : Node(left.Start, right.End, left, right)
{
    public override object? Evaluate(in EvaluationContext context) => Values.Box(EvaluateBoolean(context));

    public override bool EvaluateBoolean(in EvaluationContext context) =>
        left.EvaluateBoolean(context) && right.EvaluateBoolean(context);
}

internal sealed class OrNode(Node left, Node right) : Node(left.Start, right.End, left, right)
{
    public override object? Evaluate(in EvaluationContext context) => Values.Box(EvaluateBoolean(context));

    public override bool EvaluateBoolean(in EvaluationContext context) =>
        left.EvaluateBoolean(context) || right.EvaluateBoolean(context);
}

internal sealed class NotNode(int start, Node operand) : Node(start, operand.End, operand)
{
    public override object? Evaluate(in EvaluationContext context) => Values.Box(EvaluateBoolean(context));

    public override bool EvaluateBoolean(in EvaluationContext context) => !operand.EvaluateBoolean(context);
}

internal sealed class EmptyNode(int start, Node operand) : Node(start, operand.End, operand)
{
    public override object? Evaluate(in EvaluationContext context) => Values.Box(EvaluateBoolean(context));

    public override bool EvaluateBoolean(in EvaluationContext context) => Values.IsEmpty(operand.Evaluate(context));
}

internal sealed class ConditionalNode(Node condition, Node whenTrue, Node whenFalse)
    : Node(condition.Start, whenFalse.End, condition, whenTrue, whenFalse)
{
    public override object? Evaluate(in EvaluationContext context) =>
        condition.EvaluateBoolean(context) ? whenTrue.Evaluate(context) : whenFalse.Evaluate(context);

    public override bool EvaluateBoolean(in EvaluationContext context) =>
        condition.EvaluateBoolean(context) ? whenTrue.EvaluateBoolean(context) : whenFalse.EvaluateBoolean(context);
}

/// <summary><c>==</c>/<c>eq</c> and <c>!=</c>/<c>ne</c>; never an error, different kinds are just unequal.</summary>
internal sealed class EqualityNode(Node left, Node right, bool negated) : Node(left.Start, right.End, left, right)
{
    public override object? Evaluate(in EvaluationContext context) => Values.Box(EvaluateBoolean(context));

    public override bool EvaluateBoolean(in EvaluationContext context) =>
        Values.AreEqual(left.Evaluate(context), right.Evaluate(context)) != negated;
}

internal enum Relation
{
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
}

/// <summary>
/// <c>&lt; &gt; &lt;= &gt;=</c>. As in JUEL a null operand makes the comparison false (both null:
/// only &lt;= and &gt;= hold), so a gateway on an unfilled number takes neither branch instead of
/// guessing; comparing unlike kinds ('a' &gt; 1) is an error.
/// </summary>
internal sealed class RelationalNode(Node left, Node right, Relation relation, string symbol)
    : Node(left.Start, right.End, left, right)
{
    public override object? Evaluate(in EvaluationContext context) => Values.Box(EvaluateBoolean(context));

    public override bool EvaluateBoolean(in EvaluationContext context)
    {
        var a = left.Evaluate(context);
        var b = right.Evaluate(context);
        if (a is null || b is null)
        {
            return a is null && b is null && relation is Relation.LessOrEqual or Relation.GreaterOrEqual;
        }

        var order = Values.Compare(a, b) ?? throw Error(context,
            $"Operator '{symbol}' tidak dapat membandingkan {ExpressionErrors.Describe(a)} dengan {ExpressionErrors.Describe(b)} pada '{Piece(context)}'",
            $"Operator '{symbol}' cannot compare {ExpressionErrors.Describe(a)} with {ExpressionErrors.Describe(b)} at '{Piece(context)}'",
            "Bandingkan nilai yang sejenis: angka dengan angka, teks dengan teks, tanggal dengan tanggal (gunakan date('2024-03-01') untuk tanggal).",
            "Compare like with like: numbers with numbers, text with text, dates with dates (use date('2024-03-01') for a date).");
        return relation switch
        {
            Relation.Less => order < 0,
            Relation.Greater => order > 0,
            Relation.LessOrEqual => order <= 0,
            _ => order >= 0,
        };
    }
}
