using System.Collections.Frozen;
using System.Globalization;

namespace Kks.Workflow.Engine.Expressions;

/// <summary>A call being compiled: what a function's node needs, and how to refuse a bad literal argument.</summary>
internal sealed record FunctionCall(string Text, string Usage, int Start, int End, Node[] Arguments)
{
    public ExpressionException Fail(int index, string whatId, string whatEn, string fixId = "", string fixEn = "")
    {
        var position = (index + 1).ToString(CultureInfo.InvariantCulture);
        return ExpressionErrors.Parse(Text, Arguments[index].Start,
            $"argumen ke-{position} dari {Usage} {whatId}", $"argument {position} of {Usage} {whatEn}", fixId, fixEn);
    }
}

internal sealed record FunctionSpec(string Name, string Usage, int MinArguments, int MaxArguments, Func<FunctionCall, Node> Create);

/// <summary>
/// The only things an expression can call. Nothing here reaches objects, types or the host: this
/// list, not a sandbox, is what keeps an uploaded BPMN file from running code.
/// </summary>
internal static class FunctionCatalog
{
    private static readonly FunctionSpec[] AllFunctions =
    [
        new("now", "now()", 0, 0, call => new NowNode(call)),
        new("today", "today()", 0, 0, call => new TodayNode(call)),
        new("date", "date('2024-03-01')", 1, 1, call => new DateNode(call)),
        new("addDuration", "addDuration(date, 'P3D')", 2, 2, call => new DurationNode(call, subtract: false)),
        new("subtractDuration", "subtractDuration(date, 'PT2H')", 2, 2, call => new DurationNode(call, subtract: true)),
        new("addWorkingDays", "addWorkingDays(date, n)", 2, 2, call => new AddWorkingDaysNode(call)),
        new("workingDaysBetween", "workingDaysBetween(from, to)", 2, 2, call => new WorkingDaysBetweenNode(call)),
        new("daysBetween", "daysBetween(from, to)", 2, 2, call => new DaysBetweenNode(call)),
        new("format", "format(date, 'yyyy-MM-dd'[, 'id'])", 2, 3, call => new FormatNode(call)),
        new("size", "size(x)", 1, 1, call => new SizeNode(call, askIsEmpty: false)),
        new("contains", "contains(listOrText, x)", 2, 2, call => new ContainsNode(call)),
        new("lower", "lower(text)", 1, 1, call => new CaseNode(call, upper: false)),
        new("upper", "upper(text)", 1, 1, call => new CaseNode(call, upper: true)),
        new("concat", "concat(a, b, ...)", 1, int.MaxValue, call => new ConcatNode(call)),
    ];

    // Pseudo-methods on a value; the target becomes the first argument of the same nodes.
    private static readonly FunctionSpec[] AllMethods =
    [
        new("size", "x.size()", 0, 0, call => new SizeNode(call, askIsEmpty: false)),
        new("isEmpty", "x.isEmpty()", 0, 0, call => new SizeNode(call, askIsEmpty: true)),
        new("contains", "x.contains(y)", 1, 1, call => new ContainsNode(call)),
    ];

    public static readonly FrozenDictionary<string, FunctionSpec> Functions =
        AllFunctions.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, FunctionSpec> Methods =
        AllMethods.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public static string FunctionList { get; } = string.Join(", ", AllFunctions.Select(f => f.Usage));

    public static string MethodList { get; } = string.Join(", ", AllMethods.Select(f => f.Usage));
}
