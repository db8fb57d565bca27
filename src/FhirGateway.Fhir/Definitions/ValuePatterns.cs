using System.Buffers;

namespace FhirGateway.Fhir.Definitions;

/// <summary>
/// Direct checks for the value patterns most primitives use, equivalent to the anchored regular expressions
/// <see cref="TypeDefinition.ValueRegex"/> builds from them (XML Schema meaning of <c>\s</c>: space, tab, LF, CR).
/// A regular expression costs tens of nanoseconds per call before it reads a character, and string, code and
/// uri values are most of a resource; these checks make the common case a vectorized scan. R4's date, dateTime,
/// instant, time, decimal and integer patterns (STU3 shares the instant and integer ones) are checked by hand,
/// position by position; a pattern not listed here (STU3's other date and number patterns, positiveInt,
/// unsignedInt, oid, uuid, base64) keeps its regular expression.
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

        /// <summary>R4 date: <c>YYYY(-MM(-DD)?)?</c>, year 0001-9999, month 01-12, day 01-31.</summary>
        Date,

        /// <summary>R4 dateTime: a date, then with a day optionally <c>Thh:mm:ss(.f+)?</c> and a zone.</summary>
        DateTime,

        /// <summary>R4 and STU3 instant: <c>YYYY-MM-DDThh:mm:ss(.f+)?</c> and a zone.</summary>
        Instant,

        /// <summary>R4 time: <c>hh:mm:ss(.f+)?</c>, hour 00-23, minute 00-59, second 00-60.</summary>
        Time,

        /// <summary>R4 decimal: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
        Decimal,

        /// <summary>R4 and STU3 integer: <c>-?([0]|([1-9][0-9]*))</c>.</summary>
        Integer,
    }

    // The R4 patterns, exactly as the definitions write them (profiles-types.json, the regex extension).
    private const string Year = "([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)";
    private const string Month = "(0[1-9]|1[0-2])";
    private const string Day = "(0[1-9]|[1-2][0-9]|3[0-1])";
    private const string Clock = "([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?";
    private const string Zone = "(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))";
    private const string DatePattern = Year + "(-" + Month + "(-" + Day + ")?)?";
    private const string DateTimePattern = Year + "(-" + Month + "(-" + Day + "(T" + Clock + Zone + ")?)?)?";
    private const string InstantPattern = Year + "-" + Month + "-" + Day + "T" + Clock + Zone;
    private const string DecimalPattern = "-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?";
    private const string IntegerPattern = "-?([0]|([1-9][0-9]*))";

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
        DatePattern => Kind.Date,
        DateTimePattern => Kind.DateTime,
        InstantPattern => Kind.Instant,
        Clock => Kind.Time,
        DecimalPattern => Kind.Decimal,
        IntegerPattern => Kind.Integer,
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
        Kind.Date => IsDate(value, allowTime: false, requireTime: false),
        Kind.DateTime => IsDate(value, allowTime: true, requireTime: false),
        Kind.Instant => IsDate(value, allowTime: true, requireTime: true),
        Kind.Time => ClockLength(value) == value.Length,
        Kind.Decimal => IsDecimal(value),
        Kind.Integer => IsInteger(value),
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

    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    /// <summary>Two digits at <paramref name="at"/> forming a number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    private static bool TwoDigits(ReadOnlySpan<char> v, int at, int min, int max) =>
        at + 1 < v.Length && IsDigit(v[at]) && IsDigit(v[at + 1]) && (v[at] - '0') * 10 + (v[at + 1] - '0') is var n && n >= min && n <= max;

    private static bool IsDate(ReadOnlySpan<char> v, bool allowTime, bool requireTime)
    {
        // Year: four digits other than 0000.
        if (v.Length < 4 || !IsDigit(v[0]) || !IsDigit(v[1]) || !IsDigit(v[2]) || !IsDigit(v[3]) || v[..4] is "0000")
        {
            return false;
        }

        if (v.Length == 4)
        {
            return !requireTime;
        }

        if (v[4] != '-' || !TwoDigits(v, 5, 1, 12))
        {
            return false;
        }

        if (v.Length == 7)
        {
            return !requireTime;
        }

        if (v.Length < 10 || v[7] != '-' || !TwoDigits(v, 8, 1, 31))
        {
            return false;
        }

        if (v.Length == 10)
        {
            return !requireTime;
        }

        if (!allowTime || v[10] != 'T')
        {
            return false;
        }

        var rest = v[11..];
        var clock = ClockLength(rest);
        return clock > 0 && IsZone(rest[clock..]);
    }

    /// <summary>The length of the <c>hh:mm:ss(.f+)?</c> at the start of <paramref name="v"/>, or -1 when there is none.</summary>
    private static int ClockLength(ReadOnlySpan<char> v)
    {
        if (!TwoDigits(v, 0, 0, 23) || v.Length < 8 || v[2] != ':' || !TwoDigits(v, 3, 0, 59) || v[5] != ':' || !TwoDigits(v, 6, 0, 60))
        {
            return -1;
        }

        if (v.Length == 8 || v[8] != '.')
        {
            return 8;
        }

        // The fraction needs a digit; a bare '.' belongs to nothing that may follow, so the whole fails.
        var digits = Digits(v[9..]);
        return digits == 0 ? -1 : 9 + digits;
    }

    private static bool IsZone(ReadOnlySpan<char> v)
    {
        if (v is "Z")
        {
            return true;
        }

        if (v.Length != 6 || v[0] is not ('+' or '-') || v[3] != ':')
        {
            return false;
        }

        return v[1..] is "14:00" || (TwoDigits(v, 1, 0, 13) && TwoDigits(v, 4, 0, 59));
    }

    private static int Digits(ReadOnlySpan<char> v)
    {
        var n = 0;
        while (n < v.Length && IsDigit(v[n]))
        {
            n++;
        }

        return n;
    }

    /// <summary>The length of <c>0|[1-9][0-9]*</c> at the start of <paramref name="v"/>, 0 when there is none.</summary>
    private static int Natural(ReadOnlySpan<char> v) => v.IsEmpty || !IsDigit(v[0]) ? 0 : v[0] == '0' ? 1 : Digits(v);

    private static bool IsInteger(ReadOnlySpan<char> v)
    {
        var sign = v.Length > 0 && v[0] == '-' ? 1 : 0;
        var n = Natural(v[sign..]);
        return n > 0 && sign + n == v.Length;
    }

    private static bool IsDecimal(ReadOnlySpan<char> v)
    {
        var i = v.Length > 0 && v[0] == '-' ? 1 : 0;
        var n = Natural(v[i..]);
        if (n == 0)
        {
            return false;
        }

        i += n;
        if (i < v.Length && v[i] == '.')
        {
            var fraction = Digits(v[(i + 1)..]);
            if (fraction == 0)
            {
                return false;
            }

            i += 1 + fraction;
        }

        if (i < v.Length && v[i] is 'e' or 'E')
        {
            i++;
            if (i < v.Length && v[i] is '+' or '-')
            {
                i++;
            }

            var exponent = Digits(v[i..]);
            if (exponent == 0)
            {
                return false;
            }

            i += exponent;
        }

        return i == v.Length;
    }
}
