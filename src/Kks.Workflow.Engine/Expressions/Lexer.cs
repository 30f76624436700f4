using System.Globalization;
using System.Text;

namespace Kks.Workflow.Engine.Expressions;

/// <summary>
/// Splits the inside of <c>${...}</c> into tokens. It works on the whole text with absolute
/// positions, so a closing <c>}</c> inside a string literal does not end the expression and every
/// error can name its position in what the designer typed.
/// </summary>
internal sealed class Lexer(string text)
{
    private int _position;

    public void Reset(int position) => _position = position;

    public Token Next()
    {
        while (_position < text.Length && char.IsWhiteSpace(text[_position]))
        {
            _position++;
        }

        var start = _position;
        if (start >= text.Length)
        {
            return new Token(TokenKind.End, start, start, null);
        }

        var c = text[start];
        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
        {
            return Number(start);
        }

        if (char.IsLetter(c) || c == '_')
        {
            return Word(start);
        }

        return c switch
        {
            '\'' or '"' => String(start, c),
            '.' => Symbol(TokenKind.Dot, 1),
            ',' => Symbol(TokenKind.Comma, 1),
            '(' => Symbol(TokenKind.LeftParen, 1),
            ')' => Symbol(TokenKind.RightParen, 1),
            '[' => Symbol(TokenKind.LeftBracket, 1),
            ']' => Symbol(TokenKind.RightBracket, 1),
            '}' => Symbol(TokenKind.RightBrace, 1),
            '?' => Symbol(TokenKind.Question, 1),
            ':' => Symbol(TokenKind.Colon, 1),
            '+' => Symbol(TokenKind.Plus, 1),
            '-' => Symbol(TokenKind.Minus, 1),
            '*' => Symbol(TokenKind.Star, 1),
            '/' => Symbol(TokenKind.Slash, 1),
            '%' => Symbol(TokenKind.Percent, 1),
            '<' => Peek(1) == '=' ? Symbol(TokenKind.LessOrEqual, 2) : Symbol(TokenKind.Less, 1),
            '>' => Peek(1) == '=' ? Symbol(TokenKind.GreaterOrEqual, 2) : Symbol(TokenKind.Greater, 1),
            '!' => Peek(1) == '=' ? Symbol(TokenKind.NotEqual, 2) : Symbol(TokenKind.Not, 1),
            '=' when Peek(1) == '=' => Symbol(TokenKind.Equal, 2),
            '&' when Peek(1) == '&' => Symbol(TokenKind.And, 2),
            '|' when Peek(1) == '|' => Symbol(TokenKind.Or, 2),
            _ => throw Unexpected(start, c),
        };
    }

    private char Peek(int offset) => _position + offset < text.Length ? text[_position + offset] : '\0';

    private Token Symbol(TokenKind kind, int length)
    {
        var start = _position;
        _position += length;
        return new Token(kind, start, _position, null);
    }

    private Token Number(int start)
    {
        var fractional = false;
        SkipDigits();
        if (Peek(0) == '.' && char.IsAsciiDigit(Peek(1)))
        {
            fractional = true;
            _position++;
            SkipDigits();
        }

        if (Peek(0) is 'e' or 'E' && (char.IsAsciiDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2)))))
        {
            fractional = true;
            _position += 2;
            SkipDigits();
        }

        if (char.IsLetterOrDigit(Peek(0)) || Peek(0) == '_')
        {
            throw ExpressionErrors.Parse(text, start, "angka tidak valid", "invalid number",
                "Pisahkan angka dari nama dengan spasi atau operator.", "Separate the number from names with a space or an operator.");
        }

        var digits = text.AsSpan(start, _position - start);
        if (!fractional)
        {
            return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var whole)
                ? new Token(TokenKind.Integer, start, _position, whole)
                : throw ExpressionErrors.Parse(text, start, "angka terlalu besar", "number too large",
                    $"Bilangan bulat paling besar {long.MaxValue}.", $"The largest whole number is {long.MaxValue}.");
        }

        var value = double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(value)
            ? new Token(TokenKind.Decimal, start, _position, value)
            : throw ExpressionErrors.Parse(text, start, "angka terlalu besar", "number too large");
    }

    private void SkipDigits()
    {
        while (_position < text.Length && char.IsAsciiDigit(text[_position]))
        {
            _position++;
        }
    }

    private Token Word(int start)
    {
        while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] == '_'))
        {
            _position++;
        }

        var word = text[start.._position];
        var kind = word switch
        {
            "true" => TokenKind.True,
            "false" => TokenKind.False,
            "null" => TokenKind.Null,
            "and" => TokenKind.And,
            "or" => TokenKind.Or,
            "not" => TokenKind.Not,
            "empty" => TokenKind.Empty,
            "eq" => TokenKind.Equal,
            "ne" => TokenKind.NotEqual,
            "lt" => TokenKind.Less,
            "gt" => TokenKind.Greater,
            "le" => TokenKind.LessOrEqual,
            "ge" => TokenKind.GreaterOrEqual,
            "div" => TokenKind.Slash,
            "mod" => TokenKind.Percent,
            "instanceof" => throw ExpressionErrors.Parse(text, start, "'instanceof' tidak didukung", "'instanceof' is not supported"),
            _ => TokenKind.Identifier,
        };
        return new Token(kind, start, _position, word);
    }

    // JUEL escapes only \\, \' and \"; any other backslash stays as typed, so 'C:\data' reads as written.
    private Token String(int start, char quote)
    {
        var builder = new StringBuilder();
        _position++;
        while (_position < text.Length)
        {
            var c = text[_position];
            if (c == quote)
            {
                _position++;
                return new Token(TokenKind.String, start, _position, builder.ToString());
            }

            if (c == '\\' && Peek(1) is '\\' or '\'' or '"')
            {
                builder.Append(Peek(1));
                _position += 2;
                continue;
            }

            builder.Append(c);
            _position++;
        }

        throw ExpressionErrors.Parse(text, start, "teks yang dimulai di sini tidak ditutup", "the string starting here is not closed",
            $"Tambahkan tanda kutip penutup {quote}.", $"Add the closing quote {quote}.");
    }

    private ExpressionException Unexpected(int position, char c) => c switch
    {
        '=' => ExpressionErrors.Parse(text, position, "'=' tunggal tidak dikenal", "a single '=' is not allowed",
            "Gunakan '==' untuk membandingkan; ekspresi tidak dapat mengubah variabel.", "Use '==' to compare; an expression cannot assign variables."),
        '&' => ExpressionErrors.Parse(text, position, "'&' tunggal tidak dikenal", "a single '&' is not allowed", "Gunakan '&&' atau 'and'.", "Use '&&' or 'and'."),
        '|' => ExpressionErrors.Parse(text, position, "'|' tunggal tidak dikenal", "a single '|' is not allowed", "Gunakan '||' atau 'or'.", "Use '||' or 'or'."),
        '$' or '#' when Peek(1) == '{' => ExpressionErrors.Parse(text, position, $"'{c}{{' tidak boleh di dalam ekspresi lain",
            $"'{c}{{' cannot appear inside another expression", "Tutup ekspresi sebelumnya dengan '}' terlebih dahulu.", "Close the previous expression with '}' first."),
        _ => ExpressionErrors.Parse(text, position, $"karakter '{c}' tidak dikenal", $"unexpected character '{c}'",
            "Teks harus diapit tanda kutip, misalnya 'DINKES'.", "Text must be quoted, for example 'DINKES'."),
    };
}
