namespace Kks.Workflow.Persistence.Runtime.Sql;

/// <summary>How a parameter is bound: times follow the model's storage rule (UTC ticks on SQLite, timestamptz on PostgreSQL).</summary>
internal enum ParameterType
{
    Text,
    Int32,
    Int64,
    Time,
}

/// <summary>
/// One SQL statement of the hot command path, written once for both providers (quoted snake_case names, @name
/// parameters), with its parameters' names and types in the order values are given. A session prepares it once
/// and re-uses it for every command (see <see cref="DbSession"/>).
/// </summary>
internal sealed class Statement(string text, params (string Name, ParameterType Type)[] parameters)
{
    public string Text => text;

    public IReadOnlyList<(string Name, ParameterType Type)> Parameters => parameters;

    /// <summary>Shorthand for a parameter list: <c>P("id", "name")</c> is text parameters.</summary>
    public static (string, ParameterType) T(string name) => (name, ParameterType.Text);

    public static (string, ParameterType) I(string name) => (name, ParameterType.Int32);

    public static (string, ParameterType) L(string name) => (name, ParameterType.Int64);

    public static (string, ParameterType) D(string name) => (name, ParameterType.Time);
}
