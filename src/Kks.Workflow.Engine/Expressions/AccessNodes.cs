using System.Globalization;

namespace Kks.Workflow.Engine.Expressions;

internal sealed class VariableNode(int start, int end, string name) : Node(start, end)
{
    public string Name { get; } = name;

    public override object? Evaluate(in EvaluationContext context)
    {
        if (!context.Variables.TryResolve(Name, out var value))
        {
            var quoted = ExpressionErrors.Quote(context.Text, 120);
            throw new ExpressionException(
                new BilingualText(
                    $"Variabel '{Name}' tidak dikenal dalam ekspresi '{quoted}'. Pastikan variabel itu diisi sebelum langkah ini (misalnya lewat formulir, parameter input atau saat proses dimulai), atau periksa ejaannya.",
                    $"Unknown variable '{Name}' in expression '{quoted}'. Make sure the variable is set before this step (for example by a form, an input parameter or when the process starts), or check its spelling."),
                context.Text,
                Start + 1);
        }

        return Values.Admit(value, this, context);
    }
}

/// <summary>
/// <c>a.b</c> on an object. A missing property reads as null (JSON objects leave out empty fields);
/// a property of null is an error naming the path, because it almost always means a missing variable.
/// </summary>
internal sealed class PropertyNode(Node target, string name, int end) : Node(target.Start, end, target)
{
    public override object? Evaluate(in EvaluationContext context)
    {
        var value = target.Evaluate(context);
        if (value is IReadOnlyDictionary<string, object?> map)
        {
            return map.TryGetValue(name, out var property) ? Values.Admit(property, this, context) : null;
        }

        throw value is null
            ? Error(context,
                $"Tidak dapat membaca '{Piece(context)}' karena '{target.Piece(context)}' bernilai null",
                $"Cannot read '{Piece(context)}' because '{target.Piece(context)}' is null",
                $"Periksa dulu dengan: not empty {target.Piece(context)} and ...",
                $"Check first with: not empty {target.Piece(context)} and ...")
            : Error(context,
                $"Tidak dapat membaca properti '{name}' dari {ExpressionErrors.Describe(value)} pada '{Piece(context)}'",
                $"Cannot read property '{name}' of {ExpressionErrors.Describe(value)} at '{Piece(context)}'",
                "Properti hanya ada pada objek (Json).",
                "Only objects (Json) have properties.");
    }
}

/// <summary><c>list[0]</c> and <c>object['key']</c>. An index outside the list is an error, a missing key null.</summary>
internal sealed class IndexNode(Node target, Node index, int end) : Node(target.Start, end, target, index)
{
    public override object? Evaluate(in EvaluationContext context)
    {
        var value = target.Evaluate(context);
        var key = index.Evaluate(context);
        switch (value)
        {
            case IReadOnlyList<object?> list when key is long i:
                return i >= 0 && i < list.Count
                    ? Values.Admit(list[(int)i], this, context)
                    : throw Error(context,
                        $"Indeks {i.ToString(CultureInfo.InvariantCulture)} di luar daftar pada '{Piece(context)}' (daftar berisi {list.Count.ToString(CultureInfo.InvariantCulture)} unsur)",
                        $"Index {i.ToString(CultureInfo.InvariantCulture)} is outside the list at '{Piece(context)}' (the list has {list.Count.ToString(CultureInfo.InvariantCulture)} items)",
                        "Indeks dimulai dari 0; periksa dulu dengan size(...).",
                        "Indexes start at 0; check with size(...) first.");
            case IReadOnlyDictionary<string, object?> map when key is string name:
                return map.TryGetValue(name, out var property) ? Values.Admit(property, this, context) : null;
            case null:
                throw Error(context,
                    $"Tidak dapat membaca '{Piece(context)}' karena '{target.Piece(context)}' bernilai null",
                    $"Cannot read '{Piece(context)}' because '{target.Piece(context)}' is null",
                    $"Periksa dulu dengan: not empty {target.Piece(context)} and ...",
                    $"Check first with: not empty {target.Piece(context)} and ...");
            default:
                throw Error(context,
                    $"Tidak dapat mengindeks {ExpressionErrors.Describe(value)} dengan {ExpressionErrors.Describe(key)} pada '{Piece(context)}'",
                    $"Cannot index {ExpressionErrors.Describe(value)} with {ExpressionErrors.Describe(key)} at '{Piece(context)}'",
                    "Daftar diindeks dengan bilangan bulat (x[0]), objek dengan teks (x['nama']).",
                    "Lists take a whole number (x[0]), objects a string (x['name']).");
        }
    }
}

/// <summary>A list literal with at least one non-constant item (constant lists are folded by the parser).</summary>
internal sealed class ListNode(int start, int end, Node[] items) : Node(start, end, items)
{
    public override object? Evaluate(in EvaluationContext context)
    {
        var values = new object?[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            values[i] = items[i].Evaluate(context);
        }

        return Array.AsReadOnly(values);
    }
}

/// <summary>Composite text such as <c>Halo ${nama}, ${n} tugas</c>: always a string, null parts empty.</summary>
internal sealed class TemplateNode(int start, int end, Node[] parts) : Node(start, end, parts)
{
    public override object? Evaluate(in EvaluationContext context)
    {
        var pieces = new string[parts.Length];
        var length = 0L;
        for (var i = 0; i < parts.Length; i++)
        {
            if (!ValueText.TryFormat(parts[i].Evaluate(context), Limits.MaxStringLength, out var piece))
            {
                throw Strings.TooLong(parts[i], context);
            }

            pieces[i] = piece;
            length += piece.Length;
        }

        return length <= Limits.MaxStringLength ? string.Concat(pieces) : throw Strings.TooLong(this, context);
    }
}

internal static class Strings
{
    public static ExpressionException TooLong(Node at, in EvaluationContext context) => at.Error(context,
        $"Teks hasil '{at.Piece(context)}' lebih dari {Limits.MaxStringLength.ToString(CultureInfo.InvariantCulture)} karakter",
        $"The text built by '{at.Piece(context)}' is longer than {Limits.MaxStringLength.ToString(CultureInfo.InvariantCulture)} characters",
        "Simpan teks besar sebagai berkas, bukan variabel.",
        "Store large text as a file, not a variable.");
}
