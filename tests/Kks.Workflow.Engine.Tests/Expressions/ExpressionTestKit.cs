using Kks.Workflow.Engine.Expressions;

namespace Kks.Workflow.Engine.Tests.Expressions;

/// <summary>A fixed world for expression tests: Friday 1 March 2024, 10:30 in WIB (UTC+7).</summary>
internal static class ExpressionTestKit
{
    // A custom zone, not tzdata's Asia/Jakarta, so results cannot depend on the machine.
    public static readonly TimeZoneInfo Wib = TimeZoneInfo.CreateCustomTimeZone("WIB-test", TimeSpan.FromHours(7), "WIB", "WIB");

    public static readonly DateTimeOffset Now = new(2024, 3, 1, 10, 30, 0, TimeSpan.FromHours(7));

    public static readonly ExpressionEnvironment Env = new(Now, Wib, WeekendCalendar.Instance);

    public static DateTimeOffset Wib7(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    /// <summary>Variables every table test can use.</summary>
    public static Dictionary<string, object?> Variables() => new()
    {
        ["n"] = 5L,
        ["zero"] = 0L,
        ["half"] = 0.5,
        ["nama"] = "Sari",
        ["opd"] = "DINKES",
        ["kosong"] = "",
        ["nothing"] = null,
        ["yes"] = true,
        ["no"] = false,
        ["yesText"] = "true",
        ["noText"] = "FALSE",
        ["deadline"] = Wib7(2024, 3, 8, 16, 0),
        ["deadlineText"] = "2024-03-08T16:00:00+07:00",
        ["opds"] = VariableValues.Normalize(new[] { "DINKES", "BAPPEDA", "DISDIK" }),
        ["none"] = VariableValues.Normalize(Array.Empty<string>()),
        ["nums"] = VariableValues.Normalize(new object[] { 1, 2.5, 3L }),
        ["dokumen"] = VariableValues.Normalize(new Dictionary<string, object?>
        {
            ["judul"] = "Laporan",
            ["halaman"] = 12,
            ["penulis"] = new Dictionary<string, object?> { ["nama"] = "Budi", ["opd"] = null },
            ["lampiran"] = new[] { "a.pdf", "b.pdf" },
            ["empty"] = "kata kunci",
        }),
        ["emptyMap"] = VariableValues.Normalize(new Dictionary<string, object?>()),
    };

    public static object? Eval(string text, IReadOnlyDictionary<string, object?>? variables = null, ExpressionEnvironment? environment = null) =>
        Expression.Parse(text).Evaluate(new DictionaryVariableResolver(variables ?? Variables()), environment ?? Env);

    /// <summary>The exception an evaluation throws; the caller checks its message.</summary>
    public static ExpressionException EvalError(string text, IReadOnlyDictionary<string, object?>? variables = null) =>
        Assert.Throws<ExpressionException>(() => Eval(text, variables));

    public static ExpressionException ParseError(string text) => Assert.Throws<ExpressionException>(() => Expression.Parse(text));

    /// <summary>Theory data cannot say long or DateTimeOffset: ints stand for longs here.</summary>
    public static void AssertValue(object? expected, object? actual)
    {
        if (expected is int i)
        {
            expected = (long)i;
        }

        Assert.Equal(expected, actual);
        Assert.Equal(expected?.GetType(), actual?.GetType());
    }
}
