using System.Diagnostics.CodeAnalysis;

namespace Kks.Workflow.Engine.Expressions;

/// <summary>
/// A BPMN attribute text in Camunda 7's JUEL subset: plain text, <c>${expr}</c> (or <c>#{expr}</c>),
/// or composite text such as <c>Halo ${nama}, ${n} tugas</c>. Parse once at deployment, evaluate
/// many times: evaluation walks a small compiled tree and allocates little beyond its results.
/// </summary>
/// <remarks>
/// Results: plain text returns itself; a text that is a single <c>${expr}</c> returns the value
/// with its type; composite text returns a string with null parts empty. In plain text
/// <c>\${</c> and <c>\#{</c> stand for themselves, as in JUEL. Instances are immutable and
/// thread-safe.
/// </remarks>
public sealed class Expression
{
    private readonly Node _root;

    private Expression(string text, ParsedExpression parsed)
    {
        Text = text;
        _root = parsed.Root;
        IsLiteral = parsed.IsLiteral;
        Variables = parsed.Variables;
    }

    /// <summary>The text as written in the model.</summary>
    public string Text { get; }

    /// <summary>True when the text holds no <c>${...}</c>: it evaluates to itself.</summary>
    public bool IsLiteral { get; }

    /// <summary>Root names of the variables the expression reads (for <c>a.b[0]</c>, just <c>a</c>).</summary>
    public IReadOnlySet<string> Variables { get; }

    /// <summary>Parses or throws an <see cref="ExpressionException"/> naming the position and the fix.</summary>
    public static Expression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Expression(text, Parser.Parse(text));
    }

    public static bool TryParse(string text, [NotNullWhen(true)] out Expression? expression, [NotNullWhen(false)] out BilingualText? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            expression = Parse(text);
            error = null;
            return true;
        }
        catch (ExpressionException e)
        {
            expression = null;
            error = e.Text;
            return false;
        }
    }

    /// <summary>The value: one of the kinds of <see cref="VariableValues"/>.</summary>
    public object? Evaluate(IVariableResolver variables, ExpressionEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(environment);
        return _root.Evaluate(new EvaluationContext(variables, environment, Text));
    }

    /// <summary>
    /// A condition (sequence flow, completion condition): the value must be a Boolean. As in
    /// Camunda, null or "true" as text is refused here; only the logical operators coerce.
    /// </summary>
    public bool EvaluateCondition(IVariableResolver variables, ExpressionEnvironment environment)
    {
        var value = Evaluate(variables, environment);
        if (value is bool result)
        {
            return result;
        }

        var quoted = ExpressionErrors.Quote(Text, 120);
        throw new ExpressionException(
            new BilingualText(
                $"Kondisi '{quoted}' harus menghasilkan Boolean (true/false), tetapi menghasilkan {ExpressionErrors.Describe(value)}. Gunakan perbandingan, misalnya ${{nilai >= 60}} atau ${{disetujui == true}}.",
                $"Condition '{quoted}' must give a Boolean (true/false), but gives {ExpressionErrors.Describe(value)}. Use a comparison, for example ${{score >= 60}} or ${{approved == true}}."),
            Text,
            1);
    }

    /// <summary>
    /// The value as text (assignees, candidate groups, names): null stays null, other values read as
    /// in composite text (numbers invariant, dates ISO 8601, lists and objects as JSON).
    /// </summary>
    public string? EvaluateString(IVariableResolver variables, ExpressionEnvironment environment)
    {
        var value = Evaluate(variables, environment);
        if (value is null or string)
        {
            return (string?)value;
        }

        if (ValueText.TryFormat(value, Limits.MaxStringLength, out var text))
        {
            return text;
        }

        var quoted = ExpressionErrors.Quote(Text, 120);
        throw new ExpressionException(
            new BilingualText(
                $"Teks hasil ekspresi '{quoted}' lebih dari {Limits.MaxStringLength} karakter.",
                $"The text of expression '{quoted}' is longer than {Limits.MaxStringLength} characters."),
            Text,
            1);
    }

    public override string ToString() => Text;
}
