using System.Globalization;
using System.Text;
using FhirGateway.FhirPath.Values;

namespace FhirGateway.FhirPath.Parsing;

/// <summary>
/// Splits an expression into tokens (https://hl7.org/fhirpath/N1/#lexical-elements). Comments and whitespace
/// are dropped; literal values (numbers, dates, strings) are decoded here so the parser works on values.
/// </summary>
internal sealed class Lexer
{
    private readonly string _text;
    private readonly List<Token> _tokens = [];
    private int _pos;

    private Lexer(string text) => _text = text;

    public static List<Token> Tokenize(string text)
    {
        var lexer = new Lexer(text);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        while (true)
        {
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                _tokens.Add(new Token(TokenKind.End, string.Empty, _pos));
                return;
            }

            _tokens.Add(Next());
        }
    }

    // https://hl7.org/fhirpath/N1/#whitespace and #comments
    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (c == '/' && Peek(1) == '/')
            {
                while (_pos < _text.Length && _text[_pos] is not ('\n' or '\r'))
                {
                    _pos++;
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new FhirPathSyntaxException("Unterminated comment", _pos);
                }

                _pos = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private Token Next()
    {
        var start = _pos;
        var c = _text[_pos];
        if (IsIdentifierStart(c))
        {
            return new Token(TokenKind.Identifier, ReadIdentifier(), start);
        }

        if (c is >= '0' and <= '9')
        {
            return ReadNumber();
        }

        switch (c)
        {
            case '\'':
                return new Token(TokenKind.String, ReadQuoted('\''), start);
            case '`':
                return new Token(TokenKind.DelimitedIdentifier, ReadQuoted('`'), start);
            case '@':
                return ReadTemporal();
            case '$':
                _pos++;
                if (_pos < _text.Length && IsIdentifierStart(_text[_pos]))
                {
                    var name = ReadIdentifier();
                    if (name is "this" or "index" or "total")
                    {
                        return new Token(TokenKind.Special, name, start);
                    }
                }

                throw new FhirPathSyntaxException("Expected $this, $index or $total", start);
            case '%':
                _pos++;
                if (_pos < _text.Length && IsIdentifierStart(_text[_pos]))
                {
                    return new Token(TokenKind.External, ReadIdentifier(), start);
                }

                if (_pos < _text.Length && _text[_pos] is '`' or '\'')
                {
                    return new Token(TokenKind.External, ReadQuoted(_text[_pos]), start);
                }

                throw new FhirPathSyntaxException("Expected an environment variable name after '%'", start);
            case '!':
                if (Peek(1) == '=')
                {
                    _pos += 2;
                    return new Token(TokenKind.NotEqual, "!=", start);
                }

                if (Peek(1) == '~')
                {
                    _pos += 2;
                    return new Token(TokenKind.NotTilde, "!~", start);
                }

                break;
            case '<':
                return Peek(1) == '=' ? Two(TokenKind.LessOrEqual, "<=") : One(TokenKind.Less);
            case '>':
                return Peek(1) == '=' ? Two(TokenKind.GreaterOrEqual, ">=") : One(TokenKind.Greater);
            case '.': return One(TokenKind.Dot);
            case ',': return One(TokenKind.Comma);
            case '(': return One(TokenKind.OpenParen);
            case ')': return One(TokenKind.CloseParen);
            case '[': return One(TokenKind.OpenBracket);
            case ']': return One(TokenKind.CloseBracket);
            case '{': return One(TokenKind.OpenBrace);
            case '}': return One(TokenKind.CloseBrace);
            case '+': return One(TokenKind.Plus);
            case '-': return One(TokenKind.Minus);
            case '*': return One(TokenKind.Star);
            case '/': return One(TokenKind.Slash);
            case '&': return One(TokenKind.Ampersand);
            case '|': return One(TokenKind.Pipe);
            case '=': return One(TokenKind.Equal);
            case '~': return One(TokenKind.Tilde);
        }

        throw new FhirPathSyntaxException($"Unexpected character '{c}'", start);
    }

    private Token One(TokenKind kind)
    {
        var t = new Token(kind, _text.Substring(_pos, 1), _pos);
        _pos++;
        return t;
    }

    private Token Two(TokenKind kind, string text)
    {
        var t = new Token(kind, text, _pos);
        _pos += 2;
        return t;
    }

    private static bool IsIdentifierStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || c is >= '0' and <= '9';

    private string ReadIdentifier()
    {
        var start = _pos;
        while (_pos < _text.Length && IsIdentifierPart(_text[_pos]))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private Token ReadNumber()
    {
        var start = _pos;
        while (_pos < _text.Length && _text[_pos] is >= '0' and <= '9')
        {
            _pos++;
        }

        // "1.convertsToInteger()" is an integer and an invocation: a decimal needs digits after the dot.
        var isDecimal = _pos + 1 < _text.Length && _text[_pos] == '.' && _text[_pos + 1] is >= '0' and <= '9';
        if (isDecimal)
        {
            _pos++;
            while (_pos < _text.Length && _text[_pos] is >= '0' and <= '9')
            {
                _pos++;
            }
        }

        var text = _text[start.._pos];
        if (isDecimal)
        {
            return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
                ? new Token(TokenKind.Decimal, text, start, d)
                : throw new FhirPathSyntaxException($"Decimal '{text}' is out of range", start);
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var l))
        {
            return new Token(TokenKind.Integer, text, start, l);
        }

        throw new FhirPathSyntaxException($"Integer '{text}' is out of range", start);
    }

    // https://hl7.org/fhirpath/N1/#string: the escapes of the spec; a backslash before anything else is dropped.
    private string ReadQuoted(char quote)
    {
        var start = _pos;
        _pos++;
        var sb = new StringBuilder();
        while (_pos < _text.Length)
        {
            var c = _text[_pos++];
            if (c == quote)
            {
                return sb.ToString();
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (_pos >= _text.Length)
            {
                break;
            }

            var e = _text[_pos++];
            switch (e)
            {
                case 'r': sb.Append('\r'); break;
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'f': sb.Append('\f'); break;
                case 'u' when _pos + 4 <= _text.Length && ushort.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default: sb.Append(e); break;
            }
        }

        throw new FhirPathSyntaxException(quote == '\'' ? "Unterminated string" : "Unterminated delimited identifier", start);
    }

    // https://hl7.org/fhirpath/N1/#date, #time and #datetime: "@" then a (partial) date, date-time or time.
    private Token ReadTemporal()
    {
        var start = _pos;
        _pos++;
        var span = _text.AsSpan();
        if (_pos < _text.Length && _text[_pos] == 'T')
        {
            _pos++;
            if (!PartialTime.ReadTime(span, ref _pos, out var time))
            {
                throw new FhirPathSyntaxException("Invalid time literal", start);
            }

            if (LooksLikeOffset(span, _pos))
            {
                // The grammar has no timezone on times (https://hl7.org/fhirpath/N1/#time); reading it lets the
                // error say what is wrong instead of failing on a stray token.
                throw new FhirPathSemanticException("A time literal cannot have a timezone offset", start);
            }

            return new Token(TokenKind.Time, _text[start.._pos], start, time);
        }

        var dateStart = _pos;
        if (!PartialDateTime.Read(span, ref _pos, allowTrailingT: true, out var dateTime))
        {
            throw new FhirPathSyntaxException("Invalid date or date-time literal", start);
        }

        var text = _text[start.._pos];
        return span[dateStart.._pos].Contains('T')
            ? new Token(TokenKind.DateTime, text, start, dateTime)
            : new Token(TokenKind.Date, text, start, dateTime.ToPartialDate());
    }

    private static bool LooksLikeOffset(ReadOnlySpan<char> s, int pos)
    {
        if (pos >= s.Length)
        {
            return false;
        }

        if (s[pos] == 'Z')
        {
            return pos + 1 >= s.Length || !IsIdentifierPart(s[pos + 1]);
        }

        return s[pos] is '+' or '-' && s.Length - pos >= 6 &&
               char.IsAsciiDigit(s[pos + 1]) && char.IsAsciiDigit(s[pos + 2]) && s[pos + 3] == ':' && char.IsAsciiDigit(s[pos + 4]) && char.IsAsciiDigit(s[pos + 5]);
    }
}
