using System.Globalization;

namespace Kks.Workflow.Engine.Expressions;

/// <summary>
/// Builds the bilingual messages. Every message quotes the expression and the offending piece and
/// says what to do, because the reader is a process designer, not a programmer.
/// </summary>
internal static class ExpressionErrors
{
    private const int MaxQuotedText = 120;
    private const int MaxQuotedPiece = 60;

    /// <summary>A problem found while parsing, at a 0-based position in the text.</summary>
    public static ExpressionException Parse(string text, int position, string whatId, string whatEn, string fixId = "", string fixEn = "")
    {
        var shown = (position + 1).ToString(CultureInfo.InvariantCulture);
        var quoted = Quote(text, MaxQuotedText);
        return new ExpressionException(
            new BilingualText(
                Sentence($"Ekspresi '{quoted}' tidak valid pada posisi {shown}: {whatId}", fixId),
                Sentence($"Expression '{quoted}' is invalid at position {shown}: {whatEn}", fixEn)),
            text,
            position + 1);
    }

    /// <summary>A problem found while evaluating; <paramref name="at"/> locates the piece in the text.</summary>
    public static ExpressionException Evaluation(string text, Node at, string whatId, string whatEn, string fixId = "", string fixEn = "")
    {
        var quoted = Quote(text, MaxQuotedText);
        return new ExpressionException(
            new BilingualText(
                Sentence($"{whatId} dalam ekspresi '{quoted}'", fixId),
                Sentence($"{whatEn} in expression '{quoted}'", fixEn)),
            text,
            at.Start + 1);
    }

    /// <summary>The source text of a node, shortened for a message.</summary>
    public static string Piece(string text, Node node) =>
        Quote(text.Substring(node.Start, node.End - node.Start), MaxQuotedPiece);

    /// <summary>A value as shown inside a message: short, typed, never the whole of a large list.</summary>
    public static string Describe(object? value)
    {
        var type = VariableValues.TypeName(value);
        return value switch
        {
            null => "null",
            string s => $"{type} '{Quote(s, 40)}'",
            // Neutral notation, as the same description goes into both languages.
            IReadOnlyList<object?> list => $"{type} [{list.Count.ToString(CultureInfo.InvariantCulture)}]",
            IReadOnlyDictionary<string, object?> => $"{type} {{…}}",
            _ => $"{type} {Quote(ValueText.Format(value, 200), 40)}",
        };
    }

    public static string Quote(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    private static string Sentence(string what, string fix)
    {
        var sentence = what.EndsWith('.') ? what : what + ".";
        return fix.Length == 0 ? sentence : sentence + " " + fix;
    }
}
