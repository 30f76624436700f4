using System.Globalization;

namespace Kks.Workflow.Engine.Expressions;

/// <summary>
/// Base of the whitelisted functions: argument checks with messages that name the function, the
/// argument and what it should be.
/// </summary>
internal abstract class FunctionNode(FunctionCall call) : Node(call.Start, call.End, call.Arguments)
{
    protected Node[] Arguments { get; } = call.Arguments;

    protected string Usage { get; } = call.Usage;

    public sealed override object? Evaluate(in EvaluationContext context)
    {
        try
        {
            return Compute(context);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Dates at the very edge of DateTime's range (year 1 or 9999) overflow BCL arithmetic.
            throw OutOfRange(context);
        }
    }

    protected abstract object? Compute(in EvaluationContext context);

    protected ExpressionException OutOfRange(in EvaluationContext context) => Error(context,
        $"Hasil '{Piece(context)}' berada di luar rentang tanggal yang didukung",
        $"The result of '{Piece(context)}' is outside the supported date range");

    protected DateTimeOffset DateArgument(int index, in EvaluationContext context)
    {
        var value = Arguments[index].Evaluate(context);
        switch (value)
        {
            case DateTimeOffset date:
                return date;
            case string text when Dates.TryParse(text, out var local, out var offset):
                return Dates.TryResolve(local, offset, context.Environment.TimeZone, out var instant) ? instant : throw OutOfRange(context);
            case string text:
                throw ArgumentError(index, context, $"berisi '{ExpressionErrors.Quote(text, 40)}', yang tidak dapat dibaca sebagai tanggal", $"holds '{ExpressionErrors.Quote(text, 40)}', which cannot be read as a date",
                    Dates.AcceptedFormsId, Dates.AcceptedFormsEn);
            default:
                throw WrongType(index, value, "tanggal (Date)", "a date (Date)", context);
        }
    }

    protected long IntegerArgument(int index, in EvaluationContext context)
    {
        var value = Arguments[index].Evaluate(context);
        return value switch
        {
            long l => l,
            double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => (long)d,
            _ => throw WrongType(index, value, "bilangan bulat (Long)", "a whole number (Long)", context),
        };
    }

    protected string StringArgument(int index, in EvaluationContext context)
    {
        var value = Arguments[index].Evaluate(context);
        return value as string ?? throw WrongType(index, value, "teks (String)", "text (String)", context);
    }

    protected ExpressionException WrongType(int index, object? value, string expectedId, string expectedEn, in EvaluationContext context) =>
        ArgumentError(index, context,
            $"harus berupa {expectedId}, tetapi bernilai {ExpressionErrors.Describe(value)}",
            $"must be {expectedEn}, but is {ExpressionErrors.Describe(value)}");

    protected ExpressionException ArgumentError(int index, in EvaluationContext context, string whatId, string whatEn, string fixId = "", string fixEn = "")
    {
        var position = (index + 1).ToString(CultureInfo.InvariantCulture);
        var argument = Arguments[index].Piece(context);
        return Error(context,
            $"Argumen ke-{position} ('{argument}') dari {Usage} {whatId}",
            $"Argument {position} ('{argument}') of {Usage} {whatEn}",
            fixId,
            fixEn);
    }
}
