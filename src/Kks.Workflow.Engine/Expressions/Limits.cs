namespace Kks.Workflow.Engine.Expressions;

/// <summary>
/// Bounds that keep a hostile or mistaken expression from costing more than a well-behaved one:
/// expressions come from uploaded BPMN files and run inside every transaction of the engine.
/// </summary>
internal static class Limits
{
    /// <summary>Longer than any real attribute; bounds list literals and the tree as well.</summary>
    public const int MaxTextLength = 4_000;

    /// <summary>Parentheses, brackets, arguments and unary operators inside each other.</summary>
    public const int MaxNesting = 64;

    /// <summary>Bounds evaluation recursion, including long chains such as a || b || c ...</summary>
    public const int MaxTreeHeight = 256;

    /// <summary>Strings built by the expression (concatenation, templates) stay below 1 MB.</summary>
    public const int MaxStringLength = 1 << 20;

    /// <summary>About 40 years of working days; far beyond any deadline the process sets.</summary>
    public const long MaxWorkingDays = 10_000;

    /// <summary>About 100 years: the longest span a day-counting function walks.</summary>
    public const int MaxDaySpan = 36_600;

    public const int MaxFormatPatternLength = 64;
}
