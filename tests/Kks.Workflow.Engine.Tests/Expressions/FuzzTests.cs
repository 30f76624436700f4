using System.Text;
using Kks.Workflow.Engine.Expressions;
using static Kks.Workflow.Engine.Tests.Expressions.ExpressionTestKit;

namespace Kks.Workflow.Engine.Tests.Expressions;

/// <summary>
/// Random and mutated inputs from a fixed seed: parsing and evaluating may refuse, but only with an
/// ExpressionException, never another exception, a stack overflow or a hang.
/// </summary>
public sealed class FuzzTests
{
    private const int Seed = 20_240_301;
    private const int Inputs = 20_000;

    private static readonly string[] Corpus =
    [
        "${n > 1}", "${nilai >= 60 && !empty opd}", "Halo ${nama}, ${n} tugas", "opd-${opd}",
        "${contains(['DINKES','BAPPEDA'], opd)}", "${addWorkingDays(today(), 3)}", "${dokumen.penulis.nama}",
        "${opds[0] == 'DINKES' ? 'a' : \"b\"}", "${format(deadline, 'd MMMM yyyy', 'id')}",
        "${subtractDuration(deadline, 'PT2H')}", "${daysBetween(now(), deadline) div 2 mod 3}",
        "${workingDaysBetween(today(), date('2024-03-24T08:00:00+07:00'))}", "#{n * -half + 1e3}",
        "${not (yes or no) and n ne 4 eq true}", "${dokumen['lampiran'].size() lt 3}", "\\${tetap} ${n}",
        "${concat('a', lower(opd), upper(nama))}", "${empty none || none.isEmpty()}", "${[n, [1, 2], 'x'][1][0]}",
    ];

    private static readonly string[] Pieces =
    [
        "${", "#{", "}", "\\${", "(", ")", "[", "]", ",", ".", "?", ":", "'", "\"", "\\", " ", "  ",
        "+", "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||", "!", "=", "&", "|",
        "and", "or", "not", "empty", "eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "instanceof",
        "true", "false", "null", "0", "1", "-1", "2.5", "1e308", "9223372036854775807", ".5", "07",
        "n", "zero", "half", "nama", "opd", "opds", "none", "dokumen", "deadline", "deadlineText", "nothing", "x",
        "now()", "today()", "date(", "addDuration(", "subtractDuration(", "addWorkingDays(", "workingDaysBetween(",
        "daysBetween(", "format(", "size(", "contains(", "lower(", "upper(", "concat(", ".size()", ".isEmpty()",
        ".contains(", "'P3D'", "'PT2H'", "'2024-03-01'", "'yyyy-MM-dd'", "'id'", "'a}b'", "\u00e9", "\u0000",
        "\ud83d\ude00", "\ud83d", "\n", "\t", ";", "{", "$", "#", "@", "~", "^", "`",
    ];

    private const string Alphabet = "${}()[]'\"\\.,+-*/%<>=!&|?:#abnz019 ";

    [Fact]
    public async Task RandomAndMutatedInputs_FailOnlyWithExpressionException()
    {
        // WaitAsync throws TimeoutException if some input hangs the parser or the evaluator.
        var failure = await Task.Run(() => Fuzz(new Random(Seed))).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(failure is null, failure);
    }

    private static string? Fuzz(Random random)
    {
        var resolver = new DictionaryVariableResolver(Variables());
        var parsed = 0;
        for (var i = 0; i < Inputs; i++)
        {
            var text = (i % 5) switch
            {
                0 => Soup(random),
                1 => Mutate(random, Corpus[random.Next(Corpus.Length)]),
                2 => Mutate(random, Mutate(random, Soup(random))),
                3 => Chars(random),
                _ => "${" + Generate(random, random.Next(1, 8)) + "}",
            };

            try
            {
                var expression = Expression.Parse(text);
                parsed += expression.IsLiteral ? 0 : 1;
                expression.Evaluate(resolver, Env);
            }
            catch (ExpressionException)
            {
                // The expected refusal.
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return $"Input #{i} {Escape(text)} threw {e.GetType().Name}: {e.Message}";
            }
        }

        // A sanity check that the generators reach the evaluator, not just the lexer's first error.
        return parsed < Inputs / 8 ? $"Only {parsed} of {Inputs} inputs parsed; the fuzzer is too weak." : null;
    }

    private static string Soup(Random random)
    {
        var builder = new StringBuilder(random.Next(2) == 0 ? "${" : string.Empty);
        var count = random.Next(1, 30);
        for (var i = 0; i < count; i++)
        {
            builder.Append(Pieces[random.Next(Pieces.Length)]);
            if (random.Next(3) == 0)
            {
                builder.Append(' ');
            }
        }

        return builder.Append(random.Next(3) == 0 ? string.Empty : "}").ToString();
    }

    // Well-formed expressions of random shape, so evaluation (not only parsing) meets odd combinations.
    private static string Generate(Random random, int depth)
    {
        if (depth <= 0 || random.Next(4) == 0)
        {
            return Leaves[random.Next(Leaves.Length)];
        }

        string Next() => Generate(random, depth - 1);
        return random.Next(9) switch
        {
            0 => $"{Next()} {Binary[random.Next(Binary.Length)]} {Next()}",
            1 => $"{Next()} {Binary[random.Next(Binary.Length)]} {Next()}",
            2 => $"{Unary[random.Next(Unary.Length)]}{Next()}",
            3 => $"({Next()} ? {Next()} : {Next()})",
            4 => $"[{Next()}, {Next()}]",
            5 => $"{Next()}[{Next()}]",
            6 => $"{Next()}.{Leaves[random.Next(6)]}",
            7 => $"{Functions[random.Next(Functions.Length)]}({Next()}, {Next()})",
            _ => $"{Functions[random.Next(Functions.Length)]}({Next()})",
        };
    }

    private static readonly string[] Leaves =
    [
        "n", "nama", "opd", "judul", "halaman", "size", "zero", "half", "nothing", "yes", "yesText", "opds", "none", "nums", "dokumen",
        "emptyMap", "deadline", "deadlineText", "kosong", "0", "1", "-1", "2.5", "9223372036854775807", "'P1D'", "'2024-03-01'",
        "'DINKES'", "''", "true", "null", "[]", "now()", "today()", "dokumen.penulis", "'yyyy'", "'id'", "10001", "1e300",
    ];

    private static readonly string[] Binary = ["+", "-", "*", "/", "%", "==", "!=", "<", ">=", "&&", "||", "and", "or", "div", "mod", "eq", "lt"];

    private static readonly string[] Unary = ["-", "!", "not ", "empty ", "- -"];

    private static readonly string[] Functions =
    [
        "date", "addDuration", "subtractDuration", "addWorkingDays", "workingDaysBetween", "daysBetween", "format",
        "size", "contains", "lower", "upper", "concat",
    ];

    private static string Mutate(Random random, string text)
    {
        var builder = new StringBuilder(text);
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits; i++)
        {
            var at = builder.Length == 0 ? 0 : random.Next(builder.Length);
            switch (random.Next(5))
            {
                case 0 when builder.Length > 0:
                    builder.Remove(at, 1);
                    break;
                case 1:
                    builder.Insert(at, Pieces[random.Next(Pieces.Length)]);
                    break;
                case 2 when builder.Length > 0:
                    builder[at] = (char)random.Next(32, 127);
                    break;
                case 3 when builder.Length > 0:
                    var length = random.Next(1, Math.Min(12, builder.Length - at) + 1);
                    builder.Insert(at, builder.ToString(at, length));
                    break;
                default:
                    // Deep nesting and long chains go near and past the limits.
                    var depth = random.Next(1, 80);
                    var open = Pieces[random.Next(4, 7)];
                    builder.Insert(at, string.Concat(Enumerable.Repeat(open == ")" ? "-" : open, depth)));
                    break;
            }
        }

        return builder.ToString();
    }

    private static string Chars(Random random)
    {
        var length = random.Next(0, 60);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(10) == 0 ? (char)random.Next(0, 0xFFFF) : Alphabet[random.Next(Alphabet.Length)];
        }

        return new string(chars);
    }

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and < '\u007f' ? c.ToString() : $"\\u{(int)c:x4}"));
}
