using Kks.Workflow.Engine.Expressions;

namespace Kks.Workflow.Engine.Model;

/// <summary>A camunda:inputParameter or outputParameter.</summary>
public sealed record IoParameter(string Name, IoValue Value);

/// <summary>The value of an input/output parameter: text (an expression), a list or a map of values.</summary>
public abstract record IoValue;

public sealed record IoText(Expression? Text) : IoValue;

public sealed record IoList(IReadOnlyList<IoValue> Items) : IoValue;

public sealed record IoMap(IReadOnlyList<KeyValuePair<string, IoValue>> Entries) : IoValue;
