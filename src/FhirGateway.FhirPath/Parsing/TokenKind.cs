namespace FhirGateway.FhirPath.Parsing;

/// <summary>The lexical categories of https://hl7.org/fhirpath/N1/#lexical-elements.</summary>
internal enum TokenKind
{
    End,
    Identifier,
    DelimitedIdentifier,
    String,
    Integer,
    Decimal,
    Date,
    DateTime,
    Time,

    /// <summary><c>$this</c>, <c>$index</c>, <c>$total</c>: the text holds the name without the dollar.</summary>
    Special,

    /// <summary><c>%name</c>, <c>%`name`</c> or <c>%'name'</c>: the text holds the name.</summary>
    External,
    Dot,
    Comma,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    OpenBrace,
    CloseBrace,
    Plus,
    Minus,
    Star,
    Slash,
    Ampersand,
    Pipe,
    Equal,
    Tilde,
    NotEqual,
    NotTilde,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
