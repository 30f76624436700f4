using System.Globalization;

namespace Kks.Workflow.Engine.Expressions;

/// <summary>Values, access (. and []), calls, and the helpers every level shares.</summary>
internal sealed partial class Parser
{
    private Node ParsePostfix()
    {
        var node = ParsePrimary();
        while (true)
        {
            if (_token.Kind == TokenKind.Dot)
            {
                Advance();
                // Keywords are fine as property names (a.empty), as JUEL's a['empty'] would be.
                if (_token.Kind == TokenKind.String || _token.Value is not string name)
                {
                    throw Unexpected("nama properti setelah '.'", "a property name after '.'");
                }

                var nameStart = _token.Start;
                var nameEnd = _token.End;
                Advance();
                node = _token.Kind == TokenKind.LeftParen
                    ? ParseMethod(node, name, nameStart)
                    : new PropertyNode(node, name, nameEnd);
            }
            else if (_token.Kind == TokenKind.LeftBracket)
            {
                Advance();
                var index = ParseExpression();
                Expect(TokenKind.RightBracket, "']'", "']'");
                var end = _token.End;
                Advance();
                node = new IndexNode(node, index, end);
            }
            else
            {
                return node;
            }

            Checked(node);
        }
    }

    private Node ParsePrimary()
    {
        var token = _token;
        switch (token.Kind)
        {
            case TokenKind.Integer:
                Advance();
                return new ConstantNode(token.Start, token.End, Values.Box((long)token.Value!));
            case TokenKind.Decimal or TokenKind.String:
                Advance();
                return new ConstantNode(token.Start, token.End, token.Value);
            case TokenKind.True or TokenKind.False:
                Advance();
                return new ConstantNode(token.Start, token.End, Values.Box(token.Kind == TokenKind.True));
            case TokenKind.Null:
                Advance();
                return new ConstantNode(token.Start, token.End, null);
            case TokenKind.Identifier:
                Advance();
                var name = (string)token.Value!;
                if (_token.Kind == TokenKind.LeftParen)
                {
                    return ParseFunction(name, token.Start);
                }

                _variables.Add(name);
                return new VariableNode(token.Start, token.End, name);
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseExpression();
                Expect(TokenKind.RightParen, "')'", "')'");
                inner.Widen(token.Start, _token.End);
                Advance();
                return inner;
            case TokenKind.LeftBracket:
                return ParseList();
            case TokenKind.End or TokenKind.RightBrace:
                throw Unexpected("sebuah nilai (ekspresi berakhir terlalu cepat)", "a value (the expression ends too early)");
            default:
                throw Unexpected("sebuah nilai", "a value");
        }
    }

    private Node ParseList()
    {
        var start = _token.Start;
        Advance();
        var items = new List<Node>();
        if (_token.Kind != TokenKind.RightBracket)
        {
            items.Add(ParseExpression());
            while (_token.Kind == TokenKind.Comma)
            {
                Advance();
                items.Add(ParseExpression());
            }
        }

        Expect(TokenKind.RightBracket, "',' atau ']'", "',' or ']'");
        var end = _token.End;
        Advance();
        if (items.TrueForAll(item => item is ConstantNode))
        {
            // Lists of literals, the usual ['DINKES','BAPPEDA'], are built once at deployment.
            var values = items.ConvertAll(item => ((ConstantNode)item).Value).ToArray();
            return new ConstantNode(start, end, values.Length == 0 ? Values.EmptyList : Array.AsReadOnly(values));
        }

        return Checked(new ListNode(start, end, [.. items]));
    }

    private Node ParseFunction(string name, int start)
    {
        if (!FunctionCatalog.Functions.TryGetValue(name, out var spec))
        {
            throw ExpressionErrors.Parse(_text, start, $"fungsi '{name}' tidak dikenal", $"unknown function '{name}'",
                $"Fungsi yang tersedia: {FunctionCatalog.FunctionList}.", $"Available functions: {FunctionCatalog.FunctionList}.");
        }

        var arguments = ParseArguments(out var end);
        return Call(spec, start, end, arguments, arguments.Count);
    }

    private Node ParseMethod(Node target, string name, int nameStart)
    {
        if (!FunctionCatalog.Methods.TryGetValue(name, out var spec))
        {
            throw ExpressionErrors.Parse(_text, nameStart, $"metode '{name}' tidak didukung", $"method '{name}' is not supported",
                $"Yang tersedia: {FunctionCatalog.MethodList}, dan fungsi {FunctionCatalog.FunctionList}. Untuk membaca variabel cukup tulis namanya, misalnya ${{nama}}.",
                $"Available: {FunctionCatalog.MethodList}, and the functions {FunctionCatalog.FunctionList}. To read a variable just write its name, for example ${{name}}.");
        }

        var arguments = ParseArguments(out var end);
        var count = arguments.Count;
        arguments.Insert(0, target);
        return Call(spec, target.Start, end, arguments, count);
    }

    private Node Call(FunctionSpec spec, int start, int end, List<Node> arguments, int given)
    {
        if (given < spec.MinArguments || given > spec.MaxArguments)
        {
            var expected = spec.MinArguments == spec.MaxArguments
                ? spec.MinArguments.ToString(CultureInfo.InvariantCulture)
                : spec.MaxArguments == int.MaxValue
                    ? $"{spec.MinArguments.ToString(CultureInfo.InvariantCulture)}+"
                    : $"{spec.MinArguments.ToString(CultureInfo.InvariantCulture)}-{spec.MaxArguments.ToString(CultureInfo.InvariantCulture)}";
            var actual = given.ToString(CultureInfo.InvariantCulture);
            throw ExpressionErrors.Parse(_text, start, $"{spec.Usage} memerlukan {expected} argumen, tetapi diberi {actual}",
                $"{spec.Usage} takes {expected} argument(s), but {actual} were given");
        }

        return Checked(spec.Create(new FunctionCall(_text, spec.Usage, start, end, [.. arguments])));
    }

    private List<Node> ParseArguments(out int end)
    {
        Advance();
        var arguments = new List<Node>();
        if (_token.Kind != TokenKind.RightParen)
        {
            arguments.Add(ParseExpression());
            while (_token.Kind == TokenKind.Comma)
            {
                Advance();
                arguments.Add(ParseExpression());
            }
        }

        Expect(TokenKind.RightParen, "',' atau ')'", "',' or ')'");
        end = _token.End;
        Advance();
        return arguments;
    }

    private void Advance() => _token = _lexer.Next();

    private void Enter()
    {
        if (++_depth > Limits.MaxNesting)
        {
            throw ExpressionErrors.Parse(_text, _token.Start, $"ekspresi bersarang lebih dari {Limits.MaxNesting} tingkat",
                $"the expression nests more than {Limits.MaxNesting} levels deep",
                "Sederhanakan ekspresinya atau pecah menjadi beberapa langkah.", "Simplify the expression or split it into several steps.");
        }
    }

    private T Checked<T>(T node)
        where T : Node => node.Height <= Limits.MaxTreeHeight
        ? node
        : throw ExpressionErrors.Parse(_text, node.Start, $"ekspresi terlalu rumit (lebih dari {Limits.MaxTreeHeight} operasi berantai)",
            $"the expression is too complex (more than {Limits.MaxTreeHeight} chained operations)",
            "Untuk banyak pilihan gunakan daftar, misalnya contains(['A','B','C'], opd).", "For many alternatives use a list, for example contains(['A','B','C'], opd).");

    private void Expect(TokenKind kind, string whatId, string whatEn)
    {
        if (_token.Kind != kind)
        {
            throw Unexpected(whatId, whatEn);
        }
    }

    private string TokenText() => _text[_token.Start.._token.End];

    private ExpressionException Unexpected(string expectedId, string expectedEn) => _token.Kind == TokenKind.End
        ? ExpressionErrors.Parse(_text, _token.Start, $"diharapkan {expectedId}, tetapi teks berakhir", $"expected {expectedEn}, but the text ends")
        : ExpressionErrors.Parse(_text, _token.Start, $"diharapkan {expectedId}, tetapi ditemukan '{TokenText()}'", $"expected {expectedEn}, but found '{TokenText()}'");

    private ExpressionException Unclosed(int start) => ExpressionErrors.Parse(_text, start,
        $"'{_text.Substring(start, 2)}' tidak ditutup", $"'{_text.Substring(start, 2)}' is not closed",
        "Tambahkan '}' di akhir ekspresi.", "Add '}' at the end of the expression.");
}
