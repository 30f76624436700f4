namespace Kks.Workflow.Engine.Expressions;

/// <summary>
/// Where an expression reads its variables. The executor implements it over an execution's scope
/// chain, so evaluation never needs a copy of the variables.
/// </summary>
public interface IVariableResolver
{
    /// <summary>
    /// False when no variable of that name is visible (an error for the expression); a variable that
    /// exists with a <c>null</c> value returns true.
    /// </summary>
    bool TryResolve(string name, out object? value);
}

/// <summary>A resolver over a plain dictionary: for tests, previews in the designer and simple callers.</summary>
public sealed class DictionaryVariableResolver(IReadOnlyDictionary<string, object?> variables) : IVariableResolver
{
    public static readonly DictionaryVariableResolver Empty = new(new Dictionary<string, object?>());

    public bool TryResolve(string name, out object? value) => variables.TryGetValue(name, out value);
}
