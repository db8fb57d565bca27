using System.Buffers;
using System.Runtime.CompilerServices;

namespace FhirGateway.Fhir.Serialization;

/// <summary>
/// A forward scan that recognises the common shape of narrative (ASCII names, the predefined entities and character
/// references, balanced tags, a root <c>div</c> declaring the XHTML namespace) as well-formed XML without building
/// an XmlReader. It only ever says "surely well-formed"; anything it does not fully understand (comments, CDATA,
/// prefixes, non-ASCII names, any doubt) is left to the XmlReader check in <see cref="Xhtml"/>, which also words
/// the error. https://www.w3.org/TR/xml/#sec-well-formed
/// </summary>
internal static class XhtmlScanner
{
    private const string RootStart = "<div";
    private const string Declaration = "xmlns=\"" + Xhtml.Namespace + "\"";

    // Text that needs no look at all: tab, line feed, carriage return and printable ASCII other than the three
    // characters markup starts with. Narrative is mostly such runs, skipped in bulk (vectorized).
    private static readonly SearchValues<char> PlainText = SearchValues.Create(
        "\t\n\r !\"#$%'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    // The same inside attribute values, where '>' is plain too but either quote may end the value.
    private static readonly SearchValues<char> PlainValue = SearchValues.Create(
        "\t\n\r !#$%()*+,-./0123456789:;=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    public static bool IsSurelyWellFormed(string text)
    {
        if (!text.StartsWith(RootStart, StringComparison.Ordinal) || text.Length < 6 || !(text[4] is ' ' or '>' or '\t' or '\n' or '\r'))
        {
            return false;
        }

        var stack = ArrayPool<int>.Shared.Rent(128);
        try
        {
            return Scan(text, stack);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(stack);
        }
    }

    private static bool Scan(string s, int[] stack)
    {
        var depth = 0;
        var i = 0;
        var rootClosed = false;
        while (i < s.Length)
        {
            var c = s[i];
            if (rootClosed)
            {
                return false;
            }

            if (c == '<')
            {
                if (i + 1 >= s.Length)
                {
                    return false;
                }

                if (s[i + 1] == '/')
                {
                    // End tag: must close the innermost open element.
                    var nameStart = i + 2;
                    var nameEnd = NameEnd(s, nameStart);
                    if (nameEnd == nameStart || depth == 0)
                    {
                        return false;
                    }

                    var openStart = stack[(depth - 1) * 2];
                    var openLength = stack[((depth - 1) * 2) + 1];
                    if (!s.AsSpan(nameStart, nameEnd - nameStart).SequenceEqual(s.AsSpan(openStart, openLength)))
                    {
                        return false;
                    }

                    i = SkipSpace(s, nameEnd);
                    if (i >= s.Length || s[i] != '>')
                    {
                        return false;
                    }

                    depth--;
                    i++;
                    rootClosed = depth == 0;
                    continue;
                }

                var start = i + 1;
                var end = NameEnd(s, start);
                if (end == start)
                {
                    return false;
                }

                var afterTag = StartTagEnd(s, end, isRoot: depth == 0 && i == 0, out var selfClosing);
                if (afterTag < 0)
                {
                    return false;
                }

                if (selfClosing)
                {
                    rootClosed = depth == 0;
                }
                else
                {
                    if ((depth + 1) * 2 > stack.Length)
                    {
                        return false;
                    }

                    stack[depth * 2] = start;
                    stack[(depth * 2) + 1] = end - start;
                    depth++;
                }

                i = afterTag;
                continue;
            }

            if (PlainText.Contains(c))
            {
                var run = s.AsSpan(i + 1).IndexOfAnyExcept(PlainText);
                i = run < 0 ? s.Length : i + 1 + run;
                continue;
            }

            if (c == '&')
            {
                i = EntityEnd(s, i);
                if (i < 0)
                {
                    return false;
                }

                continue;
            }

            if (c == '>' && i >= 2 && s[i - 1] == ']' && s[i - 2] == ']')
            {
                return false;
            }

            if (!IsXmlChar(c))
            {
                return false;
            }

            i++;
        }

        return rootClosed && depth == 0;
    }

    /// <summary>The end of an ASCII XML name without a prefix, or <paramref name="start"/> when there is none.</summary>
    private static int NameEnd(string s, int start)
    {
        var i = start;
        if (i >= s.Length || !(char.IsAsciiLetter(s[i]) || s[i] == '_'))
        {
            return start;
        }

        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '-' or '_' or '.'))
        {
            i++;
        }

        return i;
    }

    private static int SkipSpace(string s, int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t' or '\n' or '\r')
        {
            i++;
        }

        return i;
    }

    /// <summary>Reads attributes to the end of a start tag; -1 when unsure. The root must declare the XHTML namespace.</summary>
    private static int StartTagEnd(string s, int i, bool isRoot, out bool selfClosing)
    {
        selfClosing = false;
        var declared = false;
        Span<(int Start, int Length)> names = stackalloc (int, int)[16];
        var count = 0;
        while (true)
        {
            var afterSpace = SkipSpace(s, i);
            if (afterSpace >= s.Length)
            {
                return -1;
            }

            if (s[afterSpace] == '>')
            {
                return isRoot && !declared ? -1 : afterSpace + 1;
            }

            if (s[afterSpace] == '/')
            {
                selfClosing = true;
                return afterSpace + 1 < s.Length && s[afterSpace + 1] == '>' && (!isRoot || declared) ? afterSpace + 2 : -1;
            }

            if (afterSpace == i)
            {
                return -1;
            }

            var nameStart = afterSpace;
            var nameEnd = NameEnd(s, nameStart);
            var isXmlLang = s.AsSpan(nameStart).StartsWith("xml:lang", StringComparison.Ordinal);
            if (isXmlLang)
            {
                nameEnd = nameStart + 8;
            }

            if (nameEnd == nameStart || count == names.Length)
            {
                return -1;
            }

            var name = s.AsSpan(nameStart, nameEnd - nameStart);
            for (var k = 0; k < count; k++)
            {
                if (name.SequenceEqual(s.AsSpan(names[k].Start, names[k].Length)))
                {
                    return -1;
                }
            }

            names[count++] = (nameStart, nameEnd - nameStart);
            if (name.SequenceEqual("xmlns"))
            {
                // Only the root's own XHTML declaration is understood here.
                if (!isRoot || !s.AsSpan(nameStart).StartsWith(Declaration, StringComparison.Ordinal))
                {
                    return -1;
                }

                declared = true;
            }

            i = SkipSpace(s, nameEnd);
            if (i >= s.Length || s[i] != '=')
            {
                return -1;
            }

            i = SkipSpace(s, i + 1);
            if (i >= s.Length || s[i] is not ('"' or '\''))
            {
                return -1;
            }

            var quote = s[i++];
            while (i < s.Length && s[i] != quote)
            {
                if (PlainValue.Contains(s[i]))
                {
                    var run = s.AsSpan(i + 1).IndexOfAnyExcept(PlainValue);
                    i = run < 0 ? s.Length : i + 1 + run;
                    continue;
                }

                if (s[i] == '<')
                {
                    return -1;
                }

                if (s[i] == '&')
                {
                    i = EntityEnd(s, i);
                    if (i < 0)
                    {
                        return -1;
                    }

                    continue;
                }

                if (!IsXmlChar(s[i]))
                {
                    return -1;
                }

                i++;
            }

            if (i >= s.Length)
            {
                return -1;
            }

            i++;
        }
    }

    /// <summary>The position after a predefined entity or character reference at <paramref name="i"/>; -1 otherwise.</summary>
    private static int EntityEnd(string s, int i)
    {
        var semicolon = s.IndexOf(';', i + 1, Math.Min(12, s.Length - i - 1));
        if (semicolon < 0)
        {
            return -1;
        }

        var body = s.AsSpan(i + 1, semicolon - i - 1);
        if (body is "lt" or "gt" or "amp" or "quot" or "apos")
        {
            return semicolon + 1;
        }

        if (body.Length < 2 || body[0] != '#')
        {
            return -1;
        }

        var hex = body[1] == 'x';
        var digits = hex ? body[2..] : body[1..];
        if (digits.IsEmpty || !int.TryParse(digits, hex ? System.Globalization.NumberStyles.AllowHexSpecifier : System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            return -1;
        }

        // XML 1.0 section 2.2: a character reference must name a legal character.
        var legal = code is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);
        return legal ? semicolon + 1 : -1;
    }

    /// <summary>XML 1.0 Char for one UTF-16 unit: surrogates are accepted only as part of the scan's doubt-free ASCII-or-BMP path, so refuse them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsXmlChar(char c) => c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
}
