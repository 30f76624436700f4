namespace Kks.Workflow.Engine.Expressions;

internal enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
}

/// <summary>
/// JUEL arithmetic: long with long stays long (overflow is an error, not a wrap-around), anything
/// with a double is double, <c>/</c> and <c>div</c> always divide as doubles (7 / 2 is 3.5), and
/// null counts as 0. Dividing by zero is an error rather than JUEL's Infinity, which no gateway
/// could use. Unlike JUEL, <c>+</c> with a string operand concatenates: designers write
/// <c>'opd-' + kode</c>, and JUEL's reading (convert 'opd-' to a number, fail) helps nobody.
/// </summary>
internal sealed class ArithmeticNode(Node left, Node right, ArithmeticOperator op, string symbol)
    : Node(left.Start, right.End, left, right)
{
    public override object? Evaluate(in EvaluationContext context)
    {
        var a = left.Evaluate(context);
        var b = right.Evaluate(context);
        if (op == ArithmeticOperator.Add && (a is string || b is string))
        {
            return Concatenate(a, b, context);
        }

        a ??= 0L;
        b ??= 0L;
        if (a is long x && b is long y && op != ArithmeticOperator.Divide)
        {
            return Values.Box(Integer(x, y, context));
        }

        if (!Values.IsNumber(a) || !Values.IsNumber(b))
        {
            throw Error(context,
                $"Operator '{symbol}' tidak dapat dipakai untuk {ExpressionErrors.Describe(a)} dan {ExpressionErrors.Describe(b)} pada '{Piece(context)}'",
                $"Operator '{symbol}' cannot be used on {ExpressionErrors.Describe(a)} and {ExpressionErrors.Describe(b)} at '{Piece(context)}'",
                "Aritmetika hanya untuk angka; untuk tanggal gunakan addDuration, addWorkingDays atau daysBetween.",
                "Arithmetic is for numbers only; for dates use addDuration, addWorkingDays or daysBetween.");
        }

        return Fractional(Values.ToDouble(a), Values.ToDouble(b), context);
    }

    private long Integer(long x, long y, in EvaluationContext context)
    {
        try
        {
            return op switch
            {
                ArithmeticOperator.Add => checked(x + y),
                ArithmeticOperator.Subtract => checked(x - y),
                ArithmeticOperator.Multiply => checked(x * y),
                // long.MinValue % -1 overflows in .NET although the answer is simply 0.
                _ => y == 0 ? throw DivisionByZero(context) : y == -1 ? 0 : x % y,
            };
        }
        catch (OverflowException)
        {
            throw TooLarge(context);
        }
    }

    private double Fractional(double x, double y, in EvaluationContext context)
    {
        if (op is ArithmeticOperator.Divide or ArithmeticOperator.Remainder && y == 0)
        {
            throw DivisionByZero(context);
        }

        var result = op switch
        {
            ArithmeticOperator.Add => x + y,
            ArithmeticOperator.Subtract => x - y,
            ArithmeticOperator.Multiply => x * y,
            ArithmeticOperator.Divide => x / y,
            _ => x % y,
        };
        return double.IsFinite(result) ? result : throw TooLarge(context);
    }

    private string Concatenate(object? a, object? b, in EvaluationContext context)
    {
        if (!ValueText.TryFormat(a, Limits.MaxStringLength, out var x)
            || !ValueText.TryFormat(b, Limits.MaxStringLength, out var y)
            || x.Length + y.Length > Limits.MaxStringLength)
        {
            throw Strings.TooLong(this, context);
        }

        return string.Concat(x, y);
    }

    private ExpressionException DivisionByZero(in EvaluationContext context) => Error(context,
        $"Pembagian dengan nol pada '{Piece(context)}'",
        $"Division by zero at '{Piece(context)}'",
        "Periksa pembaginya dulu, misalnya: n == 0 ? 0 : x / n.",
        "Check the divisor first, for example: n == 0 ? 0 : x / n.");

    private ExpressionException TooLarge(in EvaluationContext context) => Error(context,
        $"Hasil '{Piece(context)}' terlalu besar",
        $"The result of '{Piece(context)}' is too large");
}

/// <summary>Unary minus; null counts as 0 as in JUEL.</summary>
internal sealed class NegateNode(int start, Node operand) : Node(start, operand.End, operand)
{
    public override object? Evaluate(in EvaluationContext context) => operand.Evaluate(context) switch
    {
        null => Values.Box(0L),
        long.MinValue => throw Error(context, $"Hasil '{Piece(context)}' terlalu besar", $"The result of '{Piece(context)}' is too large"),
        long l => Values.Box(-l),
        double d => -d,
        var other => throw Error(context,
            $"Tanda minus tidak dapat dipakai untuk {ExpressionErrors.Describe(other)} pada '{Piece(context)}'",
            $"Unary minus cannot be used on {ExpressionErrors.Describe(other)} at '{Piece(context)}'",
            "Tanda minus hanya untuk angka.",
            "Unary minus is for numbers only."),
    };
}
