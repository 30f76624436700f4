using System.Globalization;
using Kks.Workflow.Engine.Timers;

namespace Kks.Workflow.Engine.Expressions;

/// <summary><c>now()</c>: the command's instant, shown in the environment's zone.</summary>
internal sealed class NowNode(FunctionCall call) : FunctionNode(call)
{
    protected override object? Compute(in EvaluationContext context) =>
        TimeZoneInfo.ConvertTime(context.Environment.Now, context.Environment.TimeZone);
}

/// <summary><c>today()</c>: midnight starting today in the environment's zone.</summary>
internal sealed class TodayNode(FunctionCall call) : FunctionNode(call)
{
    protected override object? Compute(in EvaluationContext context)
    {
        var zone = context.Environment.TimeZone;
        return Dates.TryStartOfDay(Dates.DayOf(context.Environment.Now, zone), zone, out var start) ? start : throw OutOfRange(context);
    }
}

/// <summary><c>date(text)</c>. A literal text is checked at deployment and read only once.</summary>
internal sealed class DateNode : FunctionNode
{
    private readonly DateTime _local;
    private readonly TimeSpan? _offset;
    private readonly bool _literal;

    public DateNode(FunctionCall call) : base(call)
    {
        if (call.Arguments[0] is not ConstantNode constant)
        {
            return;
        }

        if (constant.Value is not string text || !Dates.TryParse(text, out _local, out _offset))
        {
            throw call.Fail(0, "bukan tanggal yang dapat dibaca", "is not a date that can be read", Dates.AcceptedFormsId, Dates.AcceptedFormsEn);
        }

        _literal = true;
    }

    protected override object? Compute(in EvaluationContext context)
    {
        if (!_literal)
        {
            return DateArgument(0, context);
        }

        return Dates.TryResolve(_local, _offset, context.Environment.TimeZone, out var instant) ? instant : throw OutOfRange(context);
    }
}

/// <summary>
/// <c>addDuration(date, 'P3D')</c> and <c>subtractDuration(date, 'PT2H')</c>: days, months and years
/// move on the zone's calendar (see <see cref="IsoDuration.AddTo"/>), hours as elapsed time.
/// </summary>
internal sealed class DurationNode : FunctionNode
{
    private readonly IsoDuration? _literal;
    private readonly bool _subtract;

    public DurationNode(FunctionCall call, bool subtract) : base(call)
    {
        _subtract = subtract;
        if (call.Arguments[1] is ConstantNode constant)
        {
            try
            {
                _literal = IsoDuration.Parse(constant.Value as string);
            }
            catch (EngineException e)
            {
                throw call.Fail(1, $"tidak valid: {e.Text.Indonesian}", $"is invalid: {e.Text.English}");
            }
        }
    }

    protected override object? Compute(in EvaluationContext context)
    {
        var date = DateArgument(0, context);
        var duration = _literal ?? ReadDuration(context);
        try
        {
            return _subtract ? duration.SubtractFrom(date, context.Environment.TimeZone) : duration.AddTo(date, context.Environment.TimeZone);
        }
        catch (EngineException)
        {
            throw OutOfRange(context);
        }
    }

    private IsoDuration ReadDuration(in EvaluationContext context)
    {
        var text = StringArgument(1, context);
        return IsoDuration.TryParse(text, out var duration)
            ? duration
            : throw ArgumentError(1, context, $"bukan durasi ISO 8601 ('{ExpressionErrors.Quote(text, 40)}')", $"is not an ISO 8601 duration ('{ExpressionErrors.Quote(text, 40)}')",
                "Contoh: 'P3D' (3 hari), 'PT2H' (2 jam), 'P1M' (1 bulan).", "Examples: 'P3D' (3 days), 'PT2H' (2 hours), 'P1M' (1 month).");
    }
}

/// <summary>
/// <c>addWorkingDays(date, n)</c>: skips the calendar's non-working days and keeps the time of day.
/// n = 0 returns the date unchanged even on a holiday: the caller asked for no move.
/// </summary>
internal sealed class AddWorkingDaysNode(FunctionCall call) : FunctionNode(call)
{
    protected override object? Compute(in EvaluationContext context)
    {
        var date = DateArgument(0, context);
        var count = IntegerArgument(1, context);
        if (count is > Limits.MaxWorkingDays or < -Limits.MaxWorkingDays)
        {
            throw ArgumentError(1, context, $"terlalu besar (paling banyak {Limits.MaxWorkingDays.ToString(CultureInfo.InvariantCulture)} hari kerja)",
                $"is too large (at most {Limits.MaxWorkingDays.ToString(CultureInfo.InvariantCulture)} working days)");
        }

        return Dates.AddWorkingDays(date, count, context.Environment)
            ?? throw Error(context,
                $"Tidak menemukan cukup hari kerja untuk '{Piece(context)}'",
                $"Could not find enough working days for '{Piece(context)}'",
                "Periksa kalender hari kerja (hari libur) dan jumlah harinya.",
                "Check the working-day calendar (holidays) and the number of days.");
    }
}

/// <summary><c>workingDaysBetween(a, b)</c>: see <see cref="Dates.WorkingDaysBetween"/>.</summary>
internal sealed class WorkingDaysBetweenNode(FunctionCall call) : FunctionNode(call)
{
    protected override object? Compute(in EvaluationContext context)
    {
        var count = Dates.WorkingDaysBetween(DateArgument(0, context), DateArgument(1, context), context.Environment);
        return count is { } value ? Values.Box(value) : throw SpanTooLong(this, context);
    }

    public static ExpressionException SpanTooLong(Node node, in EvaluationContext context) => node.Error(context,
        $"Rentang tanggal pada '{node.Piece(context)}' lebih dari {Limits.MaxDaySpan.ToString(CultureInfo.InvariantCulture)} hari",
        $"The date span at '{node.Piece(context)}' is longer than {Limits.MaxDaySpan.ToString(CultureInfo.InvariantCulture)} days");
}

/// <summary><c>daysBetween(a, b)</c>: calendar days between the two dates' days in the zone (b − a).</summary>
internal sealed class DaysBetweenNode(FunctionCall call) : FunctionNode(call)
{
    protected override object? Compute(in EvaluationContext context)
    {
        var zone = context.Environment.TimeZone;
        var from = Dates.DayOf(DateArgument(0, context), zone);
        var to = Dates.DayOf(DateArgument(1, context), zone);
        return Values.Box((long)to.DayNumber - from.DayNumber);
    }
}
