namespace Kks.Workflow.Engine.Expressions;

// TEMPORARY stub so the model compiles while the evaluator is written on its own branch; replaced on merge.
public sealed class Expression
{
    private Expression(string text) => Text = text;

    public string Text { get; }

    public bool IsLiteral => !Text.Contains("${", StringComparison.Ordinal);

    public IReadOnlySet<string> Variables { get; } = new HashSet<string>();

    public static Expression Parse(string text) => new(text);

    public static bool TryParse(string text, out Expression? expression, out BilingualText? error)
    {
        expression = new Expression(text);
        error = null;
        return true;
    }

    public object? Evaluate(IVariableResolver variables, ExpressionEnvironment environment) => throw new NotSupportedException(Text);

    public bool EvaluateCondition(IVariableResolver variables, ExpressionEnvironment environment) => throw new NotSupportedException(Text);

    public string? EvaluateString(IVariableResolver variables, ExpressionEnvironment environment) => throw new NotSupportedException(Text);
}

public interface IVariableResolver
{
    bool TryResolve(string name, out object? value);
}

public sealed record ExpressionEnvironment(DateTimeOffset Now, TimeZoneInfo TimeZone, IWorkingCalendar Calendar);
