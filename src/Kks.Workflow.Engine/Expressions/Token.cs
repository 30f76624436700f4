namespace Kks.Workflow.Engine.Expressions;

internal enum TokenKind
{
    End,
    Identifier,
    Integer,
    Decimal,
    String,
    True,
    False,
    Null,
    Dot,
    Comma,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    RightBrace,
    Question,
    Colon,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Equal,
    NotEqual,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
    And,
    Or,
    Not,
    Empty,
}

/// <summary>A token with its span [Start, End) in the whole text, so messages can point at it.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int End, object? Value);
