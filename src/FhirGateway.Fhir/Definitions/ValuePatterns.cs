using System.Buffers;

namespace FhirGateway.Fhir.Definitions;

/// <summary>
/// Direct checks for the value patterns most primitives use, equivalent to the anchored regular expressions
/// <see cref="TypeDefinition.ValueRegex"/> builds from them (XML Schema meaning of <c>\s</c>: space, tab, LF, CR).
/// A regular expression costs tens of nanoseconds per call before it reads a character, and string, code and
/// uri values are most of a resource; these checks make the common case a vectorized scan. A pattern not
/// listed here (dates, numbers, oid, uuid, base64) keeps its regular expression.
/// </summary>
internal static class ValuePatterns
{
    /// <summary>How a pattern is checked.</summary>
    public enum Kind
    {
        /// <summary>By its regular expression.</summary>
        Regex,

        /// <summary><c>[ \r\n\t\S]+</c> (string, markdown): the class covers every character, so any non-empty value.</summary>
        NonEmpty,

        /// <summary><c>\S*</c> (uri, url, canonical): no XML Schema whitespace.</summary>
        NoWhitespace,

        /// <summary><c>[^\s]+(\s[^\s]+)*</c> (R4 code) and <c>[^\s]+([\s]?[^\s]+)*</c> (STU3 code): non-empty, no leading, trailing or doubled whitespace.</summary>
        Token,

        /// <summary><c>true|false</c> (boolean).</summary>
        Boolean,

        /// <summary><c>[A-Za-z0-9\-\.]{1,64}</c> (id).</summary>
        Id,
    }

    private static readonly SearchValues<char> Whitespace = SearchValues.Create(" \t\n\r");

    private static readonly SearchValues<char> IdCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.");

    /// <summary>The kind of check for a pattern as the definitions write it.</summary>
    public static Kind KindOf(string? pattern) => pattern switch
    {
        @"[ \r\n\t\S]+" => Kind.NonEmpty,
        @"\S*" => Kind.NoWhitespace,
        @"[^\s]+(\s[^\s]+)*" or @"[^\s]+([\s]?[^\s]+)*" => Kind.Token,
        "true|false" => Kind.Boolean,
        @"[A-Za-z0-9\-\.]{1,64}" => Kind.Id,
        _ => Kind.Regex,
    };

    /// <summary>Checks <paramref name="value"/> for a kind other than <see cref="Kind.Regex"/>.</summary>
    public static bool Matches(Kind kind, ReadOnlySpan<char> value) => kind switch
    {
        Kind.NonEmpty => !value.IsEmpty,
        Kind.NoWhitespace => !value.ContainsAny(Whitespace),
        Kind.Token => IsToken(value),
        Kind.Boolean => value is "true" or "false",
        Kind.Id => value.Length is >= 1 and <= 64 && !value.ContainsAnyExcept(IdCharacters),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static bool IsToken(ReadOnlySpan<char> value)
    {
        var next = value.IndexOfAny(Whitespace);
        if (next < 0)
        {
            return !value.IsEmpty;
        }

        // Whitespace must sit between two non-whitespace characters, one at a time.
        var previousWasSpace = true;
        foreach (var c in value)
        {
            var space = c is ' ' or '\t' or '\n' or '\r';
            if (space && previousWasSpace)
            {
                return false;
            }

            previousWasSpace = space;
        }

        return !previousWasSpace;
    }
}
