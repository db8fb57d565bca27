namespace FhirGateway.FhirPath.Parsing;

/// <summary>One token: its kind, its text (unescaped for strings and identifiers), its offset and, for literals, its value.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position, object? Value = null)
{
    /// <summary>Whether this is a simple identifier spelled <paramref name="word"/> (keywords are simple identifiers to the lexer).</summary>
    public bool IsWord(string word) => Kind == TokenKind.Identifier && string.Equals(Text, word, StringComparison.Ordinal);
}
