using System.Collections.Frozen;
using System.Text;

namespace Kks.Workflow.Engine.Expressions;

internal sealed record ParsedExpression(Node Root, bool IsLiteral, FrozenSet<string> Variables);

/// <summary>
/// Recursive descent over JUEL's precedence levels, lowest first: ?:, || or, &amp;&amp; and,
/// == != eq ne, &lt; &gt; &lt;= &gt;= lt gt le ge, + -, * / % div mod, unary - ! not empty, then
/// . [] and calls. Every nested construct passes through <see cref="Enter"/>, so the recursion, and
/// the stack it uses, is bounded whatever the input.
/// </summary>
internal sealed partial class Parser
{
    private readonly string _text;
    private readonly Lexer _lexer;
    private readonly HashSet<string> _variables = new(StringComparer.Ordinal);
    private Token _token;
    private int _depth;

    private Parser(string text)
    {
        _text = text;
        _lexer = new Lexer(text);
    }

    public static ParsedExpression Parse(string text)
    {
        if (text.Length > Limits.MaxTextLength)
        {
            throw ExpressionErrors.Parse(text, Limits.MaxTextLength, $"teks lebih dari {Limits.MaxTextLength} karakter",
                $"the text is longer than {Limits.MaxTextLength} characters",
                "Pecah menjadi beberapa langkah, atau hitung nilainya lebih dulu ke sebuah variabel.",
                "Split it into several steps, or compute the value into a variable first.");
        }

        var parser = new Parser(text);
        var root = parser.ParseTemplate(out var isLiteral);
        return new ParsedExpression(root, isLiteral, parser._variables.ToFrozenSet(StringComparer.Ordinal));
    }

    // JUEL composite text: literal parts and ${...} or #{...} parts; \${ and \#{ stand for themselves.
    private Node ParseTemplate(out bool isLiteral)
    {
        var parts = new List<Node>();
        var literal = new StringBuilder();
        var literalStart = 0;
        var position = 0;
        var expressions = 0;
        while (position < _text.Length)
        {
            var c = _text[position];
            if (c == '\\' && position + 2 < _text.Length && _text[position + 1] is '$' or '#' && _text[position + 2] == '{')
            {
                literal.Append(_text[position + 1]).Append('{');
                position += 3;
            }
            else if (c is '$' or '#' && position + 1 < _text.Length && _text[position + 1] == '{')
            {
                AddLiteral(parts, literal, literalStart, position);
                parts.Add(ParseEmbedded(position, out position));
                expressions++;
                literalStart = position;
            }
            else
            {
                literal.Append(c);
                position++;
            }
        }

        AddLiteral(parts, literal, literalStart, position);
        isLiteral = expressions == 0;

        // One part is either the literal text or an expression filling the whole text: the latter
        // keeps its type (${count} is a Long); any mix is composite text and reads as a string.
        return parts.Count switch
        {
            0 => new ConstantNode(0, 0, string.Empty),
            1 => parts[0],
            _ => Checked(new TemplateNode(0, _text.Length, [.. parts])),
        };
    }

    private static void AddLiteral(List<Node> parts, StringBuilder literal, int start, int end)
    {
        if (literal.Length > 0)
        {
            parts.Add(new ConstantNode(start, end, literal.ToString()));
            literal.Clear();
        }
    }

    private Node ParseEmbedded(int start, out int next)
    {
        _lexer.Reset(start + 2);
        Advance();
        switch (_token.Kind)
        {
            case TokenKind.RightBrace:
                throw ExpressionErrors.Parse(_text, start, "ekspresi kosong", "empty expression",
                    "Tulis ekspresinya di antara kurung kurawal, misalnya ${disetujui}.", "Write the expression between the braces, for example ${approved}.");
            case TokenKind.End:
                throw Unclosed(start);
        }

        var node = ParseExpression();
        if (_token.Kind != TokenKind.RightBrace)
        {
            throw _token.Kind == TokenKind.End ? Unclosed(start) : Unexpected("operator atau '}'", "an operator or '}'");
        }

        next = _token.End;
        return node;
    }

    private Node ParseExpression()
    {
        Enter();
        var node = ParseOr();
        if (_token.Kind == TokenKind.Question)
        {
            Advance();
            var whenTrue = ParseExpression();
            Expect(TokenKind.Colon, "':' (bagian 'jika tidak' dari a ? b : c)", "':' (the 'else' part of a ? b : c)");
            Advance();
            var whenFalse = ParseExpression();
            node = Checked(new ConditionalNode(node, whenTrue, whenFalse));
        }

        _depth--;
        return node;
    }

    private Node ParseOr()
    {
        var node = ParseAnd();
        while (_token.Kind == TokenKind.Or)
        {
            Advance();
            node = Checked(new OrNode(node, ParseAnd()));
        }

        return node;
    }

    private Node ParseAnd()
    {
        var node = ParseEquality();
        while (_token.Kind == TokenKind.And)
        {
            Advance();
            node = Checked(new AndNode(node, ParseEquality()));
        }

        return node;
    }

    private Node ParseEquality()
    {
        var node = ParseRelational();
        while (_token.Kind is TokenKind.Equal or TokenKind.NotEqual)
        {
            var negated = _token.Kind == TokenKind.NotEqual;
            Advance();
            node = Checked(new EqualityNode(node, ParseRelational(), negated));
        }

        return node;
    }

    private Node ParseRelational()
    {
        var node = ParseAdditive();
        while (_token.Kind is TokenKind.Less or TokenKind.Greater or TokenKind.LessOrEqual or TokenKind.GreaterOrEqual)
        {
            var relation = _token.Kind switch
            {
                TokenKind.Less => Relation.Less,
                TokenKind.Greater => Relation.Greater,
                TokenKind.LessOrEqual => Relation.LessOrEqual,
                _ => Relation.GreaterOrEqual,
            };
            var symbol = TokenText();
            Advance();
            node = Checked(new RelationalNode(node, ParseAdditive(), relation, symbol));
        }

        return node;
    }

    private Node ParseAdditive()
    {
        var node = ParseMultiplicative();
        while (_token.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = _token.Kind == TokenKind.Plus ? ArithmeticOperator.Add : ArithmeticOperator.Subtract;
            var symbol = TokenText();
            Advance();
            node = Checked(new ArithmeticNode(node, ParseMultiplicative(), op, symbol));
        }

        return node;
    }

    private Node ParseMultiplicative()
    {
        var node = ParseUnary();
        while (_token.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var op = _token.Kind switch
            {
                TokenKind.Star => ArithmeticOperator.Multiply,
                TokenKind.Slash => ArithmeticOperator.Divide,
                _ => ArithmeticOperator.Remainder,
            };
            var symbol = TokenText();
            Advance();
            node = Checked(new ArithmeticNode(node, ParseUnary(), op, symbol));
        }

        return node;
    }

    private Node ParseUnary()
    {
        var kind = _token.Kind;
        if (kind is not (TokenKind.Minus or TokenKind.Not or TokenKind.Empty))
        {
            return ParsePostfix();
        }

        var start = _token.Start;
        Advance();
        Enter();
        var operand = ParseUnary();
        _depth--;
        return kind switch
        {
            // Folding keeps -2 a constant, so literal arguments such as addWorkingDays(d, -2) stay literal.
            TokenKind.Minus when operand is ConstantNode { Value: long l and not long.MinValue } => new ConstantNode(start, operand.End, Values.Box(-l)),
            TokenKind.Minus when operand is ConstantNode { Value: double d } => new ConstantNode(start, operand.End, -d),
            TokenKind.Minus => Checked(new NegateNode(start, operand)),
            TokenKind.Not => Checked(new NotNode(start, operand)),
            _ => Checked(new EmptyNode(start, operand)),
        };
    }
}
